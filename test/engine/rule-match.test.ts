import { describe, expect, it } from "vitest";
import type { Word } from "../../src/ast/nodes.js";
import { MATCH_EVALUATORS } from "../../src/engine/matches/index.js";
import { compiledRule, extensionLabel, matchRule } from "../../src/engine/rule-match.js";
import { MATCHES } from "../../src/model/extensions/matches/index.js";
import { contextOf, FILTER_FORWARD, itDecides, ruleOf, testPacket } from "./helpers.js";

// Default packet: 192.0.2.10:40000 -> 198.51.100.20:80, TCP SYN, in eth0, no out, NEW.
describe("-s / -d (ip_packet_match: (addr & mask) != net, with !)", () => {
  itDecides([
    ["-s 192.0.2.10", {}, true],
    ["-s 192.0.2.10/32", {}, true],
    ["-s 192.0.2.0/24", {}, true],
    ["-s 192.0.2.99/24", {}, true], // iptables masks the network: 192.0.2.0/24
    ["-s 10.0.0.0/8", {}, false],
    ["! -s 10.0.0.0/8", {}, true],
    ["! -s 192.0.2.0/24", {}, false],
    ["-s 0.0.0.0/0", {}, true],
    ["-s 192.0.9.10/255.255.0.255", {}, true], // non-contiguous mask, applied bit by bit
    ["-s 192.0.9.11/255.255.0.255", {}, false],
    ["-s 10.0.0.1,192.0.2.10", {}, true], // a list is several rules: their OR
    ["-s 10.0.0.1,10.0.0.2", {}, false],
    ["-d 198.51.100.0/24", {}, true],
    ["-d 198.51.100.21", {}, false],
    ["! -d 198.51.100.21", {}, true],
    ["-s example.com", {}, "unknown"], // resolved at load time, to an address the dump omits
    ["-s example.com,192.0.2.10", {}, true],
    ["! -s example.com", {}, "unknown"],
    ["-s 2001:db8::/32", { family: "ipv6" }, true],
    ["-s 2001:db9::/32", { family: "ipv6" }, false],
    ["! -d 2001:db8:1::20", { family: "ipv6" }, false],
  ]);
});

describe("-i / -o (ifname_compare_aligned, `+` wildcard)", () => {
  itDecides([
    ["-i eth0", {}, true],
    ["-i eth1", {}, false],
    ["-i eth", {}, false],
    ["-i eth+", {}, true],
    ["-i et+", {}, true],
    ["-i veth+", {}, false],
    ["-i eth0+", {}, true], // the prefix may be the whole name
    ["! -i eth0", {}, false],
    ["! -i eth+", {}, false],
    ["! -i docker0", {}, true],
    ["-i +", {}, true],
    ["-i eth0", { in: undefined }, false], // a local packet has no input device
    ["! -i eth0", { in: undefined }, true],
    ["-i +", { in: undefined }, true], // the empty mask matches even no device
  ]);
  itDecides(
    [
      ["-o eth0", { out: undefined }, false], // no output device: compared as ""
      ["-o eth0", { out: "eth0" }, true],
      ["-o br-+", { out: "br-1a2b" }, true],
      ["! -o br-+", { out: "br-1a2b" }, false],
      ["! -o br-+", { out: "eth1" }, true],
    ],
    undefined,
    FILTER_FORWARD,
  );
});

describe("-p (proto 0 is no test; ! inverts)", () => {
  itDecides([
    ["-p tcp", {}, true],
    ["-p TCP", {}, true], // iptables lower-cases -p
    ["-p 6", {}, true],
    ["-p udp", {}, false],
    ["! -p udp", {}, true],
    ["! -p tcp", {}, false],
    ["-p all", { proto: 17 }, true],
    ["-p 0", { proto: 47 }, true],
    ["-p icmp", { proto: 1 }, true],
    ["-p ipv6-icmp", { family: "ipv6", proto: 58 }, true],
    ["-p icmpv6", { family: "ipv6", proto: 6 }, false],
  ]);
});

describe("-f (non-first fragments)", () => {
  itDecides([
    ["-f", {}, false],
    ["-f", { fragment: true }, true],
    ["! -f", { fragment: true }, false],
    ["! -f", {}, true],
  ]);
});

describe("matchRule", () => {
  it("is the AND of the base and every -m match", () => {
    const spec = ruleOf("-s 192.0.2.0/24 -i eth0 -p tcp --dport 80 -m conntrack --ctstate NEW -m comment --comment web");
    expect(matchRule(spec, contextOf(testPacket())).result).toBe(true);
    expect(matchRule(spec, contextOf(testPacket({ dport: 443 }))).result).toBe(false);
    expect(matchRule(spec, contextOf(testPacket({ conn: { state: "ESTABLISHED" } }))).result).toBe(false);
  });

  it("names every clause that left the answer unknown, as written", () => {
    const spec = ruleOf("-s example.com -m set --match-set blocklist src -m string --algo bm --string x -p tcp --dport 80");
    expect(matchRule(spec, contextOf(testPacket()))).toEqual({
      result: "unknown",
      unknown: ["-s example.com", "-m set --match-set blocklist src", "-m string --algo bm --string x"],
    });
  });

  it("lets a false clause win over unknown ones and then names none", () => {
    const spec = ruleOf("-m set --match-set blocklist src -p tcp --dport 22");
    expect(matchRule(spec, contextOf(testPacket()))).toEqual({ result: false, unknown: [] });
  });

  it("treats an extension iptlint does not know as unknown", () => {
    const spec = ruleOf("-m nosuchmatch --whatever 1");
    expect(matchRule(spec, contextOf(testPacket()))).toEqual({ result: "unknown", unknown: ["-m nosuchmatch --whatever 1"] });
  });

  it("labels an implicit protocol match with its -p", () => {
    const spec = ruleOf("-p tcp ! --tcp-option 2");
    expect(extensionLabel(spec.matches[0]!)).toBe("-p tcp ! --tcp-option 2");
    expect(matchRule(spec, contextOf(testPacket())).unknown).toEqual(["-p tcp ! --tcp-option 2"]);
  });

  it("has an evaluator for every match extension of the registry", () => {
    const missing = MATCHES.map((m) => m.name).filter((name) => !MATCH_EVALUATORS.has(name));
    expect(missing).toEqual([]);
  });
});

describe("compiled once per rule (WeakMaps keyed by the AST nodes)", () => {
  const word = (text: string): Word => ({ text, raw: text, quoted: false, span: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });

  it("keeps the clauses of a rule", () => {
    const spec = ruleOf("-s 10.0.0.0/8 -p tcp --dport 80");
    expect(compiledRule(spec, "ipv4")).toBe(compiledRule(spec, "ipv4"));
  });

  it("parses option values on the first packet only", () => {
    const spec = ruleOf("-s 192.0.2.0/24 -p tcp --dport 80");
    const ctx = contextOf(testPacket());
    expect(matchRule(spec, ctx).result).toBe(true);
    // Rewriting the words after the first evaluation changes nothing: the parsed values are kept.
    (spec.source!.values as Word[])[0] = word("10.0.0.0/8");
    (spec.matches[0]!.options[0]!.values as Word[])[0] = word("443");
    expect(matchRule(spec, ctx).result).toBe(true);
    // The same text parsed afresh does give the other answer.
    expect(matchRule(ruleOf("-s 10.0.0.0/8 -p tcp --dport 80"), ctx).result).toBe(false);
    expect(matchRule(ruleOf("-s 192.0.2.0/24 -p tcp --dport 443"), ctx).result).toBe(false);
  });

  it("caches per ExtensionNode when an evaluator is called directly", () => {
    const spec = ruleOf("-p tcp -m multiport --dports 80,443");
    const ext = spec.matches.find((m) => m.name === "multiport")!;
    const evaluate = MATCH_EVALUATORS.get("multiport")!;
    const ctx = contextOf(testPacket());
    expect(evaluate(ext, ctx)).toBe(true);
    (ext.options[0]!.values as Word[])[0] = word("22");
    expect(evaluate(ext, ctx)).toBe(true);
  });
});
