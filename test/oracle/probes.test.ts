/**
 * Probe differential test: several hundred single-rule dumps (fixtures/probes/rules.txt,
 * rules6.txt) judged by iptlint and by the real kernel (iptables-restore 1.8.9, real load,
 * both backends). The kernel's verdicts are cached in fixtures/probes/verdicts.tsv, so this
 * runs without iptables; where iptables is installed it asks the kernel again and reports a
 * stale cache. Regenerate the cache with IPTLINT_REFRESH_ORACLE=1.
 *
 * Each probe is judged for both backends: the nft verdict against iptlint's default (a dump
 * without header is for nft), the legacy verdict against `backend: "legacy"`.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../../src/ast/backend.js";
import { lintText } from "../../src/lint.js";
import { kernelCacheTests } from "./cache-tests.js";
import { compareWithKnown, judge, type Judgement } from "./judge.js";
import { BACKENDS, cacheKey, kernelVerdicts, type KernelVerdict, type Verdicts } from "./kernel.js";
import { readProbes, type Probe } from "./probe-dump.js";

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/probes");
const VERDICTS = join(FIXTURES, "verdicts.tsv");

const PROBES: readonly Probe[] = [
  ...readProbes(join(FIXTURES, "rules.txt"), "ipv4"),
  ...readProbes(join(FIXTURES, "rules6.txt"), "ipv6"),
];

/**
 * Probes where iptlint and the kernel disagree today, as `BACKEND v4|v6 PROBE-LINE`, each with
 * why. The test fails when a listed probe starts agreeing (remove it) or a new one appears.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  "legacy v4 filter INPUT -m limit --limit-burst 0":
    "legacy rejects burst 0 at load (nft accepts); iptlint has no legacy error/warning for it",
  "legacy v4 filter INPUT -m nosuchmatch":
    "\"Couldn't load match `nosuchmatch'\"; iptlint only says info IPT017 (unknown to iptlint)",
  "nft v4 filter INPUT -m nosuchmatch":
    "\"Couldn't load match `nosuchmatch'\"; iptlint only says info IPT017 (unknown to iptlint)",
};

function outcomeKey(backend: Backend, p: Probe): string {
  return `${backend} ${p.family === "ipv6" ? "v6" : "v4"} ${p.line}`;
}

function judgeProbe(p: Probe, kernel: KernelVerdict, backend: Backend): Judgement {
  const result = lintText(p.text, { family: { family: p.family, source: "option" }, backend });
  return judge(result.findings, kernel, backend, { environmental: p.environmental, culpritLines: [p.ruleLine] });
}

describe("probe differential: iptlint vs the kernel on single rules", () => {
  let kernel: Verdicts;
  const outcomes = new Map<string, Judgement>();

  beforeAll(async () => {
    const cases = PROBES.map((p) => ({ key: p.line, family: p.family, text: p.text }));
    kernel = await kernelVerdicts(cases, VERDICTS);
    for (const p of PROBES) {
      const v = kernel.verdicts.get(cacheKey({ key: p.line, family: p.family }));
      if (!v) continue;
      for (const b of BACKENDS) outcomes.set(outcomeKey(b, p), judgeProbe(p, v, b));
    }
  }, 600_000);

  it("has no duplicate probes", () => {
    const keys = PROBES.map((p) => cacheKey({ key: p.line, family: p.family }));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  kernelCacheTests(() => kernel, "probe", "fixtures/probes/verdicts.tsv");

  it("agrees with the kernel on every probe not listed in KNOWN_DISAGREEMENTS", () => {
    for (const b of BACKENDS) {
      const mine = [...outcomes].filter(([k]) => k.startsWith(`${b} `));
      const agree = mine.filter(([, j]) => j.agrees).length;
      console.log(`probes (${b}, kernel verdicts from ${kernel.source}): ${agree}/${mine.length} agree`);
    }
    const { unexpected, nowAgreeing, unknownKeys } = compareWithKnown(outcomes, KNOWN_DISAGREEMENTS);
    expect(unknownKeys, "KNOWN_DISAGREEMENTS names probes that do not exist").toEqual([]);
    expect(nowAgreeing, "these probes agree now: remove them from KNOWN_DISAGREEMENTS").toEqual([]);
    expect(unexpected, "new disagreements with the kernel").toEqual([]);
  });
});
