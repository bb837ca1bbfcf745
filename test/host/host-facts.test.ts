import { describe, expect, it } from "vitest";
import type { AddressType } from "../../src/engine/host.js";
import type { Tri } from "../../src/engine/tri.js";
import { defaultRouteDevice, hostFactsFrom, type HostInputs } from "../../src/host/host-facts.js";
import { parseIpAddr } from "../../src/host/ip-addr.js";
import { parseIpRoute } from "../../src/host/ip-route.js";
import { formatAddress } from "../../src/model/ip/address-set.js";
import { parseAddress } from "../../src/host/ip-values.js";
import type { Family } from "../../src/model/netfilter.js";
import { fixture } from "./fixture.js";

const ADDR = parseIpAddr(fixture("ip-addr.txt")).interfaces;
const MAIN = parseIpRoute(fixture("ip-route.txt")).routes;
const MAIN6 = parseIpRoute(fixture("ip-6-route.txt")).routes;
const ALL = parseIpRoute(fixture("ip-route-table-all.txt")).routes;

const INPUTS: Record<string, HostInputs> = {
  "addr": { interfaces: ADDR },
  "addr+main": { interfaces: ADDR, routes: [...MAIN, ...MAIN6] },
  "table all": { routes: ALL },
  "main only": { routes: [...MAIN, ...MAIN6] },
  "nothing": {},
};

function ip(text: string): bigint {
  return parseAddress(text)!.value;
}

type Row = readonly [input: string, address: string, type: AddressType, iface: string | undefined, expected: Tri];

function familyOf(address: string): Family {
  return address.includes(":") ? "ipv6" : "ipv4";
}

function check(rows: readonly Row[]): void {
  it.each(rows.map((r) => [`${r[0]}: ${r[1]} ${r[2]}${r[3] ? ` on ${r[3]}` : ""} is ${String(r[4])}`, r] as const))("%s", (_name, [input, address, type, iface, expected]) => {
    expect(hostFactsFrom(INPUTS[input]!, familyOf(address)).addressType(ip(address), type, iface)).toBe(expected);
  });
}

describe("addressType, IPv4", () => {
  check([
    ["addr", "192.168.1.20", "LOCAL", undefined, true],
    ["addr", "192.168.1.21", "LOCAL", undefined, true],
    ["addr", "172.17.0.1", "LOCAL", undefined, true],
    ["addr", "172.17.0.1", "UNICAST", undefined, false],
    ["addr", "127.0.0.1", "LOCAL", undefined, true],
    ["addr", "127.9.9.9", "LOCAL", undefined, true],
    ["addr", "172.17.0.2", "UNICAST", undefined, true],
    ["addr", "172.17.0.2", "LOCAL", undefined, false],
    ["addr", "8.8.8.8", "UNICAST", undefined, true],
    ["addr", "8.8.8.8", "LOCAL", undefined, false],
    ["addr", "172.17.255.255", "BROADCAST", undefined, true],
    ["addr", "192.168.1.255", "BROADCAST", undefined, true],
    ["addr", "127.255.255.255", "BROADCAST", undefined, true],
    ["addr", "255.255.255.255", "BROADCAST", undefined, true],
    ["addr", "0.0.0.0", "BROADCAST", undefined, true],
    ["addr", "0.1.2.3", "UNICAST", undefined, false],
    ["addr", "224.0.0.1", "MULTICAST", undefined, true],
    ["addr", "239.1.2.3", "LOCAL", undefined, false],
    ["addr", "8.8.8.8", "UNSPEC", undefined, false],
    // --limit-iface-in/out: only a local route on that device makes the address LOCAL.
    ["addr", "172.17.0.1", "LOCAL", "docker0", true],
    ["addr", "172.17.0.1", "LOCAL", "eth0", false],
    ["addr", "172.17.0.1", "UNICAST", "eth0", true],
    ["addr", "127.0.0.1", "LOCAL", "lo", true],
    ["addr", "127.0.0.1", "LOCAL", "docker0", false],
    ["addr", "172.17.255.255", "BROADCAST", "eth0", false],
    // Reject routes make the kernel's table-local lookup fail: the address stays UNICAST.
    ["table all", "10.66.0.1", "BLACKHOLE", undefined, false],
    ["table all", "10.66.0.1", "UNICAST", undefined, true],
    ["table all", "10.67.0.1", "UNREACHABLE", undefined, false],
    ["table all", "10.68.0.1", "PROHIBIT", undefined, false],
    ["table all", "192.168.1.21", "LOCAL", undefined, true],
    ["table all", "192.168.1.21", "LOCAL", "eth0", true],
    ["table all", "8.8.8.8", "LOCAL", undefined, false],
    ["table all", "172.19.255.255", "BROADCAST", undefined, true],
    // Main routes alone: their `src` are host addresses; nothing else can be told.
    ["main only", "192.168.1.20", "LOCAL", undefined, true],
    ["main only", "172.18.0.1", "LOCAL", "br-3f2a1b9c8d7e", true],
    ["main only", "192.168.1.21", "LOCAL", undefined, "unknown"],
    ["main only", "8.8.8.8", "UNICAST", undefined, "unknown"],
    ["main only", "8.8.8.8", "BLACKHOLE", undefined, false],
    ["main only", "224.0.0.1", "MULTICAST", undefined, true],
    ["nothing", "192.168.1.20", "LOCAL", undefined, "unknown"],
    ["nothing", "255.255.255.255", "BROADCAST", undefined, true],
    ["nothing", "10.0.0.1", "MULTICAST", undefined, false],
  ]);
});

describe("addressType, IPv6", () => {
  check([
    ["addr", "2001:db8:1::20", "LOCAL", undefined, true],
    ["addr", "fd00:dead:beef::1", "LOCAL", undefined, true],
    ["addr", "::1", "LOCAL", undefined, true],
    ["addr", "2001:db8:1::99", "LOCAL", undefined, false],
    ["addr", "2001:db8:1::99", "UNICAST", undefined, true],
    // Classes: UNICAST holds for local addresses too (match_type6 tests it apart from the lookup).
    ["addr", "fd00:dead:beef::1", "UNICAST", undefined, true],
    ["addr", "ff02::1", "MULTICAST", undefined, true],
    ["addr", "ff02::1", "UNICAST", undefined, false],
    ["addr", "::", "UNSPEC", undefined, true],
    ["addr", "::", "UNICAST", undefined, false],
    ["addr", "::ffff:192.0.2.1", "UNICAST", undefined, false],
    // The subnet-router anycast address of a connected prefix.
    ["addr", "fd00:dead:beef::", "ANYCAST", undefined, true],
    ["addr", "fd00:dead:beef::5", "ANYCAST", undefined, false],
    ["table all", "fd00:dead:beef::", "ANYCAST", undefined, true],
    ["table all", "2001:db8:99::", "ANYCAST", undefined, false],
    // Routes decide UNREACHABLE; addresses alone do not know the default route.
    ["table all", "2001:db8:66::1", "UNREACHABLE", undefined, true],
    ["table all", "2001:db8:67::1", "UNREACHABLE", undefined, true],
    ["table all", "2001:db8:99::1", "UNREACHABLE", undefined, false],
    ["table all", "3fff::1", "UNREACHABLE", undefined, false],
    ["table all", "2001:db8:1::20", "UNREACHABLE", undefined, false],
    ["addr", "3fff::1", "UNREACHABLE", undefined, "unknown"],
    ["addr", "fd00:dead:beef::9", "UNREACHABLE", undefined, false],
    ["addr+main", "2001:db8:66::1", "UNREACHABLE", undefined, true],
    // Main routes alone cannot tell a local address; a blackholed one might still be local.
    ["main only", "2001:db8:1::20", "LOCAL", undefined, "unknown"],
    ["main only", "2001:db8:99::1", "UNREACHABLE", undefined, false],
    ["main only", "2001:db8:66::1", "UNREACHABLE", undefined, "unknown"],
    // --limit-iface: the address must be on that device and past DAD.
    ["addr", "fd00:dead:beef::1", "LOCAL", "docker0", true],
    ["addr", "fd00:dead:beef::1", "LOCAL", "eth0", false],
    ["table all", "fd00:dead:beef::1", "LOCAL", "docker0", true],
    ["table all", "fd00:dead:beef::1", "LOCAL", "eth0", false],
    // Refused for IPv6 at load time.
    ["addr", "2001:db8:1::20", "BROADCAST", undefined, false],
    ["table all", "2001:db8:66::1", "BLACKHOLE", undefined, false],
    ["nothing", "2001:db8:1::20", "LOCAL", undefined, "unknown"],
  ]);

  it("a tentative address is not yet local, on any device", () => {
    const { interfaces } = parseIpAddr(["3: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500", "    inet6 2001:db8:7::5/64 scope global tentative ", "    inet6 2001:db8:7::6/64 scope global "].join("\n"));
    const facts = hostFactsFrom({ interfaces }, "ipv6");
    expect(facts.addressType(ip("2001:db8:7::5"), "LOCAL")).toBe(false);
    expect(facts.addressType(ip("2001:db8:7::5"), "LOCAL", "eth0")).toBe(false);
    expect(facts.addressType(ip("2001:db8:7::6"), "LOCAL", "eth0")).toBe(true);
  });
});

describe("addresses alone give the kernel's own table local", () => {
  // Every address of table local in the captured `ip route show table all`, and a few others.
  const probes4 = [...new Set(ALL.filter((r) => r.family === "ipv4" && r.table === "local").map((r) => r.destination.split("/")[0]!)), "127.3.2.1", "172.17.0.0", "172.17.0.9", "192.168.1.0", "8.8.8.8", "10.66.0.1"];
  const types4: AddressType[] = ["UNICAST", "LOCAL", "BROADCAST", "MULTICAST", "ANYCAST"];
  const ifaces = [undefined, "lo", "eth0", "docker0", "br-5c1e7a0d4b21"];

  it("IPv4: every addrtype answer, with and without a device, matches", () => {
    const fromAddr = hostFactsFrom({ interfaces: ADDR }, "ipv4");
    const fromTable = hostFactsFrom({ routes: ALL }, "ipv4");
    for (const a of probes4)
      for (const t of types4)
        for (const i of ifaces) expect(fromAddr.addressType(ip(a), t, i), `${a} ${t} ${i ?? ""}`).toBe(fromTable.addressType(ip(a), t, i));
  });

  it("IPv6: LOCAL and ANYCAST match, given the main table", () => {
    const probes6 = [...new Set(ALL.filter((r) => r.family === "ipv6" && r.table === "local" && r.type !== "multicast").map((r) => r.destination.split("/")[0]!)), "2001:db8:1::21", "fd00:dead:beef::2"];
    const fromAddr = hostFactsFrom({ interfaces: ADDR, routes: MAIN6 }, "ipv6");
    const fromTable = hostFactsFrom({ routes: ALL }, "ipv6");
    for (const a of probes6)
      for (const t of ["LOCAL", "ANYCAST", "UNREACHABLE"] as const) expect(fromAddr.addressType(ip(a), t), `${a} ${t}`).toBe(fromTable.addressType(ip(a), t));
  });

  it("a device that is down keeps its local address but has no broadcast or prefix route", () => {
    const { interfaces } = parseIpAddr(["9: br-5c1e7a0d4b21: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN", "    inet 172.19.0.1/16 brd 172.19.255.255 scope global br-5c1e7a0d4b21"].join("\n"));
    const facts = hostFactsFrom({ interfaces }, "ipv4");
    expect(facts.addressType(ip("172.19.0.1"), "LOCAL")).toBe(true);
    expect(facts.addressType(ip("172.19.255.255"), "BROADCAST")).toBe(false);
    expect(facts.routeDevice(ip("172.19.0.5"))).toBeUndefined();
  });
});

describe("routeDevice", () => {
  it.each([
    ["addr+main", "8.8.8.8", "eth0"],
    ["addr+main", "172.17.0.5", "docker0"],
    ["addr+main", "172.18.3.4", "br-3f2a1b9c8d7e"],
    ["addr+main", "172.17.0.1", undefined],
    ["addr+main", "127.0.0.1", undefined],
    ["addr+main", "172.17.255.255", "docker0"],
    ["addr+main", "10.66.0.1", undefined],
    ["addr+main", "10.67.0.1", undefined],
    ["addr+main", "10.30.1.1", "eth0"],
    ["addr+main", "10.99.1.1", "eth0"],
    ["table all", "10.40.0.1", "eth0"],
    ["addr", "172.18.3.4", "br-3f2a1b9c8d7e"],
    ["addr", "8.8.8.8", undefined],
    ["main only", "172.19.0.7", "br-5c1e7a0d4b21"],
    ["nothing", "8.8.8.8", undefined],
    ["table all", "2001:db8:99::1", "eth0"],
    ["table all", "fd00:dead:beef::5", "docker0"],
    ["table all", "fd00:dead:beef::1", undefined],
    ["table all", "3fff::1", "eth0"],
    ["table all", "2001:db8:66::1", undefined],
    // fe80::/64 and ff00::/8 exist once per device: the table cannot choose.
    ["table all", "fe80::1", undefined],
    ["table all", "ff02::1", undefined],
  ] as const)("%s: %s leaves on %s", (input, address, expected) => {
    expect(hostFactsFrom(INPUTS[input]!, familyOf(address)).routeDevice(ip(address))).toBe(expected);
  });

  it("takes the longest prefix, then the lowest metric, and no side when a multipath route spans devices", () => {
    const { routes } = parseIpRoute(
      [
        "default via 192.168.1.1 dev eth0",
        "10.0.0.0/8 via 192.168.1.2 dev eth0",
        "10.1.0.0/16 dev wg0 scope link",
        "10.20.0.0/16 via 192.168.1.2 dev eth0 metric 50",
        "10.20.0.0/16 dev wg1 metric 10",
        "10.30.0.0/16 ",
        "\tnexthop via 192.168.1.2 dev eth0 weight 1 ",
        "\tnexthop via 192.168.2.2 dev eth1 weight 1 ",
      ].join("\n"),
    );
    const facts = hostFactsFrom({ routes }, "ipv4");
    expect(facts.routeDevice(ip("10.1.2.3"))).toBe("wg0");
    expect(facts.routeDevice(ip("10.2.2.3"))).toBe("eth0");
    expect(facts.routeDevice(ip("10.20.0.1"))).toBe("wg1");
    expect(facts.routeDevice(ip("10.30.0.1"))).toBeUndefined();
  });
});

describe("addressOn", () => {
  it.each([
    ["addr", "ipv4", "eth0", "192.168.1.20"],
    ["addr", "ipv6", "eth0", "2001:db8:1::20"],
    ["addr", "ipv4", "docker0", "172.17.0.1"],
    ["addr", "ipv6", "docker0", "fd00:dead:beef::1"],
    ["addr", "ipv4", "lo", "127.0.0.1"],
    ["addr", "ipv4", "veth12ab", undefined],
    ["addr", "ipv6", "veth12ab", "fe80::d47b:b9ff:feed:dfaa"],
    ["addr", "ipv4", "nosuch0", undefined],
    ["main only", "ipv4", "eth0", "192.168.1.20"],
    ["main only", "ipv4", "br-3f2a1b9c8d7e", "172.18.0.1"],
    ["table all", "ipv6", "eth0", "2001:db8:1::20"],
    ["table all", "ipv6", "veth12ab", "fe80::d47b:b9ff:feed:dfaa"],
    ["nothing", "ipv4", "eth0", undefined],
  ] as const)("%s: %s address on %s is %s", (input, family, iface, expected) => {
    const got = hostFactsFrom(INPUTS[input]!, family).addressOn(iface);
    expect(got === undefined ? undefined : formatAddress(got, family)).toBe(expected);
  });

  it("prefers a primary global address over secondary, deprecated and link-local ones", () => {
    const { interfaces } = parseIpAddr(
      [
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500",
        "    inet 169.254.10.1/16 brd 169.254.255.255 scope link eth0",
        "    inet 192.0.2.9/24 brd 192.0.2.255 scope global secondary eth0",
        "    inet 192.0.2.8/24 brd 192.0.2.255 scope global eth0",
        "    inet6 fe80::1/64 scope link ",
        "    inet6 2001:db8::old/64 scope global deprecated ".replace("old", "1"),
        "    inet6 2001:db8::2/64 scope global dynamic ",
      ].join("\n"),
    );
    expect(formatAddress(hostFactsFrom({ interfaces }, "ipv4").addressOn("eth0")!, "ipv4")).toBe("192.0.2.8");
    expect(formatAddress(hostFactsFrom({ interfaces }, "ipv6").addressOn("eth0")!, "ipv6")).toBe("2001:db8::2");
  });
});

describe("defaultRouteDevice", () => {
  it("is the device of main's lowest-metric default route, per family", () => {
    expect(defaultRouteDevice(ALL, "ipv4")).toBe("eth0");
    expect(defaultRouteDevice(ALL, "ipv6")).toBe("eth0");
    const { routes } = parseIpRoute("default via 10.0.0.1 dev eth1 metric 200\ndefault via 10.0.1.1 dev wlan0 metric 600\n");
    expect(defaultRouteDevice(routes, "ipv4")).toBe("eth1");
    expect(defaultRouteDevice(routes, "ipv6")).toBeUndefined();
    expect(defaultRouteDevice(parseIpRoute(fixture("ip-route-table-local.txt")).routes, "ipv4")).toBeUndefined();
  });
});
