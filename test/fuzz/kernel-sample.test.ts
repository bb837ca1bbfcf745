/**
 * A fixed-seed sample of the kernel fuzzer (scripts/fuzz-kernel.ts, `npm run fuzz:kernel`) in
 * the normal suite: 150 mutants of a few repository fixtures, judged by iptlint and by the
 * real kernel (../shared/tools/oracle, both backends). Like the probe test (test/oracle/), the
 * kernel's verdicts are cached in fixtures/fuzz/kernel-sample.tsv: where iptables is installed
 * (CI: .ci/run installs it) the kernel is asked again and a stale cache fails the test;
 * IPTLINT_ORACLE=cache uses the cache; IPTLINT_REFRESH_ORACLE=1 rewrites it.
 *
 * The seeds are named here, not every fixture, so that adding a fixture does not change the
 * sample. Changing one of them, or test/fuzz/mutate.ts, changes the mutants: refresh the cache.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { kernelCacheTests } from "../oracle/cache-tests.js";
import { BACKENDS, cacheKey, kernelVerdicts, type Verdicts } from "../oracle/kernel.js";
import { compare, iptlintVerdict, makeCases, type FuzzCase } from "./compare.js";
import { fixtureSeeds } from "./seeds.js";

const CACHE = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/fuzz"), "kernel-sample.tsv");
const SAMPLE_SEED = 20261122;
const SAMPLE_SIZE = 150;
const SEED_FILES = [
  "fixtures/docker/eras/c-17.06-swarm.rules",
  "fixtures/docker/eras/d-27.5-clean.rules",
  "fixtures/docker/eras/d-27.5-clean.save6",
  "fixtures/docker/eras/f-28.5-clean.rules",
  "fixtures/docker/hand-edited-mistakes.rules",
  "fixtures/docker/ufw-docker-host.rules",
  "fixtures/fmt/hand-edited.rules",
  "fixtures/syntax/crlf.rules",
];

describe("kernel fuzzing sample: iptlint's accept/reject verdict vs the kernel's on 150 mutants", () => {
  const seeds = fixtureSeeds().filter((s) => SEED_FILES.includes(s.name));
  const cases: FuzzCase[] = makeCases(seeds, SAMPLE_SEED, SAMPLE_SIZE);
  let kernel: Verdicts;

  beforeAll(async () => {
    kernel = await kernelVerdicts(
      cases.map((c) => ({ key: c.key, family: c.family, text: c.text })),
      CACHE,
    );
  }, 600_000);

  it("mutates the named seeds", () => {
    expect(seeds.map((s) => s.name).sort()).toEqual([...SEED_FILES].sort());
  });

  kernelCacheTests(() => kernel, "mutant", "fixtures/fuzz/kernel-sample.tsv");

  it("agrees with the kernel on every mutant, but where the oracle's namespace lacks what a host has", () => {
    let compared = 0;
    let agreed = 0;
    let rejected = 0;
    const faults: string[] = [];
    for (const c of cases) {
      const v = kernel.verdicts.get(cacheKey(c));
      if (!v) continue;
      for (const b of BACKENDS) {
        compared++;
        if (!v[b].accepted) rejected++;
        const outcome = compare(v[b], iptlintVerdict(c.text, c.family, b));
        if (outcome.agrees) agreed++;
        else if (!outcome.environment) faults.push(`${b} mutant #${c.index} ${c.key}: ${outcome.class}; kernel: ${v[b].message || "accepted"}`);
      }
    }
    console.log(`kernel fuzzing sample (verdicts from ${kernel.source}): ${agreed}/${compared} agree, the kernel rejects ${rejected}`);
    // The sample must exercise both verdicts, or it tests little.
    expect(rejected).toBeGreaterThan(compared / 4);
    expect(compared - rejected).toBeGreaterThan(compared / 10);
    expect(faults).toEqual([]);
  });
});
