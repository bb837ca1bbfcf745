import { describe, expect, it } from "vitest";
import { AddressSet } from "../../src/model/ip/address-set.js";
import { parseCidrSet } from "../../src/model/ip/cidr.js";

const v4 = (text: string) => parseCidrSet(text, "ipv4") as AddressSet;

describe("AddressSet", () => {
  it.each([
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.0.0.0/8,192.168.0.0/16", "10.0.0.0/8, 192.168.0.0/16"],
    ["10.1.2.3/8", "10.0.0.0/8"],
  ])("%s reads and prints as %s", (text, shown) => {
    expect(v4(text).describe()).toBe(shown);
  });

  it("says 'except' when the complement is shorter", () => {
    expect(AddressSet.all("ipv4").subtract(v4("10.0.0.0/8")).describe()).toBe("0.0.0.0/0 except 10.0.0.0/8");
    expect(AddressSet.all("ipv4").subtract(v4("10.0.0.0/8,192.168.1.0/24")).describe()).toBe("0.0.0.0/0 except 10.0.0.0/8, 192.168.1.0/24");
  });

  it("splits and joins exactly", () => {
    const all = AddressSet.all("ipv4");
    const inside = all.intersect(v4("172.16.0.0/12"));
    const outside = all.subtract(v4("172.16.0.0/12"));
    expect(inside.union(outside).isAll()).toBe(true);
    expect(inside.intersect(outside).isEmpty()).toBe(true);
    expect(v4("172.17.0.0/16").subtract(inside).isEmpty()).toBe(true);
  });

  it("prints the fewest prefixes for a range", () => {
    expect(AddressSet.of("ipv4", [[0x0a000001n, 0x0a000006n]]).toPrefixes()).toEqual(["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
  });

  it("picks an ordinary address to stand for a class (never ::1 or 0.0.0.1)", () => {
    expect(AddressSet.all("ipv6").representative()).not.toBe(1n);
    const r = AddressSet.all("ipv4").representative() as bigint;
    expect(r >> 24n).not.toBe(0n);
    expect(r >> 24n).not.toBe(127n);
    expect(v4("127.0.0.0/8").representative()).toBe(0x7f000001n);
  });

  it("IPv6 prefixes", () => {
    const set = parseCidrSet("fd00::/8", "ipv6") as AddressSet;
    expect(AddressSet.all("ipv6").subtract(set).describe()).toBe("::/0 except fd00::/8");
  });
});
