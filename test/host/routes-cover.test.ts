import { describe, expect, it } from "vitest";
import { parseIpRoute } from "../../src/host/ip-route.js";
import { routeCovers } from "../../src/host/routes-cover.js";
import { fixture } from "./fixture.js";

// The upstream router's `ip route`: it routes some container subnets back to the Docker host 192.168.1.20.
const ROUTER = parseIpRoute(
  [
    "default via 203.0.113.1 dev wan0 proto static ",
    "10.99.0.0/16 via 192.168.1.20 dev lan0 proto bird metric 32 ",
    "172.16.0.0/12 via 192.168.1.20 dev lan0 proto static metric 10 ",
    "172.17.0.0/16 via 192.168.1.20 dev lan0 proto static ",
    "blackhole 172.30.0.0/16 proto static ",
    "172.31.0.0/16 dev lan1 proto kernel scope link src 172.31.0.1 ",
    "172.28.0.0/16 proto static ",
    "\tnexthop via 192.168.1.20 dev lan0 weight 1 ",
    "\tnexthop via 192.168.1.21 dev lan0 weight 1 ",
    "192.168.1.0/24 dev lan0 proto kernel scope link src 192.168.1.1 ",
    "fd00:dead:beef::/64 via fe80::a48a:eaff:fe9a:49c3 dev lan0 proto static metric 1024 pref medium",
    "default via 2001:db8:ff::1 dev wan0 metric 1024 pref medium",
  ].join("\n"),
).routes;

const HOST = parseIpRoute(fixture("ip-route.txt")).routes;

describe("routeCovers on the upstream router's table", () => {
  it.each([
    ["the subnet's own route", "172.17.0.0/16", "172.17.0.0/16"],
    ["a wider route holding it", "172.18.0.0/16", "172.16.0.0/12"],
    ["a route for part of a subnet the wider route also holds", "172.17.3.0/24", "172.17.0.0/16"],
    ["a multipath route back", "172.28.0.0/16", "172.28.0.0/16"],
    ["an IPv6 subnet", "fd00:dead:beef::/64", "fd00:dead:beef::/64"],
    ["a bare address", "172.17.0.2", "172.17.0.0/16"],
    ["host bits in the CIDR", "172.17.0.1/16", "172.17.0.0/16"],
  ])("%s: %s → %s", (_name, cidr, expected) => {
    expect(routeCovers(ROUTER, cidr)?.destination).toBe(expected);
  });

  it.each([
    ["only the default route holds it", "192.0.2.0/24"],
    ["a blackhole more specific than the route back", "172.30.0.0/16"],
    ["the router's own connected route under the wide route", "172.31.0.0/16"],
    ["a route for only part of the subnet", "10.0.0.0/8"],
    ["an IPv6 subnet with only the default route", "fd00:cafe::/64"],
    ["not a CIDR", "docker0"],
  ])("%s: %s is not covered", (_name, cidr) => {
    expect(routeCovers(ROUTER, cidr)).toBeUndefined();
  });
});

describe("routeCovers on the Docker host's own table", () => {
  it("the kernel's connected route for the bridge does not count", () => {
    expect(routeCovers(HOST, "172.17.0.0/16")).toBeUndefined();
    expect(routeCovers(HOST, "172.19.0.0/16")).toBeUndefined();
    expect(routeCovers(HOST, "172.20.0.0/16")).toBeUndefined();
  });

  it("a route sending the subnet through another gateway counts", () => {
    expect(routeCovers(HOST, "10.99.0.0/16")).toMatchObject({ destination: "10.99.0.0/16", via: "10.255.0.1", dev: "eth0" });
  });

  it("a gateway reached through the bridge itself is a container, not the network", () => {
    const { routes } = parseIpRoute("172.25.0.0/16 via 172.25.0.5 dev br-0123456789ab proto static\n");
    expect(routeCovers(routes, "172.25.0.0/16", { bridge: "br-0123456789ab" })).toBeUndefined();
    expect(routeCovers(routes, "172.25.0.0/16", { bridge: "docker0" })?.destination).toBe("172.25.0.0/16");
  });

  it("table local's routes never count", () => {
    const all = parseIpRoute(fixture("ip-route-table-all.txt")).routes;
    expect(routeCovers(all, "172.17.0.1/32")).toBeUndefined();
  });
});
