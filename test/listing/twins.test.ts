/**
 * Every `iptables -L` twin under fixtures/listing/ is the kernel's own listing of a save-format
 * fixture (scripts/kernel-listing, see each file's header). Linted, a twin must give the
 * findings of its save: the same codes on the same rules, chains and tables. What a listing
 * cannot support is either marked lower-confidence or listed below with the reason.
 *
 * Twins made with -v (fixtures/listing/eras/, ufw-docker-host.listing and the -v variants)
 * show everything the rules need: only the listing's own notes may differ. Twins made without
 * -v show no interfaces: each save finding they lose is listed with why, and every finding
 * they add must be lower-confidence.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import type { LintOptions } from "../../src/lint.js";
import { keyedFindings, lintFile, takeEach, type Keyed } from "./anchors.js";

const ROOT = new URL("../../fixtures/", import.meta.url).pathname;

interface Twin {
  readonly listing: string;
  readonly save: string;
  /** Made with -v: interface columns present. */
  readonly verbose: boolean;
}

function saveOf(stem: string): string {
  if (stem === "ufw-docker-host") return "docker/ufw-docker-host.rules";
  return stem.endsWith(".v6") ? `docker/eras/${stem.slice(0, -3)}.save6` : `docker/eras/${stem}.rules`;
}

const TWINS: Twin[] = [
  { listing: "listing/ufw-docker-host.listing", save: saveOf("ufw-docker-host"), verbose: true },
  ...readdirSync(join(ROOT, "listing/eras")).map((f) => ({ listing: `listing/eras/${f}`, save: saveOf(f.replace(/\.listing$/, "")), verbose: true })),
  ...readdirSync(join(ROOT, "listing/variants")).map((f) => {
    const [, stem, variant] = /^(.*)\.([a-z]+)\.listing$/.exec(f) as unknown as [string, string, string];
    return { listing: `listing/variants/${f}`, save: saveOf(stem), verbose: variant.includes("v") };
  }),
];

/**
 * Notes only a listing has: which table each listing is (it has no `*table` line; IPT024 as
 * for iptables -S), that it shows no interfaces (IPT040), names it cannot map back (IPT041).
 */
const LISTING_NOTES = new Set(["IPT024", "IPT040", "IPT041"]);

/** Save findings a twin does not give, as `TWIN KEY`, with why. */
const EXPECTED_DIFFERENCES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ["listing/eras/d-20.10-problems.listing", "listing/eras/f-28.3-problems.listing", "listing/eras/f-28.3-wg0-in-docker-chain.listing"].map((t) => [
      `${t} IPT212 iptables-backend-mix @ input`,
      "the save's `# Warning: iptables-legacy tables present` comes from iptables-nft-save, which prints it on standard output; iptables-nft -L prints it on standard error, so a pasted listing does not hold it (with 2>&1 it does, and the rule fires: test/listing/reading.test.ts)",
    ]),
  ),
  // Without -v: the rules these findings read are told apart only by their interfaces.
  "listing/variants/a-1.8-problems.plain.listing IPT206 icc-open @ rule filter -A FORWARD -j ACCEPT": "icc-open is `-i docker0 -o docker0 -j ACCEPT`; without -v it reads as `-j ACCEPT`",
  "listing/variants/a-1.8-problems.plain.listing IPT214 notrack-skips-docker-nat @ rule raw -A PREROUTING -p udp -m udp --dport 53 -j NOTRACK": "the rule finds docker0's containers behind the NOTRACK through the bridge's -i/-o rules, which read as interface-free",
  "listing/variants/a-1.8-problems.plain.listing IPT218 published-port-bypasses-allowlist @ rule nat -A DOCKER -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.3:5432": "the INPUT allow list's `-i lo -j ACCEPT` reads as `-j ACCEPT` (every source reaches INPUT), so nothing is bypassed",
  "listing/variants/a-1.8-problems.plain.listing IPT218 published-port-bypasses-allowlist @ rule nat -A DOCKER -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.9:8080": "as for 5432: `-i lo -j ACCEPT` reads as `-j ACCEPT`",
  "listing/variants/a-1.8-problems.plain.listing IPT219 direct-routing-exposure @ chain filter FORWARD": "direct routing is traffic arriving on the external interface for a bridge; without interfaces no rule says which is which",
  "listing/variants/ufw-docker-host.plain.listing IPT206 icc-open @ rule filter -A FORWARD -j ACCEPT": "icc-open is `-i docker0 -o docker0 -j ACCEPT`; without -v it reads as `-j ACCEPT`",
  "listing/variants/ufw-docker-host.plain.listing IPT218 published-port-bypasses-allowlist @ rule nat -A DOCKER -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.3:5432": "ufw's `-i lo -j ACCEPT` reads as `-j ACCEPT`, so INPUT seems to let every source in and nothing is bypassed",
  "listing/variants/ufw-docker-host.plain.listing IPT218 published-port-bypasses-allowlist @ rule nat -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80": "as for 5432: `-i lo -j ACCEPT` reads as `-j ACCEPT`",
};

function options(save: string): LintOptions {
  const family = familyFromFileName(save);
  return family ? { family: { family, source: "file name" } } : {};
}

function compare(twin: Twin): { lost: string[]; added: Keyed[] } {
  const opts = options(twin.save);
  const saved = keyedFindings(lintFile(join(ROOT, twin.save), opts), { interfaces: twin.verbose });
  const listed = keyedFindings(lintFile(join(ROOT, twin.listing), opts), { interfaces: twin.verbose });
  const lost = takeEach(listed, saved.map((k) => k.key));
  return { lost, added: listed };
}

describe("iptables -L twins of the save fixtures", () => {
  it("cover every Docker era A–H and a ufw host, with and without -n and -v", () => {
    const eras = new Set(TWINS.map((t) => /eras\/([a-h])-/.exec(t.save)?.[1]).filter((e) => e !== undefined));
    expect([...eras].sort()).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    expect(TWINS.some((t) => t.save.includes("ufw"))).toBe(true);
    expect(TWINS.filter((t) => !t.verbose).length).toBeGreaterThanOrEqual(3);
  });

  it.each(TWINS.map((t) => [t.listing, t] as const))("%s gives its save's findings", (_name, twin) => {
    const { lost, added } = compare(twin);
    const unexplained = lost.filter((key) => !EXPECTED_DIFFERENCES[`${twin.listing} ${key}`]);
    expect(unexplained, "save findings the listing does not give and EXPECTED_DIFFERENCES does not explain").toEqual([]);
    const extra = added.filter((k) => !LISTING_NOTES.has(k.key.split(" ")[0] as string) && !k.low);
    expect(extra.map((k) => k.key), "listing findings the save does not have, not marked lower-confidence").toEqual([]);
    if (twin.verbose) expect(added.filter((k) => k.low).map((k) => k.key), "a -v listing has its interfaces: nothing is lower-confidence").toEqual([]);
  });

  it("explains only differences that happen", () => {
    const happening = new Set(TWINS.flatMap((t) => compare(t).lost.map((key) => `${t.listing} ${key}`)));
    expect(Object.keys(EXPECTED_DIFFERENCES).filter((k) => !happening.has(k))).toEqual([]);
  });
});
