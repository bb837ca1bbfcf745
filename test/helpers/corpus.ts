/** Access to ../shared/corpus (beside the project root) and its kernel verdicts. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Family } from "../../src/model/netfilter.js";

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");
export const ORACLE = resolve(CORPUS_DIR, "../tools/oracle");
export const hasCorpus = existsSync(join(CORPUS_DIR, "VERDICTS.tsv"));

export interface Verdict {
  readonly path: string;
  readonly family: Family;
  readonly nft: "accepted" | "rejected";
  readonly legacy: "accepted" | "rejected";
  readonly errorLine?: number;
  /** `env:` verdicts depend on this machine (ipsets, DNS); a host that has them accepts. */
  readonly environmental: boolean;
  readonly note: string;
}

export function readVerdicts(): Verdict[] {
  const rows = readFileSync(join(CORPUS_DIR, "VERDICTS.tsv"), "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [path, family, nft, legacy, line, note = ""] = row.split("\t") as string[];
    return {
      path: path as string,
      family: family === "v6" ? "ipv6" : "ipv4",
      nft: nft as Verdict["nft"],
      legacy: legacy as Verdict["legacy"],
      ...(line ? { errorLine: Number(line) } : {}),
      environmental: note.startsWith("env:"),
      note,
    };
  });
}

/**
 * Every line number the kernel named for a file, on either backend: VERDICTS.tsv keeps one,
 * the per-file table of ORACLE.md quotes both backends' errors ("Error occurred at line: 19",
 * "line 30 failed"). nft names the COMMIT line where legacy names the rule, for instance.
 */
export function kernelErrorLines(v: Verdict): Set<number> {
  const lines = new Set<number>(v.errorLine ? [v.errorLine] : []);
  const [dir, file] = v.path.split("/") as [string, string];
  const oracleMd = readFileSync(join(CORPUS_DIR, dir, "ORACLE.md"), "utf8");
  const row = oracleMd.split("\n").find((l) => l.startsWith(`| \`${file}\``));
  for (const m of row?.matchAll(/line:? (\d+)/g) ?? []) lines.add(Number(m[1]));
  return lines;
}

export function corpusFiles(dir: "real" | "docker"): string[] {
  return readdirSync(join(CORPUS_DIR, dir)).filter((f) => !f.endsWith(".md")).map((f) => `${dir}/${f}`);
}

export function readCorpus(path: string): string {
  return readFileSync(join(CORPUS_DIR, path), "utf8");
}
