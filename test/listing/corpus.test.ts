/**
 * Real rulesets as listings: every corpus dump both backends accept (../shared/corpus) is
 * loaded into the kernel and listed (scripts/kernel-listing, iptables-legacy 1.8.9); iptlint
 * must read every row of every listing. With -n -v -x each rule read back must print as the
 * kernel's own iptables-save prints it (hashlimit table names, which -L never shows, aside);
 * without flags no row may be unreadable, and each chain must hold as many rules as the kernel's.
 * Asks the kernel, so it runs where iptables is installed and IPTLINT_ORACLE is not "cache".
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDump } from "../../src/ast/build.js";
import { printRuleset } from "../../src/format/print.js";
import { buildRuleset } from "../../src/model/ruleset.js";
import type { Family } from "../../src/model/netfilter.js";
import { TABLE_NAMES } from "../../src/model/netfilter.js";
import { hasIptables } from "../helpers/canon.js";
import { CORPUS_DIR, hasCorpus, readVerdicts } from "../helpers/corpus.js";

const SCRIPT = new URL("../../scripts/kernel-listing", import.meta.url).pathname;
const live = hasCorpus && hasIptables && process.env["IPTLINT_ORACLE"] !== "cache";
/** Save files only: the `.S` files of the corpus are iptables -S output, not for restore. */
const FILES = live ? readVerdicts().filter((v) => v.nft === "accepted" && v.legacy === "accepted" && !v.environmental && !/\.S6?$/.test(v.path)) : [];

function ruleLines(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("-A ")).map((l) => l.replace(/--hashlimit-name \S+/, "--hashlimit-name NAME")).sort();
}

function chainCounts(text: string): string[] {
  const counts = new Map<string, number>();
  let table = "";
  for (const l of text.split("\n")) {
    if (l.startsWith("*")) table = l;
    else if (l.startsWith("-A ")) counts.set(`${table} ${l.split(" ")[1]}`, (counts.get(`${table} ${l.split(" ")[1]}`) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).sort();
}

describe.skipIf(!live)("corpus dumps as listings", () => {
  const dir = live ? mkdtempSync(join(tmpdir(), "iptlint-listing-corpus-")) : "";

  beforeAll(() => {
    for (const family of ["ipv4", "ipv6"] as const) {
      const paths = FILES.filter((v) => v.family === family).map((v) => join(CORPUS_DIR, v.path));
      execFileSync(SCRIPT, [...(family === "ipv6" ? ["--v6"] : []), "--out", join(dir, family), ...paths], { stdio: ["ignore", "ignore", "ignore"] });
    }
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function listed(family: Family, path: string, variant: string): { listing: string; save: string } {
    let listing = "";
    let save = "";
    for (const t of TABLE_NAMES) {
      const base = join(dir, family, `${basename(path)}.${t}`);
      if (!existsSync(`${base}.save`)) continue;
      listing += `# ${family === "ipv6" ? "ip6tables" : "iptables"} -t ${t} -L\n` + readFileSync(`${base}.${variant}`, "utf8");
      save += readFileSync(`${base}.save`, "utf8");
    }
    return { listing, save };
  }

  it.each(FILES.map((v) => [v.path, v.family] as const))("%s", (path, family) => {
    const opts = { family: { family, source: "option" as const } };
    // The model without the lint rules: only how the rules are read is under test here.
    const read = (text: string) => buildDump(text, opts);
    const canonical = (text: string) => printRuleset(buildRuleset(read(text).dump, "nft").ruleset, { counters: false });
    const nvx = listed(family, path, "nvx");
    const plain = listed(family, path, "plain");
    const problems = (text: string, codes: readonly string[]) => read(text).findings.filter((f) => codes.includes(f.code) && f.severity === "warning").map((f) => `${f.span.start.line}: ${f.message}`);
    expect(problems(nvx.listing, ["IPT041", "IPT042"])).toEqual([]);
    expect(ruleLines(canonical(nvx.listing))).toEqual(ruleLines(canonical(nvx.save)));
    expect(problems(plain.listing, ["IPT042"])).toEqual([]);
    // Without -n, a service name this host's /etc/services has and netbase's lacks leaves its
    // rule out (IPT041 says so); the counts are compared where none was.
    if (problems(plain.listing, ["IPT041"]).length === 0) expect(chainCounts(canonical(plain.listing))).toEqual(chainCounts(canonical(plain.save)));
  });
});
