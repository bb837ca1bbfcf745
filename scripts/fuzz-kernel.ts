/**
 * Differential fuzzing against the kernel (issue 7): mutates the corpus dumps and the
 * fixtures (test/fuzz/mutate.ts), asks `../shared/tools/oracle check` (iptables-restore 1.8.9,
 * real load in a private network namespace, nft and legacy) and iptlint for their verdicts on
 * each mutant, and reports where they differ.
 *
 *   npm run fuzz:kernel -- [--count N] [--seed S] [--out FILE] [--parallel P] [--minimise K]
 *
 * iptlint's verdict is "reject" when it raises any kernel error (src/checks.ts), judged once
 * per backend with the backend forced, against that backend's kernel verdict. The first
 * mutant of each disagreement class (K classes, default 40) is minimised by deleting lines
 * while the same disagreement remains. Exit status 1 when a disagreement is not explained by
 * the oracle's environment (test/fuzz/compare.ts).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Backend } from "../src/ast/backend.js";
import { escapeText } from "../src/text.js";
import { compare, iptlintVerdict, makeCases, type FuzzCase, type Outcome } from "../test/fuzz/compare.js";
import { corpusSeeds, fixtureSeeds } from "../test/fuzz/seeds.js";
import { askKernelAll, BACKENDS, cacheKey, type KernelVerdict } from "../test/oracle/kernel.js";

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "7" },
    out: { type: "string" },
    parallel: { type: "string", default: "2" },
    minimise: { type: "string", default: "40" },
  },
});
const COUNT = Number(args.count);
const RUN_SEED = Number(args.seed);
const PARALLEL = Number(args.parallel);
const MINIMISE = Number(args.minimise);
const CHUNK = 100;

interface Disagreement {
  readonly c: FuzzCase;
  readonly backend: Backend;
  readonly outcome: Extract<Outcome, { agrees: false }>;
  readonly kernel: string;
  readonly iptlint: string;
}

const yieldToChildren = (): Promise<void> => new Promise((r) => setImmediate(r));

async function kernelOn(cases: readonly FuzzCase[]): Promise<Map<string, KernelVerdict>> {
  return askKernelAll(cases.map((c) => ({ key: c.key, family: c.family, text: c.text })), PARALLEL);
}

function describeMine(c: Pick<FuzzCase, "text" | "family">, backend: Backend): string {
  const v = iptlintVerdict(c.text, c.family, backend);
  return v.errors.map((f) => `line ${f.span.start.line} ${f.code}: ${escapeText(f.message)}`).join(" | ") || "no kernel error";
}

/** Deletes lines (halves, then quarters, … then single lines) while the disagreement stays the same. */
async function minimise(d: Disagreement, budget = 250): Promise<string> {
  let lines = d.c.text.split("\n");
  const same = async (candidate: string[]): Promise<boolean> => {
    const text = candidate.join("\n");
    const key = `min ${lines.length}`;
    const kernel = (await askKernelAll([{ key, family: d.c.family, text }], 1)).get(cacheKey({ key, family: d.c.family })) as KernelVerdict;
    const o = compare(kernel[d.backend], iptlintVerdict(text, d.c.family, d.backend));
    return !o.agrees && o.class === d.outcome.class;
  };
  for (let size = Math.ceil(lines.length / 2); size >= 1 && budget > 0; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let start = 0; start < lines.length && budget > 0; ) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + size)];
      budget--;
      if (candidate.length > 0 && (await same(candidate))) lines = candidate;
      else start += size;
    }
  }
  return lines.join("\n");
}

function fence(text: string): string {
  return ["```", ...text.split("\n").map((l) => escapeText(l)), "```"].join("\n");
}

async function main(): Promise<void> {
  const seeds = [...corpusSeeds(), ...fixtureSeeds()];
  const cases = makeCases(seeds, RUN_SEED, COUNT);
  const started = Date.now();
  const tally = { compared: 0, agreed: 0, environmental: 0, bothRejected: 0, sameLine: 0 };
  const perBackend = new Map<Backend, { compared: number; agreed: number; kernelRejected: number }>(BACKENDS.map((b) => [b, { compared: 0, agreed: 0, kernelRejected: 0 }]));
  const disagreements: Disagreement[] = [];
  /** Per mutation kind: how many mutants used it, and how many of those the kernel (nft) rejected. */
  const byOp = new Map<string, { used: number; rejected: number }>();
  process.stderr.write(`fuzz:kernel: ${COUNT} mutants of ${seeds.length} seeds, seed ${RUN_SEED}, oracle parallelism ${PARALLEL}\n`);

  let pending = kernelOn(cases.slice(0, CHUNK));
  for (let from = 0; from < cases.length; from += CHUNK) {
    const verdicts = await pending;
    if (from + CHUNK < cases.length) pending = kernelOn(cases.slice(from + CHUNK, from + 2 * CHUNK));
    for (const c of cases.slice(from, from + CHUNK)) {
      const kernel = verdicts.get(cacheKey(c)) as KernelVerdict;
      for (const op of new Set(c.ops.map((o) => o.split(" ")[0] as string))) {
        const s = byOp.get(op) ?? { used: 0, rejected: 0 };
        s.used++;
        if (!kernel.nft.accepted) s.rejected++;
        byOp.set(op, s);
      }
      for (const b of BACKENDS) {
        const outcome = compare(kernel[b], iptlintVerdict(c.text, c.family, b));
        const stats = perBackend.get(b) as { compared: number; agreed: number; kernelRejected: number };
        stats.compared++;
        tally.compared++;
        if (!kernel[b].accepted) stats.kernelRejected++;
        if (outcome.agrees) {
          stats.agreed++;
          tally.agreed++;
          if (!kernel[b].accepted) {
            tally.bothRejected++;
            if (outcome.sameLine) tally.sameLine++;
          }
        } else {
          if (outcome.environment) tally.environmental++;
          disagreements.push({ c, backend: b, outcome, kernel: kernel[b].accepted ? "accepted" : kernel[b].message, iptlint: describeMine(c, b) });
        }
      }
      await yieldToChildren();
    }
    process.stderr.write(`\r${Math.min(from + CHUNK, cases.length)}/${cases.length} mutants, ${disagreements.length} disagreements`);
  }
  process.stderr.write("\n");

  const classes = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    // One class per kind and per explanation: a kind can hold both (a host name on one mutant, none on another).
    const k = `${d.backend}\t${d.outcome.class}\t${d.outcome.environment ?? "iptlint"}`;
    classes.set(k, [...(classes.get(k) ?? []), d]);
  }
  const ordered = [...classes.values()].sort((a, b) => b.length - a.length);
  const minimised = new Map<Disagreement, string>();
  for (const group of ordered.slice(0, MINIMISE)) {
    const first = group[0] as Disagreement;
    minimised.set(first, await minimise(first));
  }

  const pct = (n: number, of: number): string => (of === 0 ? "n/a" : `${((100 * n) / of).toFixed(2)}%`);
  const faults = disagreements.filter((d) => !d.outcome.environment).length;
  const summary = [
    `mutants: ${COUNT} (seed ${RUN_SEED}, ${seeds.length} seed dumps), comparisons: ${tally.compared} (each mutant against nft and legacy)`,
    `agreement: ${tally.agreed}/${tally.compared} = ${pct(tally.agreed, tally.compared)}; disagreements: ${disagreements.length} (${tally.environmental} due to the oracle's environment, ${faults} iptlint's)`,
    `agreement counting environment-explained disagreements as agreeing: ${pct(tally.agreed + tally.environmental, tally.compared)}`,
    ...[...perBackend].map(([b, s]) => `  ${b}: ${s.agreed}/${s.compared} = ${pct(s.agreed, s.compared)} (kernel rejected ${s.kernelRejected})`),
    `both reject: ${tally.bothRejected}; iptlint errs at a line the kernel names: ${tally.sameLine} (${pct(tally.sameLine, tally.bothRejected)})`,
    `time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `mutations (mutants using it, of which the kernel (nft) rejects):`,
    ...[...byOp].sort(([a], [b]) => (a < b ? -1 : 1)).map(([op, s]) => `  ${op.padEnd(15)} ${String(s.used).padStart(6)}  ${pct(s.rejected, s.used)}`),
  ];
  console.log(summary.join("\n"));
  for (const group of ordered) {
    const d = group[0] as Disagreement;
    console.log(`\n[${group.length}× ${d.backend}] ${d.outcome.class}${d.outcome.environment ? `\n  environment: ${d.outcome.environment}` : "\n  iptlint's fault"}`);
    console.log(`  e.g. mutant #${d.c.index} of ${d.c.seed} (${d.c.ops.join(", ")})\n  kernel: ${escapeText(d.kernel)}\n  iptlint: ${d.iptlint}`);
    const small = minimised.get(d);
    if (small !== undefined) console.log(small.split("\n").map((l) => `    | ${escapeText(l)}`).join("\n"));
  }

  if (args.out) {
    const md = [
      "# Kernel differential fuzzing report",
      "",
      "Generated by `npm run fuzz:kernel` (scripts/fuzz-kernel.ts).",
      "",
      "```",
      ...summary,
      "```",
      "",
      `## Disagreement classes (${classes.size})`,
      "",
      ...ordered.flatMap((group) => {
        const d = group[0] as Disagreement;
        const small = minimised.get(d);
        return [
          `### ${group.length}× ${d.backend}: ${escapeText(d.outcome.class)}`,
          "",
          d.outcome.environment ? `Environment: ${d.outcome.environment}.` : "**iptlint's fault.**",
          "",
          `Example: mutant #${d.c.index} of \`${d.c.seed}\` (${d.c.ops.join(", ")}).`,
          "",
          `- kernel (${d.backend}): ${escapeText(d.kernel)}`,
          `- iptlint: ${d.iptlint}`,
          "",
          ...(small !== undefined ? ["Minimised:", "", fence(small), ""] : []),
        ];
      }),
    ].join("\n");
    writeFileSync(args.out, md + "\n");
  }
  process.exitCode = faults > 0 ? 1 : 0;
}

await main();
