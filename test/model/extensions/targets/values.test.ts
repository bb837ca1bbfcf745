/**
 * Value tables for the target-specific checks. Every row was probed with the oracle
 * (iptables-restore 1.8.9, real load) unless it restates iptables' source directly.
 */
import { describe, expect, it } from "vitest";
import { parseNatPorts, parseNatRange } from "../../../../src/model/extensions/targets/values/nat-range.js";
import { parseRejectType } from "../../../../src/model/extensions/targets/values/reject-type.js";
import { syslogLevel } from "../../../../src/model/extensions/targets/values/log-level.js";
import { eventList, CT_EVENTS, zoneId, isKnownHelper } from "../../../../src/model/extensions/targets/values/ct-values.js";
import { classValue, dscpClass, queueRange, tosMask } from "../../../../src/model/extensions/targets/values/tos-values.js";
import { netmapTo } from "../../../../src/model/extensions/targets/values/netmap-to.js";
import { inetPton4 } from "../../../../src/model/values/address.js";
import { logPrefix } from "../../../../src/model/extensions/targets/values/xt-string.js";
import type { Family } from "../../../../src/model/netfilter.js";

const v4 = { family: "ipv4" as Family };
const v6 = { family: "ipv6" as Family };

function message(r: { ok: boolean; message?: string }): string | undefined {
  return r.ok ? undefined : r.message;
}

describe("NAT ranges (libxt_NAT.c parse_to)", () => {
  it.each([
    ["172.17.0.2:80", "ipv4", { addresses: { min: "172.17.0.2", max: "172.17.0.2" }, ports: { min: 80, max: 80 } }],
    ["1.2.3.4", "ipv4", { addresses: { min: "1.2.3.4", max: "1.2.3.4" } }],
    ["1.2.3.4-1.2.3.9:100-200", "ipv4", { addresses: { min: "1.2.3.4", max: "1.2.3.9" }, ports: { min: 100, max: 200 } }],
    [":80", "ipv4", { ports: { min: 80, max: 80 } }],
    // parse_to quirk: a colon at arg + 2 means "no address" (oracle canon: `--to-destination :80`)
    ["ab:80", "ipv4", { ports: { min: 80, max: 80 } }],
    ["1.2.3.4:80-90/85", "ipv4", { addresses: { min: "1.2.3.4", max: "1.2.3.4" }, ports: { min: 80, max: 90, base: 85 } }],
    ["1.2.3.4:http", "ipv4", { addresses: { min: "1.2.3.4", max: "1.2.3.4" }, ports: { min: 80, max: 80 } }],
    ["1.2.3.4:0x50-0120", "ipv4", { addresses: { min: "1.2.3.4", max: "1.2.3.4" }, ports: { min: 80, max: 80 } }],
    ["[fd00::2]:80", "ipv6", { addresses: { min: "fd00::2", max: "fd00::2" }, ports: { min: 80, max: 80 } }],
    ["fd00::2-fd00::9", "ipv6", { addresses: { min: "fd00::2", max: "fd00::9" } }],
    ["::1:80", "ipv6", { addresses: { min: "::1:80", max: "::1:80" } }],
    ["[fd00::2]", "ipv6", { addresses: { min: "fd00::2", max: "fd00::2" } }],
    ["[]:80", "ipv6", { ports: { min: 80, max: 80 } }],
  ])("accepts %s (%s)", (text, family, expected) => {
    expect(parseNatRange(text, family as Family)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["1.2.3.4:80:90", "ipv4", 'Bad IP address "1.2.3.4:80:90"'],
    ["1.2.3.4:90-80", "ipv4", "Port range `80' funky"],
    ["1.2.3.4:80x", "ipv4", "Garbage after port value: `x'"],
    ["1.2.3.4:65536", "ipv4", "Port `65536' not valid"],
    ["1.2.3.4:http-90", "ipv4", "Port `http-90' not valid"],
    ["1.2.3.4:80-", "ipv4", "Port `' not valid"],
    ["1.2.3.400", "ipv4", 'Bad IP address "1.2.3.400"'],
    ["1.2.3", "ipv4", 'Bad IP address "1.2.3"'],
    ["01.2.3.4", "ipv4", 'Bad IP address "01.2.3.4"'],
    ["abc:80", "ipv4", 'Bad IP address "abc"'],
    ["", "ipv4", 'Bad IP address ""'],
    ["[1.2.3.4]:80", "ipv4", "Invalid address format"],
    ["[fd00::2", "ipv6", "Invalid address format"],
    ["1.2.3.4", "ipv6", 'Bad IP address "1.2.3.4"'],
    ["fd00:1:80", "ipv6", 'Bad IP address "fd00:1:80"'],
    ["[fd00::1]:80/5", "ipv6", "Garbage after port value: `/5'"],
  ])("rejects %s (%s)", (text, family, expected) => {
    expect(message(parseNatRange(text, family as Family))).toBe(expected);
  });

  it.each([
    ["1000-2000/1500", { min: 1000, max: 2000, base: 1500 }],
    ["80-90/85x", { min: 80, max: 90, base: 85 }],
    ["0", { min: 0, max: 0 }],
  ])("ports %s", (text, expected) => {
    expect(parseNatPorts(text)).toEqual({ ok: true, value: expected });
  });

  it("refuses a colon between ports", () => {
    expect(message(parseNatPorts("80:90"))).toBe("Invalid port:port syntax - use dash");
  });
});

describe("inet_pton(AF_INET)", () => {
  it.each([
    ["0.0.0.0", [0, 0, 0, 0]],
    ["255.255.255.255", [255, 255, 255, 255]],
    ["1.2.3", undefined],
    ["1.2.3.4.5", undefined],
    ["1.2.3.04", undefined],
    ["1.2.3.256", undefined],
    [" 1.2.3.4", undefined],
  ])("%s", (text, expected) => expect(inetPton4(text)).toEqual(expected));
});

describe("--reject-with (prefix match in table order)", () => {
  it.each([
    ["icmp-port-unreachable", "ipv4", "icmp-port-unreachable"],
    ["", "ipv4", "icmp-net-unreachable"],
    ["icmp", "ipv4", "icmp-net-unreachable"],
    ["Host-P", "ipv4", "icmp-host-prohibited"],
    ["net-p", "ipv4", "icmp-net-prohibited"],
    ["ad", "ipv4", "icmp-admin-prohibited"],
    ["TCP-R", "ipv4", "tcp-reset"],
    ["tcp-rst", "ipv4", "tcp-reset"],
    ["proto-unreach", "ipv4", "icmp-proto-unreachable"],
    ["icmp6-port-unreachable", "ipv6", "icmp6-port-unreachable"],
    ["", "ipv6", "icmp6-no-route"],
    ["P", "ipv6", "icmp6-port-unreachable"],
    ["r", "ipv6", "icmp6-reject-route"],
    ["adm-prohibited", "ipv6", "icmp6-adm-prohibited"],
    ["tcp-reset", "ipv6", "tcp-reset"],
  ])("%j in %s is %s", (text, family, expected) => {
    expect(parseRejectType(text, family as Family)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["foo", "ipv4"],
    ["echo-reply", "ipv4"],
    ["icmp6-port-unreachable", "ipv4"],
    ["icmp-port-unreachable", "ipv6"],
    ["admin-prohibited", "ipv6"],
    ["not-neighbor", "ipv6"],
  ])("rejects %s in %s", (text, family) => {
    expect(message(parseRejectType(text, family as Family))).toBe(`unknown reject type "${text}"`);
  });
});

describe("--log-level", () => {
  it.each([
    ["4", 4],
    ["0x7", 7],
    ["07", 7],
    ["+7", 7],
    [" 7", 7],
    ["error", 3],
    ["panic", 0],
    ["warning", 4],
    ["debug", 7],
  ])("%j is %d", (text, level) => expect(syslogLevel(text, v4)).toEqual({ ok: true, value: level }));

  it.each(["8", "warn", "WARNING", "err", "", "toString"])("rejects %j", (text) => {
    expect(message(syslogLevel(text, v4))).toBe(`log level "${text}" unknown`);
  });
});

describe("log prefixes", () => {
  it.each([
    ["abc", undefined],
    ["a".repeat(40), undefined],
    ["", "Argument must have a minimum length of 1 characters"],
    ["a\nb", "Newlines not allowed in --log-prefix"],
  ])("%j", (text, expected) => expect(message(logPrefix()(text, v4))).toBe(expected));
});

describe("CT values", () => {
  it.each([
    ["new,related,destroy,reply,assured,protoinfo,helper,mark,natseqinfo,secmark", undefined],
    ["bogus", 'Unknown event type "bogus"'],
    ["new,", 'Unknown event type ""'],
    ["NEW", 'Unknown event type "NEW"'],
  ])("--ctevents %s", (text, expected) => expect(message(eventList(CT_EVENTS)(text, v4))).toBe(expected));

  it.each([
    ["5", undefined],
    ["mark", undefined],
    ["MARK", undefined],
    ["65535", undefined],
    ["65536", "Cannot parse 65536 as a zone ID"],
    ["x", "Cannot parse x as a zone ID"],
  ])("--zone %s", (text, expected) => expect(message(zoneId(text, v4))).toBe(expected));

  it.each([
    ["ftp", "ipv4", 6, true],
    ["ftp", "ipv4", 17, false],
    ["ftp", "ipv4", 132, false],
    ["Q.931", "ipv6", 6, true],
    ["irc", "ipv6", 6, false],
    ["netbios-ns", "ipv4", 17, true],
    ["h245", "ipv4", 6, false],
    ["FTP", "ipv4", 6, false],
    ["1234567890123456", "ipv4", 6, false],
  ])("helper %s %s/%d → %s", (name, family, proto, known) => {
    expect(isKnownHelper(name, family as Family, proto)).toBe(known);
  });
});

describe("TOS, DSCP, CLASSIFY, NFQUEUE values", () => {
  it.each([
    ["0x10", undefined],
    ["Minimize-Delay", undefined],
    ["minimize-delay", undefined],
    ["0x10/0x3f", undefined],
    ["256", 'Symbolic name "256" is unknown'],
    ["foo", 'Symbolic name "foo" is unknown'],
    ["1/256", 'Illegal value: "1/256"'],
    ["1x", 'Illegal value: "1x"'],
  ])("--set-tos %s", (text, expected) => expect(message(tosMask(text, v4))).toBe(expected));

  it.each([
    ["af41", undefined],
    ["EF", undefined],
    ["cs7", undefined],
    ["be", undefined],
    ["xx", "Invalid DSCP value `xx'"],
    ["af44", "Invalid DSCP value `af44'"],
  ])("--set-dscp-class %s", (text, expected) => expect(message(dscpClass(text, v4))).toBe(expected));

  it.each([
    ["1:10", undefined],
    ["ffff:ffff", undefined],
    ["10000:1", undefined],
    ["1", 'Bad class value "1"'],
    ["x:1", 'Bad class value "x:1"'],
  ])("--set-class %s", (text, expected) => expect(message(classValue(text, v4))).toBe(expected));

  it.each([
    ["0:3", undefined],
    ["3:3", "3 should be less than 3"],
    ["3:1", "3 should be less than 1"],
    ["3", 'Bad range "3"'],
    ["0:65536", 'Bad range "0:65536"'],
  ])("--queue-balance %s", (text, expected) => expect(message(queueRange(text, v4))).toBe(expected));
});

describe("NETMAP --to", () => {
  it.each([
    ["10.0.0.0/8", v4, undefined],
    ["10.0.0.1", v4, undefined],
    ["10.0.0.0/255.0.0.0", v4, undefined],
    ["10.0.0.0/255.0.0.1", v4, undefined],
    ["10.0.0.0/33", v4, undefined],
    ["localhost", v4, undefined],
    ["10.0.0.0/abc", v4, 'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-32).'],
    ["10.0.0.0/", v4, 'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-32).'],
    ["fd00::/64", v6, undefined],
    ["fd00::/ffff::", v6, undefined],
    ["fd00::/129", v6, 'NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-128).'],
  ])("%s", (text, ctx, expected) => expect(message(netmapTo(text, ctx))).toBe(expected));
});
