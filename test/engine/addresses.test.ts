import { describe, expect, it } from "vitest";
import {
  addressToBigint,
  cidrContains,
  isLimitedBroadcast,
  isMulticastAddress,
  networkOf,
  parseAddressText,
  prefixMask,
} from "../../src/model/ip/addresses.js";
import { parseHostMask, type ParsedHostMask } from "../../src/model/values/address.js";

describe("addressToBigint", () => {
  it.each([
    [[192, 0, 2, 1], 0xc0000201n],
    [[0, 0, 0, 0], 0n],
    [[255, 255, 255, 255], 0xffffffffn],
    [[0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], 0x20010db8000000000000000000000001n],
  ])("%j -> %s", (bytes, value) => {
    expect(addressToBigint(bytes)).toBe(value);
  });
});

describe("parseAddressText (literals only)", () => {
  it.each([
    ["192.0.2.1", "ipv4", 0xc0000201n],
    ["10", "ipv4", 0x0a000000n], // iptables' numeric form: missing parts are 0
    ["::1", "ipv6", 1n],
    ["2001:db8::1", "ipv6", 0x20010db8000000000000000000000001n],
    ["example.com", "ipv4", undefined],
    ["192.0.2.1", "ipv6", undefined],
    ["10.0.0.0/8", "ipv4", undefined],
  ] as const)("%s (%s) -> %s", (text, family, value) => {
    expect(parseAddressText(text, family)).toBe(value);
  });
});

describe("prefixMask and cidrContains", () => {
  it.each([
    [0, "ipv4", 0n],
    [8, "ipv4", 0xff000000n],
    [32, "ipv4", 0xffffffffn],
    [64, "ipv6", 0xffffffffffffffff0000000000000000n],
    [128, "ipv6", (1n << 128n) - 1n],
  ] as const)("/%i %s", (len, family, mask) => {
    expect(prefixMask(len, family)).toBe(mask);
  });

  it.each([
    ["10.0.0.0", 8, "10.255.1.2", true],
    ["10.0.0.0", 8, "11.0.0.1", false],
    ["10.1.2.3", 8, "10.9.9.9", true], // host bits of the network are ignored, as after iptables masks it
    ["0.0.0.0", 0, "203.0.113.7", true],
    ["192.0.2.1", 32, "192.0.2.1", true],
    ["192.0.2.1", 32, "192.0.2.2", false],
    ["192.0.2.0", 0xffff00ffn, "192.0.9.0", true], // a full (non-contiguous) mask
    ["192.0.2.0", 0xffff00ffn, "192.0.9.1", false],
  ] as const)("%s/%s contains %s: %s", (net, mask, address, expected) => {
    expect(cidrContains(parseAddressText(net, "ipv4")!, mask, parseAddressText(address, "ipv4")!, "ipv4")).toBe(expected);
  });

  it("works on 128-bit IPv6 addresses", () => {
    const net = parseAddressText("2001:db8::", "ipv6")!;
    expect(cidrContains(net, 32, parseAddressText("2001:db8:ffff::1", "ipv6")!, "ipv6")).toBe(true);
    expect(cidrContains(net, 32, parseAddressText("2001:db9::1", "ipv6")!, "ipv6")).toBe(false);
  });
});

describe("networkOf", () => {
  const parsed = (text: string, family: "ipv4" | "ipv6"): ParsedHostMask => {
    const r = parseHostMask(text, family);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it("masks the address as iptables stores it", () => {
    expect(networkOf(parsed("10.1.2.3/8", "ipv4"), "ipv4")).toEqual({ net: 0x0a000000n, mask: 0xff000000n });
    expect(networkOf(parsed("10.1.2.3/255.255.0.0", "ipv4"), "ipv4")).toEqual({ net: 0x0a010000n, mask: 0xffff0000n });
    expect(networkOf(parsed("10.1.2.3", "ipv4"), "ipv4")).toEqual({ net: 0x0a010203n, mask: 0xffffffffn });
    expect(networkOf(parsed("::1/128", "ipv6"), "ipv6")).toEqual({ net: 1n, mask: (1n << 128n) - 1n });
  });

  it("has no network for a host name", () => {
    expect(networkOf(parsed("example.com/24", "ipv4"), "ipv4")).toBeUndefined();
  });
});

describe("address classes", () => {
  it.each([
    ["224.0.0.1", "ipv4", true],
    ["239.255.255.250", "ipv4", true],
    ["223.255.255.255", "ipv4", false],
    ["ff02::1", "ipv6", true],
    ["fe80::1", "ipv6", false],
  ] as const)("multicast %s: %s", (text, family, expected) => {
    expect(isMulticastAddress(parseAddressText(text, family)!, family)).toBe(expected);
  });

  it("knows the limited broadcast of IPv4 only", () => {
    expect(isLimitedBroadcast(0xffffffffn, "ipv4")).toBe(true);
    expect(isLimitedBroadcast(0xfffffffen, "ipv4")).toBe(false);
    expect(isLimitedBroadcast(0xffffffffn, "ipv6")).toBe(false);
  });
});
