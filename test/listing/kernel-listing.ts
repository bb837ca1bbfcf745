/**
 * The kernel's listings of single-rule probes (fixtures/listing/probes/probes*.txt), cached in
 * probes.tsv so the listing tests run without iptables. Each probe is loaded with
 * iptables-legacy-restore in a private network namespace (scripts/kernel-listing) and kept as:
 *   FAMILY  PROBE  save   -A line of the kernel's iptables-save
 *   FAMILY  PROBE  nvx    a `Chain …` header or rule row of `iptables -L -n -v -x`
 *   FAMILY  PROBE  plain  the same of `iptables -L` (names, no counters, no interfaces)
 * Only chains that hold rules, and user chains, are kept; the column line of each chain is
 * the same for every chain of a variant and is put back by columnLine().
 * `IPTLINT_REFRESH_LISTING=1` (root, iptables installed) asks the kernel again and rewrites the cache.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findTarget } from "../../src/model/extensions/index.js";
import { BUILTIN_CHAINS, type Family, type TableName } from "../../src/model/netfilter.js";
import { probe } from "../oracle/probe-dump.js";

export const VARIANTS = ["nvx", "plain"] as const;
export type Variant = (typeof VARIANTS)[number];

export interface ListingProbe {
  readonly line: string;
  readonly family: Family;
  readonly table: TableName;
  /** The dump loaded into the kernel. */
  readonly text: string;
}

export interface KernelListing {
  readonly save: string[];
  readonly listings: Record<Variant, string[]>;
}

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = join(ROOT, "scripts/kernel-listing");
const STANDARD = new Set(["ACCEPT", "DROP", "RETURN", "QUEUE"]);

/**
 * A probe as test/oracle/probe-dump.ts builds it, plus an empty user chain for each -j/-g
 * target that is neither a verdict nor a target extension (`-j TO`, `-j DOCKER`).
 */
export function listingProbe(line: string, family: Family): ListingProbe {
  const p = probe(line, family);
  const jumps = [...line.matchAll(/-[jg] (\S+)/g)].map((m) => m[1] as string);
  const chains = jumps.filter((n) => !STANDARD.has(n) && !findTarget(n, family) && !(BUILTIN_CHAINS[p.table] as readonly string[]).includes(n) && !p.text.includes(`:${n} `));
  const text = chains.length ? p.text.replace(`*${p.table}\n`, `*${p.table}\n${[...new Set(chains)].map((c) => `:${c} - [0:0]\n`).join("")}`) : p.text;
  return { line: p.line, family, table: p.table, text };
}

export function readListingProbes(path: string, family: Family): ListingProbe[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => listingProbe(l, family));
}

export function cacheKey(p: Pick<ListingProbe, "family" | "line">): string {
  return `${p.family === "ipv6" ? "v6" : "v4"}\t${p.line}`;
}

/** The column line iptables -L prints under every chain header of a variant. */
export function columnLine(variant: Variant): string {
  return variant === "nvx" ? "    pkts      bytes target     prot opt in     out     source               destination         " : "target     prot opt source               destination         ";
}

export function readCache(path: string): Map<string, KernelListing> {
  const out = new Map<string, KernelListing>();
  if (!existsSync(path)) return out;
  for (const row of readFileSync(path, "utf8").split("\n")) {
    if (row === "" || row.startsWith("#")) continue;
    const [family, line, kind, text = ""] = row.split("\t") as [string, string, string, string?];
    const key = `${family}\t${line}`;
    const entry = out.get(key) ?? { save: [], listings: { nvx: [], plain: [] } };
    if (kind === "save") entry.save.push(text);
    else entry.listings[kind as Variant].push(text);
    out.set(key, entry);
  }
  return out;
}

/** The kept lines of one `iptables -L` output: chains with rules and user chains, without column lines. */
function keptLines(listing: string): string[] {
  const out: string[] = [];
  let header: string | undefined;
  let user = false;
  for (const line of listing.split("\n")) {
    if (line.trim() === "" || /^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot/.test(line)) continue;
    if (line.startsWith("Chain ")) {
      header = line;
      user = line.includes("reference");
      if (user) out.push(line.trimEnd());
      continue;
    }
    if (header && !user && out[out.length - 1] !== header.trimEnd() && !out.includes(header.trimEnd())) out.push(header.trimEnd());
    out.push(line.trimEnd());
  }
  return out;
}

/** Asks the kernel (root, iptables-legacy) and writes the cache. Probes the kernel rejects are left out. */
export function refreshCache(probes: readonly ListingProbe[], path: string): Map<string, KernelListing> {
  const out = new Map<string, KernelListing>();
  for (const family of ["ipv4", "ipv6"] as const) {
    const mine = probes.filter((p) => p.family === family);
    const dir = mkdtempSync(join(tmpdir(), "iptlint-listing-"));
    try {
      mine.forEach((p, i) => writeFileSync(join(dir, `p${i}.rules`), p.text));
      execFileSync(SCRIPT, [...(family === "ipv6" ? ["--v6"] : []), "--backend", "legacy", "--out", join(dir, "out"), ...mine.map((_, i) => join(dir, `p${i}.rules`))], { stdio: ["ignore", "ignore", "inherit"] });
      const files = new Set(readdirSync(join(dir, "out")));
      mine.forEach((p, i) => {
        const base = `p${i}.rules.${p.table}`;
        if (!files.has(`${base}.save`)) return;
        const read = (suffix: string) => readFileSync(join(dir, "out", `${base}.${suffix}`), "utf8");
        out.set(cacheKey(p), {
          save: read("save").split("\n").filter((l) => l.startsWith("-A ")),
          listings: { nvx: keptLines(read("nvx")), plain: keptLines(read("plain")) },
        });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows: string[] = ["# family\tprobe\tkind\ttext (scripts/kernel-listing, iptables-legacy 1.8.9; IPTLINT_REFRESH_LISTING=1 regenerates)"];
  for (const p of probes) {
    const entry = out.get(cacheKey(p));
    if (!entry) continue;
    const key = cacheKey(p);
    for (const s of entry.save) rows.push(`${key}\tsave\t${s}`);
    for (const v of VARIANTS) for (const l of entry.listings[v]) rows.push(`${key}\t${v}\t${l}`);
  }
  writeFileSync(path, rows.join("\n") + "\n");
  return out;
}
