/**
 * Row reading against the kernel, one extension option at a time: each probe of
 * fixtures/listing/probes/ (a rule per line, every match and target the registry knows) was
 * loaded into the kernel and listed with `iptables -L -n -v -x` and with plain `iptables -L`
 * (cached in probes.tsv, see ./kernel-listing.ts). The rule read back from each listed row
 * must print, in iptlint's canonical form, exactly as the rule the kernel's own iptables-save
 * shows — except what the listing does not show, which is listed below with the reason.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { printRule } from "../../src/format/print.js";
import { lintText } from "../../src/lint.js";
import { ALL_EXTENSIONS, findTarget } from "../../src/model/extensions/index.js";
import { BUILTIN_CHAINS } from "../../src/model/netfilter.js";
import { MATCH_READERS, TARGET_READERS } from "../../src/listing/prints/index.js";
import { withoutInterfaces } from "./anchors.js";
import { cacheKey, columnLine, readCache, readListingProbes, refreshCache, VARIANTS, type KernelListing, type ListingProbe, type Variant } from "./kernel-listing.js";

const DIR = new URL("../../fixtures/listing/probes/", import.meta.url).pathname;
const CACHE = join(DIR, "probes.tsv");
const PROBES: readonly ListingProbe[] = [...readListingProbes(join(DIR, "probes.txt"), "ipv4"), ...readListingProbes(join(DIR, "probes6.txt"), "ipv6")];

/**
 * What a listing row does not show, by `VARIANT PROBE`: the rule read back differs from the
 * kernel's there, for this reason. (Hashlimit table names and, without -v, interfaces are
 * never shown and are taken out of every comparison; see normalise().)
 */
const EXPECTED_DIFFERENCES: Readonly<Record<string, string>> = {
  "nvx filter INPUT -m quota ! --quota 123456789": "libxt_quota.c quota_print does not print the inversion",
  "plain filter INPUT -m quota ! --quota 123456789": "libxt_quota.c quota_print does not print the inversion",
  "plain filter OUTPUT -m owner ! --uid-owner 1-99 ! --gid-owner 5": "without -n owner prints group 5 by its name on the listing host (tty), which iptlint cannot map back; the rule keeps the name",
  "nvx filter INPUT -m hashlimit --hashlimit-above 1/sec --hashlimit-name h5 --hashlimit-rate-match --hashlimit-rate-interval 5":
    "with --hashlimit-rate-match libxt_hashlimit.c prints the rate per rate-interval (12/min for 1/sec over 5 s); iptlint multiplies it back, and the canonical printer then writes 12/sec where iptables-save writes 1/sec",
  "plain filter INPUT -m hashlimit --hashlimit-above 1/sec --hashlimit-name h5 --hashlimit-rate-match --hashlimit-rate-interval 5":
    "as with -n: the rate printed per rate-interval",
};

/** `-A` lines of the kernel's save → the canonical form of iptlint's printer. */
function canonicalSave(p: ListingProbe, save: readonly string[]): string[] {
  const builtin = BUILTIN_CHAINS[p.table] as readonly string[];
  const named = save.flatMap((l) => [l.split(" ")[1] as string, ...[...l.matchAll(/ -[jg] (\S+)/g)].map((m) => m[1] as string)]);
  const chains = new Set(named.filter((c) => !builtin.includes(c) && !["ACCEPT", "DROP", "RETURN", "QUEUE"].includes(c) && !findTarget(c, p.family)));
  const text = [`*${p.table}`, ...[...chains].map((c) => `:${c} - [0:0]`), ...save, "COMMIT", ""].join("\n");
  const r = lintText(text, { family: { family: p.family, source: "option" } });
  return [...r.ruleset.tables.values()].flatMap((t) => [...t.chains.values()].flatMap((c) => c.rules.map((rule) => printRule(rule, p.family).join(" "))));
}

function listingText(lines: readonly string[], variant: Variant): string {
  return lines.map((l) => (l.startsWith("Chain ") ? `${l}\n${columnLine(variant)}` : l)).join("\n") + "\n";
}

/** Hashlimit names are never printed (IPT041 says so); without -v interfaces are not either. */
function normalise(rules: readonly string[], variant: Variant): string[] {
  return rules.map((r) => (variant === "plain" ? withoutInterfaces(r) : r).replace(/--hashlimit-name \S+/, "--hashlimit-name NAME")).sort();
}

function readBack(p: ListingProbe, entry: KernelListing, variant: Variant) {
  const r = lintText(listingText(entry.listings[variant], variant), { family: { family: p.family, source: "option" }, table: p.table });
  const rules = [...r.ruleset.tables.values()].flatMap((t) => [...t.chains.values()].flatMap((c) => c.rules.map((rule) => printRule(rule, p.family).join(" "))));
  return { rules, findings: r.findings };
}

describe("listing rows read back as the kernel holds them", () => {
  let cache: Map<string, KernelListing>;

  beforeAll(() => {
    cache = process.env["IPTLINT_REFRESH_LISTING"] === "1" ? refreshCache(PROBES, CACHE) : readCache(CACHE);
  }, 600_000);

  it("has the kernel's listing of every probe (else run with IPTLINT_REFRESH_LISTING=1 as root where iptables is installed)", () => {
    expect(PROBES.filter((p) => !cache.has(cacheKey(p))).map((p) => p.line)).toEqual([]);
  });

  it("covers every match and target the registry knows, and has a reader for each", () => {
    const probed = new Set(PROBES.flatMap((p) => [...p.line.matchAll(/-[mj] (\S+)/g)].map((m) => m[1] as string)));
    const readers = new Set([...MATCH_READERS.map((r) => r.name), ...TARGET_READERS.keys()]);
    const missing = ALL_EXTENSIONS.filter((e) => !probed.has(e.name)).map((e) => `${e.kind} ${e.name}`);
    expect(missing, "extensions without a probe").toEqual([]);
    expect(ALL_EXTENSIONS.filter((e) => !readers.has(e.name)).map((e) => `${e.kind} ${e.name}`), "extensions without a reader").toEqual([]);
  });

  for (const variant of VARIANTS) {
    it.each(PROBES.map((p) => [p.line, p] as const))(`${variant}: %s`, (_line, p) => {
      const entry = cache.get(cacheKey(p));
      if (!entry) return;
      const want = normalise(canonicalSave(p, entry.save), variant);
      const got = readBack(p, entry, variant);
      const unread = got.findings.filter((f) => f.code === "IPT042" || f.severity === "error").map((f) => `${f.code} ${f.message}`);
      const reason = EXPECTED_DIFFERENCES[`${variant} ${p.line}`];
      const same = JSON.stringify(normalise(got.rules, variant)) === JSON.stringify(want);
      if (reason) {
        expect(same, `listed as a difference (${reason}) but read back the same: remove it`).toBe(false);
        return;
      }
      expect(unread).toEqual([]);
      expect(normalise(got.rules, variant)).toEqual(want);
      if (p.line.includes("hashlimit")) expect(got.findings.map((f) => f.code)).toContain("IPT041");
    });
  }
});
