import { describe, expect, it } from "vitest";
import { port, portList, portListFor, portRange, portRangeFor, x6PortRange } from "../../../src/model/values/port.js";

const ctx = { family: "ipv4" as const };
const udpDport = x6PortRange("udp", "destination-port");

// Oracle-verified with iptables 1.8.9 (-p tcp --dport, -p udp --dport, -m multiport).
describe("portRange (tcp --sport/--dport, libxt_tcp.c)", () => {
  it.each([
    ["22", { from: 22, to: 22 }],
    ["0x16", { from: 22, to: 22 }],
    [" 22", { from: 22, to: 22 }],
    ["1:", { from: 1, to: 65535 }],
    [":5", { from: 0, to: 5 }],
    [":", { from: 0, to: 65535 }],
    ["5:5", { from: 5, to: 5 }],
    ["www", { from: 80, to: 80 }],
    ["syslog", { from: 514, to: 514 }],
  ])("%j -> %j", (text, value) => {
    expect(portRange(text, ctx)).toEqual({ ok: true, value });
  });

  it.each([
    ["65536", "invalid port/service `65536' specified"],
    ["0x10000", "invalid port/service `0x10000' specified"],
    ["-1", "invalid port/service `-1' specified"],
    ["", "invalid port/service `' specified"],
    ["tftp", "invalid port/service `tftp' specified"],
    ["HTTP", "invalid port/service `HTTP' specified"],
    ["5:1", "invalid portrange (min > max)"],
    ["1:2:3", "invalid port/service `2:3' specified"],
  ])("%j -> %s", (text, message) => {
    expect(portRange(text, ctx)).toEqual({ ok: false, message });
  });

  it("sctp looks names up for sctp", () => {
    expect(portRangeFor("sctp")("ssh", ctx).ok).toBe(false);
    expect(portRangeFor("sctp")("5:1", ctx)).toEqual({ ok: false, message: "invalid portrange (min > max)" });
  });
});

describe("x6PortRange (udp, conntrack: XTTYPE_PORTRC)", () => {
  it.each([
    ["65536", { from: 0, to: 0 }],
    ["70000:3", { from: 4464, to: 3 }],
    ["", { from: 0, to: 0 }],
    ["5:1", { from: 5, to: 1 }],
    ["010", { from: 10, to: 10 }],
    ["+5", { from: 5, to: 5 }],
    ["tftp:", { from: 69, to: 65535 }],
    ["ssh:http", { from: 22, to: 80 }],
    // glibc reads the number into an int (found by npm run fuzz:kernel; oracle):
    ["2147483647", { from: 65535, to: 65535 }],
    ["4294967296", { from: 0, to: 0 }],
    ["99999999999", { from: 59391, to: 59391 }],
    [" 5", { from: 5, to: 5 }],
  ])("%j -> %j", (text, value) => {
    expect(udpDport(text, ctx)).toEqual({ ok: true, value });
  });

  it.each([
    ["1:2:3", 'udp: Too many components for option "--destination-port" (max: 2)'],
    ["foo", 'Port "foo" does not resolve to anything.'],
    ["0x16", 'Port "0x16" does not resolve to anything.'],
    ["22x", 'Port "22x" does not resolve to anything.'],
    ["-1", 'Port "-1" does not resolve to anything.'],
    ["5,6", 'Port "5,6" does not resolve to anything.'],
    ["2147483648", 'Port "2147483648" does not resolve to anything.'],
    ["4294967295", 'Port "4294967295" does not resolve to anything.'],
    ["18446744073709551615", 'Port "18446744073709551615" does not resolve to anything.'],
  ])("%j -> %s", (text, message) => {
    expect(udpDport(text, ctx)).toEqual({ ok: false, message });
  });
});

describe("portList (multiport)", () => {
  const fifteen = Array.from({ length: 15 }, (_, i) => i + 1).join(",");
  it.each([fifteen, "1:2,3:4,5:6,7:8,9:10,11:12,13:14,15", "0x16", " 22", "tftp"])("%j is accepted", (text) => {
    expect(portList(text, ctx).ok).toBe(true);
  });

  it.each([
    [`${fifteen},16`, "too many ports specified"],
    [`${fifteen},`, "too many ports specified"],
    ["1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16", "too many ports specified"],
    ["5:1", "invalid portrange specified"],
    ["5:5", "invalid portrange specified"],
    ["1,", "invalid port/service `' specified"],
    ["1,,2", "invalid port/service `' specified"],
    ["", "invalid port/service `' specified"],
    [":5", "invalid port/service `' specified"],
    ["5:", "invalid port/service `' specified"],
    ["1:2:3", "invalid port/service `2:3' specified"],
    ["65536", "invalid port/service `65536' specified"],
  ])("%j -> %s", (text, message) => {
    expect(portList(text, ctx)).toEqual({ ok: false, message });
  });

  it("uses the rule's protocol for names", () => {
    expect(portListFor("udp")("tftp", ctx).ok).toBe(true);
    expect(portListFor("tcp")("tftp", ctx).ok).toBe(false);
  });

  it("port accepts any protocol's service", () => {
    expect(port("tftp", ctx)).toEqual({ ok: true, value: 69 });
  });
});
