/**
 * covers(E, R) — "E matches every packet R matches" — as a table of cases, and a property
 * checked against the engine's own per-packet matcher (src/engine/rule-match.ts): whenever
 * covers says yes, no packet matches R without matching E. That is the soundness IPT110 and
 * IPT111 rest on.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchRule } from "../../../src/engine/rule-match.js";
import type { ConntrackState } from "../../../src/engine/packet.js";
import type { Family } from "../../../src/model/netfilter.js";
import { readConditions } from "../../../src/rules/support/conditions.js";
import { covers } from "../../../src/rules/support/subsumption.js";
import { addr, contextOf, FILTER_FORWARD, ruleOf, testPacket } from "../../engine/helpers.js";

function coversText(e: string, r: string, family: Family = "ipv4"): boolean {
  return covers(readConditions(ruleOf(e, family, FILTER_FORWARD), family), readConditions(ruleOf(r, family, FILTER_FORWARD), family));
}

describe("covers", () => {
  const cases: readonly [string, string, string, boolean][] = [
    ["no condition covers anything", "", "-s 192.0.2.1 -p tcp --dport 22", true],
    ["a wider source prefix", "-s 192.0.2.0/24", "-s 192.0.2.10/32 -p tcp --dport 22", true],
    ["a narrower source prefix", "-s 192.0.2.10", "-s 192.0.2.0/24", false],
    ["! -s outside the excluded net", "! -s 10.0.0.0/8", "-s 192.0.2.0/24", true],
    ["! -s inside the excluded net", "! -s 10.0.0.0/8", "-s 10.1.0.0/16", false],
    ["a source list covered item by item", "-s 192.0.2.0/25,192.0.2.128/25", "-s 192.0.2.0/24", true],
    ["a host name never covers", "-s localhost", "-s 127.0.0.1", false],
    ["a host name in R leaves it wide", "", "-s localhost", true],
    ["same protocol", "-p tcp", "-p tcp --dport 80", true],
    ["other protocol", "-p udp", "-p tcp", false],
    ["! -p against another protocol", "! -p udp", "-p tcp", true],
    ["! -p against no protocol", "! -p udp", "", false],
    ["-p all is no test", "-p all", "-p udp", true],
    ["a port range", "-p tcp --dport 1000:2000", "-p tcp --dport 1500", true],
    ["a port range R goes beyond", "-p tcp --dport 1000:2000", "-p tcp --dport 1500:2500", false],
    ["! --dport", "-p tcp ! --dport 22", "-p tcp --dport 80", true],
    ["a multiport list", "-p tcp -m multiport --dports 80,443", "-p tcp --dport 443", true],
    ["a port match excludes fragments R may have", "-p tcp -m tcp", "-p tcp", false],
    ["a tcp port covered by a multiport of R", "-p tcp --dport 80", "-p tcp -m multiport --dports 80", true],
    ["ports on another protocol", "-p tcp --dport 80", "-p udp --dport 80", false],
    ["-f needs -f", "-f", "", false],
    ["-f covers -f", "-f -p udp", "-f -p udp", true],
    ["eth+ covers eth0", "-i eth+", "-i eth0", true],
    ["eth+ covers eth1+", "-i eth+", "-i eth1+", true],
    ["eth0 does not cover eth+", "-i eth0", "-i eth+", false],
    ["! -i lo covers -i eth0", "! -i lo", "-i eth0", true],
    ["! -i eth+ does not cover -i eth0", "! -i eth+", "-i eth0", false],
    ["! -i eth0 covers ! -i eth+", "! -i eth0", "! -i eth+", true],
    ["! -o X does not cover no -o", "! -o docker0", "", false],
    ["a wider state set", "-m conntrack --ctstate RELATED,ESTABLISHED", "-m state --state ESTABLISHED", true],
    ["a narrower state set", "-m conntrack --ctstate ESTABLISHED", "-m conntrack --ctstate RELATED,ESTABLISHED", false],
    ["! --ctstate only when identical", "-m conntrack ! --ctstate INVALID", "-m conntrack --ctstate NEW", false],
    ["identical ! --ctstate", "-m conntrack ! --ctstate INVALID", "-p tcp -m conntrack ! --ctstate INVALID", true],
    ["another match must be in R", "-m mark --mark 0x1", "-p tcp", false],
    ["another match identical in R", "-m mark --mark 0x1", "-p tcp -m mark --mark 0x1", true],
    ["a limit never covers, even identical", "-m limit --limit 1/sec", "-m limit --limit 1/sec", false],
    ["statistic never covers", "-m statistic --mode nth --every 2 --packet 0", "-m statistic --mode nth --every 2 --packet 0", false],
    ["a limit in R only narrows R", "-p tcp", "-p tcp -m limit --limit 1/sec", true],
    ["a comment is no condition", "-m comment --comment x -p tcp", "-p tcp", true],
  ];
  it.each(cases)("%s: E %s, R %s", (_n, e, r, expected) => expect(coversText(e, r)).toBe(expected));

  it("IPv6 prefixes", () => {
    expect(coversText("-s 2001:db8::/32", "-s 2001:db8:1::/48", "ipv6")).toBe(true);
    expect(coversText("-s 2001:db8:1::/48", "-s 2001:db8::/32", "ipv6")).toBe(false);
  });
});

/** Rule parts the property combines; each is valid alone and with the others. */
const SOURCES = ["", "-s 10.0.0.0/8", "-s 10.1.0.0/16", "! -s 10.0.0.0/8", "-s 192.0.2.0/24", "-s 10.1.2.3"];
const INS = ["", "-i eth0", "-i eth+", "! -i eth0", "! -i eth+", "-i lo"];
const OUTS = ["", "-o br0", "! -o br0", "-o br+"];
const PROTOS = ["", "-p tcp", "-p udp", "! -p udp"];
const PORTS = ["", "--dport 80", "--dport 1000:2000", "! --dport 80", "--sport 53", "-m multiport --dports 80,443", "-m multiport ! --dports 22"];
const FRAGMENTS = ["", "-f", "! -f"];
const STATES = ["", "-m conntrack --ctstate NEW", "-m conntrack --ctstate NEW,ESTABLISHED", "-m state --state ESTABLISHED", "-m conntrack ! --ctstate NEW", "-m conntrack --ctstate DNAT"];
const OTHERS = ["", "-m mark --mark 0x1", "-m comment --comment x"];

const parts = fc.record({
  src: fc.constantFrom(...SOURCES),
  in: fc.constantFrom(...INS),
  out: fc.constantFrom(...OUTS),
  proto: fc.constantFrom(...PROTOS),
  ports: fc.constantFrom(...PORTS),
  fragment: fc.constantFrom(...FRAGMENTS),
  state: fc.constantFrom(...STATES),
  other: fc.constantFrom(...OTHERS),
});
type Parts = typeof parts extends fc.Arbitrary<infer T> ? T : never;

function options(p: Parts): string {
  const ports = p.proto === "-p tcp" || p.proto === "-p udp" ? p.ports : "";
  return [p.src, p.in, p.out, p.proto, ports, p.fragment, p.state, p.other].filter(Boolean).join(" ");
}

/** E from R: each part kept, dropped or replaced, so that E often covers R. */
const pair = parts.chain((r) =>
  fc.record({ keep: fc.array(fc.constantFrom("keep", "drop", "other"), { minLength: 8, maxLength: 8 }), other: parts }).map(({ keep, other }) => {
    const keys = Object.keys(r) as (keyof Parts)[];
    const e = Object.fromEntries(keys.map((k, i) => [k, keep[i] === "keep" ? r[k] : keep[i] === "drop" ? "" : other[k]])) as Parts;
    return { e: options(e), r: options(r) };
  }),
);

const packet = fc.record({
  src: fc.constantFrom("10.1.2.3", "10.2.0.1", "192.0.2.5", "203.0.113.1"),
  proto: fc.constantFrom(6, 17, 1),
  sport: fc.constantFrom(53, 80, 1500, 40000),
  dport: fc.constantFrom(22, 80, 443, 1500, 8080),
  in: fc.constantFrom("eth0", "eth1", "lo", "br0", undefined),
  out: fc.constantFrom("br0", "br1", "eth0", undefined),
  fragment: fc.constantFrom(false, false, false, true),
  mark: fc.constantFrom(0, 1),
  state: fc.constantFrom<ConntrackState>("NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"),
  dnat: fc.boolean(),
});

describe("covers is sound against the engine's matcher", () => {
  it("no packet matches R but not E when E covers R", () => {
    let covered = 0;
    let checked = 0;
    fc.assert(
      fc.property(pair, fc.array(packet, { minLength: 60, maxLength: 60 }), ({ e, r }, packets) => {
        const es = ruleOf(e || "-m comment --comment any", "ipv4", FILTER_FORWARD);
        const rs = ruleOf(r || "-m comment --comment any", "ipv4", FILTER_FORWARD);
        if (!covers(readConditions(es, "ipv4"), readConditions(rs, "ipv4"))) return;
        covered++;
        for (const p of packets) {
          const ports = p.proto === 1 ? { sport: undefined, dport: undefined } : { sport: p.sport, dport: p.dport };
          const pkt = testPacket({ src: addr(p.src), proto: p.proto, ...ports, in: p.in, out: p.out, fragment: p.fragment, mark: p.mark, conn: { state: p.state, dnat: p.dnat } });
          const ctx = contextOf(pkt, undefined, FILTER_FORWARD);
          if (matchRule(rs, ctx).result !== true) continue;
          checked++;
          expect(matchRule(es, ctx).result, `E ${e} / R ${r}`).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
    // The property is not vacuous: many pairs are covered and many packets match R.
    expect(covered).toBeGreaterThan(60);
    expect(checked).toBeGreaterThan(40);
  });
});
