/**
 * Asks the real kernel (../shared/tools/oracle: iptables-restore 1.8.9, real load, in a
 * private network namespace) for its verdict on dumps, and caches the verdicts in a TSV file
 * committed beside the fixtures, so the oracle tests run on machines without iptables too.
 *
 * Policy (one place, shared by every oracle test):
 * - `IPTLINT_REFRESH_ORACLE=1`: ask the kernel about every dump and rewrite the cache.
 * - iptables installed (the oracle loads a trivial dump): ask the kernel too, and report the
 *   cached verdicts that differ from the live ones (the cache is then stale).
 * - otherwise, or with `IPTLINT_ORACLE=cache` (a fast run): use the cache; a dump it lacks is
 *   reported as missing.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Backend } from "../../src/ast/backend.js";
import type { Family } from "../../src/model/netfilter.js";
import { ORACLE } from "../helpers/corpus.js";

const run = promisify(execFile);

export const BACKENDS: readonly Backend[] = ["nft", "legacy"];
export const REFRESH = process.env["IPTLINT_REFRESH_ORACLE"] === "1";
const CACHE_ONLY = process.env["IPTLINT_ORACLE"] === "cache";

export interface BackendVerdict {
  readonly accepted: boolean;
  /** The restore error, its lines joined with " / "; empty when accepted. */
  readonly message: string;
}

export type KernelVerdict = Readonly<Record<Backend, BackendVerdict>>;

/** One dump to ask about; `key` names it in the cache (a probe line, a corpus path). */
export interface OracleCase {
  readonly key: string;
  readonly family: Family;
  readonly text: string;
}

/**
 * Every line number a verdict names, on either backend: nft names the rule ("line 3:
 * RULE_APPEND failed", "Error occurred at line: 3"), legacy often only the COMMIT line
 * ("line 4 failed"). The corpus parity test accepts the same set (test/helpers/corpus.ts).
 */
export function namedLines(v: KernelVerdict): Set<number> {
  const lines = new Set<number>();
  for (const b of BACKENDS) for (const m of v[b].message.matchAll(/line:? (\d+)/g)) lines.add(Number(m[1]));
  return lines;
}

/** Parses `oracle check` output: "nft: accepted" / "legacy: rejected" + indented error lines. */
export function parseCheckOutput(stdout: string): KernelVerdict {
  const result: Partial<Record<Backend, BackendVerdict>> = {};
  let current: { backend: Backend; accepted: boolean; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) result[current.backend] = { accepted: current.accepted, message: current.lines.join(" / ") };
  };
  for (const line of stdout.split("\n")) {
    const head = /^(nft|legacy): (accepted|rejected)$/.exec(line);
    if (head) {
      flush();
      current = { backend: head[1] as Backend, accepted: head[2] === "accepted", lines: [] };
    } else if (current && line.trim() !== "" && !line.includes("for more information")) {
      current.lines.push(line.trim());
    }
  }
  flush();
  if (!result.nft || !result.legacy) throw new Error(`unexpected oracle output:\n${stdout}`);
  return result as KernelVerdict;
}

async function askKernel(c: OracleCase, dir: string, index: number): Promise<KernelVerdict> {
  const file = join(dir, `case-${index}.rules`);
  writeFileSync(file, c.text);
  const args = ["check", file, "--backend", "both", ...(c.family === "ipv6" ? ["--v6"] : [])];
  try {
    const { stdout } = await run(ORACLE, args, { maxBuffer: 1 << 24 });
    return parseCheckOutput(stdout);
  } catch (e) {
    // Exit 1 = rejected (still a verdict); exit 2 = the oracle could not run.
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code === 1 && err.stdout) return parseCheckOutput(err.stdout);
    throw new Error(`oracle failed on ${c.key} (exit ${String(err.code)}): ${err.stderr ?? String(e)}`);
  }
}

/** Runs the oracle on every case with `parallel` workers (each call takes ~30 ms). */
export async function askKernelAll(cases: readonly OracleCase[], parallel = 2): Promise<Map<string, KernelVerdict>> {
  const dir = mkdtempSync(join(tmpdir(), "iptlint-oracle-"));
  const verdicts = new Map<string, KernelVerdict>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i] as OracleCase;
      verdicts.set(cacheKey(c), await askKernel(c, dir, i));
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return verdicts;
}

let liveKernel: Promise<boolean> | undefined;

/** True when the oracle can load a dump here (iptables installed, namespaces allowed). */
export function kernelAvailable(): Promise<boolean> {
  liveKernel ??= (async () => {
    if (CACHE_ONLY || !existsSync(ORACLE)) return false;
    try {
      const v = await askKernelAll([{ key: "trivial", family: "ipv4", text: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n" }]);
      return v.get(cacheKey({ key: "trivial", family: "ipv4" }))?.nft.accepted === true;
    } catch {
      return false;
    }
  })();
  return liveKernel;
}

export function cacheKey(c: Pick<OracleCase, "key" | "family">): string {
  return `${c.family === "ipv6" ? "v6" : "v4"}\t${c.key}`;
}

const HEADER = "# family\tkey\tnft\tlegacy\tnft error\tlegacy error";

/** The cache file: one row per dump, sorted, so a refresh gives a readable diff. */
export function readCache(path: string): Map<string, KernelVerdict> {
  const cache = new Map<string, KernelVerdict>();
  if (!existsSync(path)) return cache;
  for (const row of readFileSync(path, "utf8").split("\n")) {
    if (row === "" || row.startsWith("#")) continue;
    const [family, key, nft, legacy, nftMsg = "", legacyMsg = ""] = row.split("\t") as string[];
    cache.set(`${family}\t${key}`, {
      nft: { accepted: nft === "accepted", message: nftMsg },
      legacy: { accepted: legacy === "accepted", message: legacyMsg },
    });
  }
  return cache;
}

export function writeCache(path: string, verdicts: ReadonlyMap<string, KernelVerdict>): void {
  const word = (b: BackendVerdict): string => (b.accepted ? "accepted" : "rejected");
  const clean = (s: string): string => s.replace(/[\t\n]/g, " ");
  const rows = [...verdicts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]) => [key, word(v.nft), word(v.legacy), clean(v.nft.message), clean(v.legacy.message)].join("\t"));
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
}

export interface Verdicts {
  readonly verdicts: Map<string, KernelVerdict>;
  /** "live" when the kernel was asked this run, else "cache". */
  readonly source: "live" | "cache";
  /** Cases the cache lacks (only when the kernel could not be asked). */
  readonly missing: string[];
  /** Cached verdicts that the live kernel contradicts: the cache needs a refresh. */
  readonly stale: string[];
}

/** The kernel's verdicts for `cases`, by the policy at the top of this file. */
export async function kernelVerdicts(cases: readonly OracleCase[], cachePath: string): Promise<Verdicts> {
  const cache = readCache(cachePath);
  const live = REFRESH || (await kernelAvailable());
  if (!live) {
    const missing = cases.filter((c) => !cache.has(cacheKey(c))).map((c) => c.key);
    return { verdicts: cache, source: "cache", missing, stale: [] };
  }
  const verdicts = await askKernelAll(cases);
  if (REFRESH) writeCache(cachePath, verdicts);
  const stale: string[] = [];
  for (const c of cases) {
    const now = verdicts.get(cacheKey(c)) as KernelVerdict;
    const then = cache.get(cacheKey(c));
    if (!then || BACKENDS.some((b) => then[b].accepted !== now[b].accepted)) stale.push(c.key);
  }
  return { verdicts, source: "live", missing: [], stale: REFRESH ? [] : stale };
}
