import { describe, expect, it } from "vitest";
import { containerAddresses, inSubnet, subnetsOverlap, subnetWithin } from "../../src/docker/net.js";
import { parseAddressText } from "../../src/model/ip/addresses.js";
import type { Family } from "../../src/model/netfilter.js";
import { viewOf } from "./fixtures.js";

describe("address helpers", () => {
  it.each<[string, string, Family, boolean]>([
    ["172.17.0.2", "172.17.0.0/16", "ipv4", true],
    ["172.17.0.2/32", "172.17.0.0/16", "ipv4", true],
    ["172.18.0.2", "172.17.0.0/16", "ipv4", false],
    // A network is not an address: only a full-length prefix counts.
    ["172.17.0.0/24", "172.17.0.0/16", "ipv4", false],
    ["10.1.2.3", "10.9.9.9/8", "ipv4", true],
    ["fd00::2", "fd00::/64", "ipv6", true],
    ["fd00::2/128", "fd00::/64", "ipv6", true],
    ["fd01::2", "fd00::/64", "ipv6", false],
    ["not-an-address", "0.0.0.0/0", "ipv4", false],
  ])("inSubnet(%s, %s)", (address, cidr, family, expected) => {
    expect(inSubnet(address, cidr, family)).toBe(expected);
  });

  it.each<[string, string, boolean, boolean]>([
    // inner, outer, overlap, inner within outer
    ["172.17.0.0/16", "172.17.0.0/16", true, true],
    ["172.17.5.0/24", "172.17.0.0/16", true, true],
    ["172.17.0.0/16", "172.17.5.0/24", true, false],
    ["172.17.0.2", "172.17.0.0/16", true, true],
    ["172.18.0.0/16", "172.17.0.0/16", false, false],
    ["0.0.0.0/0", "10.0.0.0/8", true, false],
    ["host.example", "0.0.0.0/0", false, false],
  ])("%s and %s: overlap %s, within %s", (inner, outer, overlap, within) => {
    expect(subnetsOverlap(inner, outer, "ipv4")).toBe(overlap);
    expect(subnetsOverlap(outer, inner, "ipv4")).toBe(overlap);
    expect(subnetWithin(inner, outer, "ipv4")).toBe(within);
  });
});

describe("containerAddresses", () => {
  const nat = (extra: string) =>
    `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A POSTROUTING -s 172.20.0.0/16 ! -o br-0123456789ab -j MASQUERADE\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n-A FORWARD -o br-0123456789ab -j DOCKER\n${extra}COMMIT\n`;
  const bridge = (text: string) => viewOf(text).bridges.find((b) => b.name === "br-0123456789ab");
  const v4 = (text: string) => parseAddressText(text, "ipv4");

  it("takes the endpoints Docker's rules name when there are enough", () => {
    const b = bridge(nat("-A DOCKER -d 172.20.0.7/32 ! -i br-0123456789ab -o br-0123456789ab -p tcp -m tcp --dport 80 -j ACCEPT\n"));
    expect(b && containerAddresses(b, 1)).toEqual([v4("172.20.0.7")]);
    // One endpoint is not two: the subnet's second and third addresses instead.
    expect(b && containerAddresses(b, 2)).toEqual([v4("172.20.0.2"), v4("172.20.0.3")]);
  });

  it("falls back to the subnet's hosts from the second on, and to nothing without a subnet", () => {
    const b = bridge(nat(""));
    expect(b && containerAddresses(b, 1)).toEqual([v4("172.20.0.2")]);
    expect(b && containerAddresses({ ...b, subnets: [] }, 1)).toBeUndefined();
  });
});
