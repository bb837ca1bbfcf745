import { describe, expect, it } from "vitest";
import { hostOrNetworkList, parseIPv4, parseIPv6, singleAddress } from "../../../src/model/values/address.js";

const v4 = { family: "ipv4" as const };
const v6 = { family: "ipv6" as const };

// Every row was loaded with iptables 1.8.9 (oracle check / canon, nft and legacy agree).
describe("parseIPv4 (numeric forms iptables accepts)", () => {
  it.each([
    ["10", [10, 0, 0, 0]],
    ["10.1", [10, 1, 0, 0]],
    ["1.2.3", [1, 2, 3, 0]],
    ["0x0a.1", [10, 1, 0, 0]],
    ["010.0.0.1", [8, 0, 0, 1]],
    ["0x1.0x2.0x3.0x4", [1, 2, 3, 4]],
    ["1.65536", [1, 1, 0, 0]],
    ["4294967295", [255, 255, 255, 255]],
    ["+1.2.3.4", [1, 2, 3, 4]],
    [" 1.2.3.4", [1, 2, 3, 4]],
  ])("%s -> %j", (text, bytes) => {
    expect(parseIPv4(text)).toEqual(bytes);
  });

  it.each(["1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1..2", "09.1.1.1", "1.-2.3.4", "1.2.3.4 ", "::1", ""])(
    "%j is not numeric",
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );
});

describe("parseIPv6", () => {
  it.each([
    ["::1", [...new Array(15).fill(0), 1]],
    ["::", new Array(16).fill(0)],
    ["2001:DB8::1", [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]],
    ["::ffff:1.2.3.4", [...new Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]],
  ])("%s", (text, bytes) => {
    expect(parseIPv6(text)).toEqual(bytes);
  });

  it.each(["1::2::3", "[::1]", "1.2.3.4", "10", ":1", "1:2:3:4:5:6:7:8:9", "12345::"])("%j is refused", (text) => {
    expect(parseIPv6(text)).toBeUndefined();
  });
});

describe("hostOrNetworkList (-s/-d)", () => {
  it.each([
    ["ipv4", "1.2.3.4/32"],
    ["ipv4", "1.2.3.4/0"],
    ["ipv4", "1.2.3.4/0x8"],
    ["ipv4", "1.2.3.4/+8"],
    ["ipv4", "1.2.3.4/255.255.0.0"],
    ["ipv4", "1.2.3.4/255.0.255.0"],
    ["ipv4", "1.2.3.4,5.6.7.8"],
    ["ipv4", "pxe.ustc.edu.cn"],
    ["ipv4", "localhost"],
    ["ipv6", "::1/128"],
    ["ipv6", "::1/ffff::"],
    ["ipv6", "::1/0x40"],
    ["ipv6", "fe80::1%lo"],
    ["ipv6", " ::1"],
    ["ipv6", "::1,::2"],
    ["ipv6", "2001:db8::/32"],
    ["ipv6", "pxe.ustc.edu.cn"],
  ] as const)("%s %s is accepted", (family, text) => {
    expect(hostOrNetworkList(text, { family }).ok).toBe(true);
  });

  it.each([
    ["ipv4", "1.2.3.4/33", "invalid mask `33' specified"],
    ["ipv4", "1.2.3.4/", "invalid mask `' specified"],
    ["ipv4", "1.2.3.4/08", "invalid mask `08' specified"],
    ["ipv4", "1.2.3.4/00008", "invalid mask `00008' specified"],
    ["ipv4", "1.2.3.4/-1", "invalid mask `-1' specified"],
    ["ipv4", "1.2.3.4/32/5", "host/network `1.2.3.4/32' not found"],
    ["ipv4", "1.2.3.4,", "host/network `' not found"],
    ["ipv4", ",1.2.3.4", "host/network `' not found"],
    ["ipv4", "<private_ip>", "host/network `<private_ip>' not found"],
    ["ipv4", "1.2.3.4.5", "host/network `1.2.3.4.5' not found"],
    ["ipv4", "256.0.0.1", "host/network `256.0.0.1' not found"],
    ["ipv4", "::1", "host/network `::1' not found"],
    ["ipv4", "{%", "host/network `{%' not found"],
    ["ipv6", "::1/129", "invalid mask `129' specified"],
    ["ipv6", "::1/08", "invalid mask `08' specified"],
    ["ipv6", "::1/-0", "invalid mask `-0' specified"],
    ["ipv6", "1.2.3.4", "host/network `1.2.3.4' not found"],
    ["ipv6", "10", "host/network `10' not found"],
    ["ipv6", "[::1]", "host/network `[::1]' not found"],
    ["ipv6", "1::2::3", "host/network `1::2::3' not found"],
  ] as const)("%s %j -> %s", (family, text, message) => {
    expect(hostOrNetworkList(text, { family })).toEqual({ ok: false, message });
  });

  it("marks host names for load-time resolution", () => {
    expect(hostOrNetworkList("pxe.ustc.edu.cn/24", v4)).toEqual({
      ok: true,
      value: [{ host: { kind: "hostname", hostname: "pxe.ustc.edu.cn" }, mask: 24 }],
    });
  });

  it("singleAddress takes no list", () => {
    expect(singleAddress("1.2.3.4,5.6.7.8", v4).ok).toBe(false);
    expect(singleAddress("2001:db8::/64", v6).ok).toBe(true);
  });
});
