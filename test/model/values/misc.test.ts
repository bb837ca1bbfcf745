import { describe, expect, it } from "vitest";
import { ctdir, ctstateList, ctstatusList, stateList } from "../../../src/model/values/conntrack.js";
import { icmpType, icmpv6Type } from "../../../src/model/values/icmp.js";
import { interfaceName } from "../../../src/model/values/iface.js";
import { macAddress } from "../../../src/model/values/mac.js";
import { markMask } from "../../../src/model/values/mark.js";
import { protocol, protocolExact, protocolNumber } from "../../../src/model/values/protocol.js";
import { limitRate } from "../../../src/model/values/rate.js";
import type { ValueResult } from "../../../src/model/values/result.js";
import { tcpFlagList } from "../../../src/model/values/tcpflags.js";
import type { ValueCheck } from "../../../src/model/extensions/types.js";

const ctx = { family: "ipv4" as const };

/** [input, undefined = accepted | iptables' message] */
type Row = readonly [string, string | undefined];

function outcome(r: ValueResult): string | undefined {
  return r.ok ? undefined : r.message;
}

function table(name: string, check: ValueCheck, rows: readonly Row[]): void {
  describe(name, () => {
    it.each(rows)("%j -> %s", (text, message) => {
      expect(outcome(check(text, ctx))).toBe(message);
    });
  });
}

// All rows: iptables 1.8.9 via the oracle (nft and legacy agree unless noted).
table("interfaceName", interfaceName, [
  ["123456789012345", undefined],
  ["1234567890123456", "interface name `1234567890123456' must be shorter than IFNAMSIZ (15)"],
  ["", "Empty interface is likely to be undesired"],
  ["eth+", undefined],
  ["e+th", undefined],
  ["+", undefined],
  ["eth:0", undefined],
]);

table("protocol (-p)", protocol, [
  ["tcp", undefined],
  ["TCP", undefined],
  ["IPv6-ICMP", undefined],
  ["icmpv6", undefined],
  ["ipv6-mh", undefined],
  ["mh", undefined],
  ["udplite", undefined],
  ["all", undefined],
  ["ALL", undefined],
  ["0x6", undefined],
  [" 6", undefined],
  ["255", undefined],
  ["0", undefined],
  ["gre", undefined],
  ["256", 'unknown protocol "256" specified'],
  ["icmp6", 'unknown protocol "icmp6" specified'],
  ["FOO", 'unknown protocol "foo" specified'],
]);

table("protocolExact (--ctproto)", protocolExact, [
  ["TCP", undefined],
  ["Tcp", 'unknown protocol "Tcp" specified'],
  ["all", undefined],
]);

describe("protocolNumber", () => {
  it.each([
    ["tcp", 6],
    ["icmpv6", 58],
    ["ipv6-icmp", 58],
    ["mh", 135],
    ["esp", 50],
    ["all", 0],
  ])("%s = %i", (name, num) => {
    expect(protocolNumber(name)).toBe(num);
  });
});

table("markMask", markMask, [
  ["0xffffffff/0xffffffff", undefined],
  ["010", undefined],
  [" 1", undefined],
  ["1/ 2", undefined],
  ["0x100000000", 'mark: bad integer value for option "--mark", or out of range.'],
  ["1/0x100000000", 'mark: bad integer value for option "--mark", or out of range.'],
  ["1/", 'mark: bad integer value for option "--mark", or out of range.'],
  ["/1", 'mark: bad integer value for option "--mark", or out of range.'],
  ["", 'mark: bad integer value for option "--mark", or out of range.'],
  ["-1", 'mark: bad integer value for option "--mark", or out of range.'],
  ["1/2/3", 'mark: trailing garbage after value for option "--mark".'],
  ["1x", 'mark: trailing garbage after value for option "--mark".'],
]);

table("macAddress", macAddress, [
  ["00:11:22:33:44:55", undefined],
  ["00:11:22:33:44:5", undefined],
  ["0:1:2:3:4:5", undefined],
  ["00:11:22:33:44:5g", "Invalid MAC address specified."],
  ["00-11-22-33-44-55", "Invalid MAC address specified."],
  ["00:11:22:33:44:55:66", "Invalid MAC address specified."],
  ["XX:XX:XX:XX:XX:XX", "Invalid MAC address specified."],
  ["000:11:22:33:44:55", "Invalid MAC address specified."],
]);

table("stateList", stateList, [
  ["NEW,established", undefined],
  ["N", undefined],
  ["NEW,", `"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED`],
  ["", `"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED`],
  ["FOO", 'Bad state "FOO"'],
  ["SNAT", 'Bad state "SNAT"'],
  ["NEW,FOO,RELATED", 'Bad state "FOO,RELATED"'],
]);

table("ctstateList", ctstateList, [
  ["SNAT,dnat", undefined],
  ["E,U,S,D,R", undefined],
  ["NEW,,RELATED", 'Bad ctstate ",RELATED"'],
  ["DN AT", 'Bad ctstate "DN AT"'],
  ["NEW,", 'Bad ctstate ""'],
  ["", 'Bad ctstate ""'],
  ["NEW,FOO,RELATED", 'Bad ctstate "FOO,RELATED"'],
]);

table("ctstatusList", ctstatusList, [
  ["assured,NONE", undefined],
  ["ass", undefined],
  ["FOO", 'Bad ctstatus "FOO"'],
  ["NONE,", 'Bad ctstatus ""'],
]);

table("ctdir", ctdir, [
  ["original", undefined],
  ["REPLY", undefined],
  ["orig", 'conntrack: Bad value for "--ctdir" option: "orig"'],
]);

table("tcpFlagList", tcpFlagList, [
  ["SYN,ACK", undefined],
  ["syn,ack", undefined],
  ["ALL", undefined],
  ["", undefined],
  ["SYN,,ACK", undefined],
  ["SYN,FOO", "Unknown TCP flag `FOO'"],
]);

table("icmpType", icmpType, [
  ["echo-request", undefined],
  ["ECHO-REQUEST", undefined],
  ["echo-req", undefined],
  ["ping", undefined],
  ["ttl-exceeded", undefined],
  ["any", undefined],
  ["8/0", undefined],
  ["0x8", undefined],
  ["echo", "Ambiguous ICMP type `echo': `echo-reply' or `echo-request'?"],
  ["", "Ambiguous ICMP type `': `any' or `echo-reply'?"],
  ["h", "Ambiguous ICMP type `h': `host-unreachable' or `host-unknown'?"],
  ["256", "Unknown ICMP type `256'"],
  ["/0", "Unknown ICMP type `/0'"],
  ["8/256", "Unknown ICMP code `8/256'"],
  ["8/", "Unknown ICMP code `8/'"],
  ["8/0/1", "unknown character /"],
]);

table("icmpv6Type", icmpv6Type, [
  ["echo-request", undefined],
  ["ping", undefined],
  ["neighbor-solicitation", undefined],
  ["1/3", undefined],
  ["143", undefined],
  ["n", "Ambiguous ICMPv6 type `n': `no-route' or `neighbour-solicitation'?"],
  ["", "Ambiguous ICMPv6 type `': `destination-unreachable' or `no-route'?"],
  ["256", "Unknown ICMPv6 type `256'"],
  ["1/256", "Unknown ICMPv6 code `1/256'"],
]);

table("limitRate", limitRate, [
  ["5/s", undefined],
  ["5/se", undefined],
  ["5/mi", undefined],
  ["5/h", undefined],
  ["5/d", undefined],
  ["5/SEC", undefined],
  ["5", undefined],
  ["5x/s", undefined],
  [" 5/s", undefined],
  ["10000/s", undefined],
  ["1000000/day", undefined],
  ["4294967297/s", undefined],
  ["5/x", `bad rate "5/x"'`],
  ["0/s", `bad rate "0/s"'`],
  ["5/", `bad rate "5/"'`],
  ["/s", `bad rate "/s"'`],
  ["0x5/s", `bad rate "0x5/s"'`],
  ["5/sec/x", `bad rate "5/sec/x"'`],
  ["5/secondx", `bad rate "5/secondx"'`],
  ["5/days", `bad rate "5/days"'`],
  ["10001/s", `Rate too fast "10001/s"`],
  ["-5/s", `Rate too fast "-5/s"`],
  ["2147483648/s", `Rate too fast "2147483648/s"`],
]);
