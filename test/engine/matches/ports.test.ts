import { describe, expect, it } from "vitest";
import type { ExtensionNode, OptionNode, Word } from "../../../src/ast/nodes.js";
import { MATCH_EVALUATORS } from "../../../src/engine/matches/index.js";
import { contextOf, itDecides, testPacket } from "../helpers.js";

// Default packet: TCP 40000 -> 80, flags SYN.
describe("tcp (xt_tcpudp.c tcp_mt)", () => {
  itDecides([
    ["-p tcp --dport 80", {}, true],
    ["-p tcp --dport 81", {}, false],
    ["-p tcp ! --dport 80", {}, false],
    ["-p tcp ! --dport 81", {}, true],
    ["-p tcp --dport 1:1024", {}, true],
    ["-p tcp --dport :79", {}, false],
    ["-p tcp --dport 80:", {}, true],
    ["-p tcp --dport http", {}, true], // service names resolve as iptables did
    ["-p tcp --destination-port www", {}, true],
    ["-p tcp --sport 40000", {}, true],
    ["-p tcp --sport 1024:65535 --dport 22", {}, false],
    ["-p tcp ! --sport 1:1023 --dport 80", {}, true],
    ["-p tcp -m tcp --dport 80", {}, true],
    ["-p tcp --dport 80", { dport: undefined }, "unknown"],
    ["-p tcp ! --dport 80", { dport: undefined }, "unknown"],
    // a non-first fragment has no TCP header: false before any `!`
    ["-p tcp ! --dport 22", { fragment: true }, false],
    ["-p tcp --syn", {}, true],
    ["-p tcp --syn", { tcpFlags: 0x12 }, false], // SYN,ACK
    ["-p tcp ! --syn", { tcpFlags: 0x10 }, true],
    ["-p tcp ! --syn", {}, false],
    ["-p tcp --syn", { tcpFlags: 0x02 | 0x40 | 0x80 }, true], // ECE/CWR are outside the mask
    ["-p tcp --tcp-flags SYN,RST SYN,RST", { tcpFlags: 0x06 }, true],
    ["-p tcp --tcp-flags ALL NONE", { tcpFlags: 0 }, true],
    ["-p tcp --tcp-flags ALL NONE", {}, false],
    ["-p tcp ! --tcp-flags FIN,SYN,RST,ACK SYN", { tcpFlags: 0x10 }, true],
    ["-p tcp --tcp-flags ACK ACK", { tcpFlags: undefined }, "unknown"],
    ["-p tcp --tcp-option 2", {}, "unknown"],
    ["-p tcp --tcp-option 2 --dport 22", {}, false],
  ]);
});

describe("udp (xt_tcpudp.c udp_mt)", () => {
  const udp = { proto: 17 } as const;
  itDecides([
    ["-p udp --dport 53", { ...udp, dport: 53 }, true],
    ["-p udp --dport domain", { ...udp, dport: 53 }, true],
    ["-p udp ! --dport 53", { ...udp, dport: 53 }, false],
    ["-p udp --dport 53", { ...udp, dport: 54 }, false],
    ["-p udp --sport 67:68 --dport 67:68", { ...udp, sport: 68, dport: 67 }, true],
    ["-p udp --dport 4789", { ...udp, dport: 4789, fragment: true }, false],
  ]);
});

describe("sctp (xt_sctp.c)", () => {
  const sctp = { proto: 132 } as const;
  itDecides([
    ["-p sctp --dport 80", sctp, true],
    ["-p sctp ! --dport 80", sctp, false],
    ["-p sctp --dport 36412", sctp, false],
    ["-p sctp --chunk-types any INIT", sctp, "unknown"],
    ["-p sctp --chunk-types any INIT --dport 1", sctp, false],
  ]);
});

/** dccp and udplite are not in the registry yet; their evaluators take the AST as it would be. */
describe("dccp and udplite evaluators", () => {
  const span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const word = (text: string): Word => ({ text, raw: text, quoted: false, span });
  const option = (name: string, value: string, inverted = false): OptionNode => ({ name, flag: word(`--${name}`), inverted, values: [word(value)], span });
  const ext = (name: string, options: OptionNode[]): ExtensionNode => ({ kind: "match", name, nameWord: word(name), implicit: false, options });

  it.each([
    ["dccp", 33, [option("dport", "5000:5010")], 5005, true],
    ["dccp", 33, [option("destination-port", "5000:5010", true)], 5005, false],
    ["dccp", 33, [option("dport", "5000")], 5001, false],
    ["dccp", 33, [option("dccp-types", "REQUEST")], 5000, "unknown"],
    ["dccp", 6, [option("dport", "5000")], 5000, false],
    ["udplite", 136, [option("dport", "5000")], 5000, true],
    ["udplite", 136, [option("sport", "1:1023")], 5000, false],
  ] as const)("%s proto %i %j dport %i -> %s", (name, proto, options, dport, expected) => {
    const evaluate = MATCH_EVALUATORS.get(name)!;
    expect(evaluate(ext(name, [...options]), contextOf(testPacket({ proto, dport })))).toBe(expected);
  });
});
