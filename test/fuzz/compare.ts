/**
 * The kernel fuzzer's judgement, shared by scripts/fuzz-kernel.ts and the test-suite sample:
 * which mutants to make, iptlint's accept/reject verdict on each (any kernel error = reject,
 * src/checks.ts isKernelError), and why iptlint and the kernel disagree when they do.
 *
 * A disagreement is iptlint's fault unless the kernel's message names something the oracle's
 * private namespace lacks but a real host may have (ipsets, DNS, kernel modules, extensions
 * iptlint does not know); those are classified with the reason, never hidden.
 */
import { createHash } from "node:crypto";
import type { Backend } from "../../src/ast/backend.js";
import { kernelErrors } from "../../src/checks.js";
import type { Finding } from "../../src/findings.js";
import { lintText } from "../../src/lint.js";
import type { Family } from "../../src/model/netfilter.js";
import type { BackendVerdict } from "../oracle/kernel.js";
import { Dice, mutate, prng, vocabularyOf } from "./mutate.js";
import type { Seed } from "./seeds.js";

export interface FuzzCase {
  /** Names the mutant in reports and in the verdict cache: text hash, seed file, mutations. */
  readonly key: string;
  readonly index: number;
  readonly seed: string;
  readonly family: Family;
  readonly text: string;
  readonly ops: readonly string[];
}

/** Mutant `index` of run `runSeed`: its own PRNG stream, so it can be made again alone. */
export function makeCase(seeds: readonly Seed[], vocabulary: readonly string[], runSeed: number, index: number): FuzzCase {
  const dice = new Dice(prng(Math.imul(runSeed, 1_000_003) + index));
  const seed = dice.pick(seeds);
  const { text, ops } = mutate(seed.text, dice, vocabulary);
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 12);
  return { key: `${hash} ${seed.name} ${ops.join(", ")}`, index, seed: seed.name, family: seed.family, text, ops };
}

export function makeCases(seeds: readonly Seed[], runSeed: number, count: number): FuzzCase[] {
  const vocabulary = vocabularyOf(seeds.map((s) => s.text));
  return Array.from({ length: count }, (_, i) => makeCase(seeds, vocabulary, runSeed, i));
}

export interface IptlintVerdict {
  readonly rejected: boolean;
  readonly errors: Finding[];
  readonly findings: Finding[];
}

/**
 * iptlint told what the oracle is told: restore input (`--input-format save`, so that a
 * mutant that lost its `*table` header is not read as `iptables -S` output), of the seed's
 * family, judged for one backend.
 */
export function iptlintVerdict(text: string, family: Family, backend: Backend): IptlintVerdict {
  const { findings } = lintText(text, { family: { family, source: "option" }, backend, inputFormat: "save" });
  const errors = kernelErrors(findings);
  return { rejected: errors.length > 0, errors, findings };
}

export type Outcome =
  | { readonly agrees: true; readonly sameLine: boolean }
  | { readonly agrees: false; readonly environment?: string; readonly class: string };

/**
 * Reasons the kernel in the oracle's empty namespace rejects what a real host may load, by
 * the restore error. Each says why it is the environment, not the dump.
 */
const ENVIRONMENT: readonly { readonly test: (kernel: string, findings: readonly Finding[]) => boolean; readonly reason: string }[] = [
  {
    test: (k) => /Set \S+ doesn't exist/.test(k),
    reason: "ipset missing: the namespace has no ipsets; a host that created the set loads the rule (iptlint says IPT107 ipset-must-exist)",
  },
  {
    test: (k, f) => /host\/network `[^']*' not found|getaddrinfo: Temporary failure in name resolution/.test(k) && f.some((x) => x.code === "IPT106"),
    reason: "host name needs DNS: the namespace has no network; iptlint cannot know whether the name resolves on the host (IPT106)",
  },
  {
    test: (k, f) => /Couldn't load (match|target)|missing kernel module|not supported/.test(k) && f.some((x) => x.code === "IPT017"),
    reason: "extension unknown to iptlint and absent from this kernel: a host with the module (xtables-addons, a newer kernel) loads it; iptlint says IPT017 unknown-extension",
  },
];

/** Numbers and quoted names replaced, so that one kind of disagreement is one class. */
function shape(message: string): string {
  return message
    .replace(/`[^']*'|"[^"]*"|'[^']*'/g, "`…'")
    .replace(/\d+/g, "N")
    .replace(/ip6?tables(-nft|-legacy)?-restore( vN\.N\.N \((nf_tables|legacy)\))?:?/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 90);
}

export function compare(kernel: BackendVerdict, mine: IptlintVerdict): Outcome {
  if (!kernel.accepted && mine.rejected) {
    const lines = new Set([...kernel.message.matchAll(/line:? (\d+)/g)].map((m) => Number(m[1])));
    return { agrees: true, sameLine: lines.size === 0 || mine.errors.some((e) => lines.has(e.span.start.line)) };
  }
  if (kernel.accepted && !mine.rejected) return { agrees: true, sameLine: true };
  if (kernel.accepted) {
    const codes = [...new Set(mine.errors.map((e) => e.code))].sort().join("+");
    return { agrees: false, class: `iptlint rejects (${codes}), kernel accepts` };
  }
  const env = ENVIRONMENT.find((e) => e.test(kernel.message, mine.findings));
  return {
    agrees: false,
    class: `kernel rejects (${shape(kernel.message)}), iptlint accepts`,
    ...(env ? { environment: env.reason } : {}),
  };
}
