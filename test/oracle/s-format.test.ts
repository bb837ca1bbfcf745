/**
 * `iptables -S` files of the corpus (real/ and docker/ *.S, *.S6) against the kernel. They are
 * not restore input, so (as /work/shared/corpus/real/ORACLE.md describes) each is converted
 * mechanically — `*TABLE` from the file name, `-P C POLICY` → `:C POLICY [0:0]`, `-N C` →
 * `:C - [0:0]`, the -A lines unchanged, `COMMIT` — and the kernel judges the converted file
 * (verdicts cached in fixtures/probes/s-verdicts.tsv, see ./kernel.ts). Then:
 * - iptlint on the -S text (table from the file name) has errors iff the kernel rejects;
 * - without the table option, iptlint infers the table the file name says;
 * - the -S text and the converted save text give the same chains with as many rules each;
 * - two -S listings of different tables pasted together (`iptables -S; iptables -t nat -S`)
 *   give both tables.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText, type LintOptions } from "../../src/lint.js";
import type { Family, TableName } from "../../src/model/netfilter.js";
import type { Ruleset } from "../../src/model/ruleset.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { cacheKey, kernelVerdicts, type OracleCase, type Verdicts } from "./kernel.js";

const VERDICTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/probes/s-verdicts.tsv");

/** moby's files say the table as `NAME.TABLE.S` or `NAME_TABLE.S`. */
function tableFromFileName(path: string): TableName {
  const m = /[._](filter|nat|mangle|raw|security)\.S6?$/.exec(path);
  if (!m) throw new Error(`no table in the file name ${path}`);
  return m[1] as TableName;
}

/** The conversion of ORACLE.md: -P/-N become chain declarations, everything else stays. */
function sToRestore(text: string, table: TableName): string {
  const out = [`*${table}`];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const policy = /^-P (\S+) (\S+)$/.exec(line);
    const chain = /^-N (\S+)$/.exec(line);
    if (policy) out.push(`:${policy[1]} ${policy[2]} [0:0]`);
    else if (chain) out.push(`:${chain[1]} - [0:0]`);
    else out.push(line);
  }
  return out.join("\n") + "\nCOMMIT\n";
}

/** `table/chain: N rules` for every chain, to compare two models. */
function chainShape(ruleset: Ruleset): string[] {
  const shape: string[] = [];
  for (const [name, table] of ruleset.tables) {
    for (const chain of table.chains.values()) shape.push(`${name}/${chain.name}: ${chain.rules.length} rules`);
  }
  return shape.sort();
}

interface SFile {
  readonly path: string;
  readonly table: TableName;
  readonly family: Family;
  readonly text: string;
  readonly restore: string;
}

function loadSFiles(): SFile[] {
  return [...corpusFiles("real"), ...corpusFiles("docker")]
    .filter((p) => /\.S6?$/.test(p))
    .map((path) => {
      const table = tableFromFileName(path);
      const text = readCorpus(path);
      return { path, table, family: familyFromFileName(path) ?? "ipv4", text, restore: sToRestore(text, table) };
    });
}

function familyOption(f: SFile): LintOptions {
  return { family: { family: f.family, source: "file name" } };
}

/** Pairs of one scenario's listings of different tables, pasted as `iptables -S; iptables -t nat -S`. */
const PASTED: readonly (readonly [string, string])[] = [
  ["docker/moby-v27-new-daemon.filter.S", "docker/moby-v27-new-daemon.nat.S"],
  ["docker/moby-v29.0.0-usernet-portmap.nat.S", "docker/moby-v29.0.0-usernet-portmap.raw.S"],
  ["real/moby-iptablesdoc-swarm-portmap_filter.S", "real/moby-iptablesdoc-swarm-portmap_nat.S"],
];

describe.skipIf(!hasCorpus)("iptables -S files of the corpus against the kernel", () => {
  const files = hasCorpus ? loadSFiles() : [];
  let kernel: Verdicts;

  beforeAll(async () => {
    const cases: OracleCase[] = files.map((f) => ({ key: f.path, family: f.family, text: f.restore }));
    kernel = await kernelVerdicts(cases, VERDICTS);
  }, 600_000);

  it("finds the -S files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("has a kernel verdict for every file, matching the live kernel where there is one", () => {
    expect(kernel.missing).toEqual([]);
    expect(kernel.stale, "fixtures/probes/s-verdicts.tsv is stale: regenerate with IPTLINT_REFRESH_ORACLE=1").toEqual([]);
  });

  it.each(files.map((f) => [f.path, f] as const))("%s: errors iff the kernel rejects the converted file", (_, f) => {
    const verdict = kernel.verdicts.get(cacheKey({ key: f.path, family: f.family }));
    expect(verdict, "no kernel verdict").toBeDefined();
    const result = lintText(f.text, { ...familyOption(f), table: f.table });
    const errors = result.findings.filter((x) => x.severity === "error").map((x) => `${x.span.start.line} ${x.code} ${x.message}`);
    const rejected = verdict?.[result.backend].accepted === false;
    if (rejected) expect(errors, `kernel: ${verdict?.[result.backend].message}`).not.toEqual([]);
    else expect(errors).toEqual([]);
  });

  it.each(files.map((f) => [f.path, f] as const))("%s: the table is inferred from the -P lines", (_, f) => {
    const result = lintText(f.text, familyOption(f));
    expect([...result.ruleset.tables.keys()]).toEqual([f.table]);
  });

  it.each(files.map((f) => [f.path, f] as const))("%s: -S and its save form give the same chains and rule counts", (_, f) => {
    const fromS = lintText(f.text, { ...familyOption(f), table: f.table });
    const fromSave = lintText(f.restore, familyOption(f));
    expect(chainShape(fromS.ruleset)).toEqual(chainShape(fromSave.ruleset));
  });

  it.each(PASTED.map(([a, b]) => [`${a} + ${b}`, a, b] as const))("%s pasted together: both tables are inferred", (_, a, b) => {
    const text = readCorpus(a) + readCorpus(b);
    const result = lintText(text);
    expect([...result.ruleset.tables.keys()].sort()).toEqual([tableFromFileName(a), tableFromFileName(b)].sort());
    const separately = [
      ...chainShape(lintText(readCorpus(a), { table: tableFromFileName(a) }).ruleset),
      ...chainShape(lintText(readCorpus(b), { table: tableFromFileName(b) }).ruleset),
    ].sort();
    expect(chainShape(result.ruleset)).toEqual(separately);
    expect(result.findings.filter((x) => x.severity === "error")).toEqual([]);
  });
});

if (!hasCorpus) {
  it.skip("iptables -S files: ../shared/corpus is not present on this machine", () => undefined);
}
