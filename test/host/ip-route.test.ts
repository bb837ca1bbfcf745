import { describe, expect, it } from "vitest";
import { parseIpRoute } from "../../src/host/ip-route.js";
import type { Route } from "../../src/host/types.js";
import { fixture } from "./fixture.js";

/** Everything but the line number: text and JSON forms must agree on it. */
function withoutLine(routes: readonly Route[]): Omit<Route, "line">[] {
  return routes.map(({ line: _line, ...rest }) => rest);
}

function brief(r: Route): string {
  return [r.family, r.type, r.destination, r.dev ?? "-", r.via ?? "-", r.table, r.metric ?? "-"].join(" ");
}

describe("parseIpRoute: ip route", () => {
  const { routes, problems } = parseIpRoute(fixture("ip-route.txt"));

  it("reads every route without problems", () => {
    expect(problems).toEqual([]);
    expect(routes.map(brief)).toEqual([
      "ipv4 unicast default eth0 192.168.1.1 main 100",
      "ipv4 unicast 10.20.0.0/16 eth0 192.168.1.2 main 50",
      "ipv4 unicast 10.20.0.0/16 eth0 192.168.1.3 main 200",
      "ipv4 unicast 10.30.0.0/16 - - main -",
      "ipv4 blackhole 10.66.0.0/16 - - main -",
      "ipv4 unreachable 10.67.0.0/16 - - main -",
      "ipv4 prohibit 10.68.0.0/16 - - main -",
      "ipv4 unicast 10.99.0.0/16 eth0 10.255.0.1 main -",
      "ipv4 unicast 172.17.0.0/16 docker0 - main -",
      "ipv4 unicast 172.18.0.0/16 br-3f2a1b9c8d7e - main -",
      "ipv4 unicast 172.19.0.0/16 br-5c1e7a0d4b21 - main -",
      "ipv4 unicast 192.168.1.0/24 eth0 - main -",
    ]);
  });

  it("keeps proto, src, scope, flags and the line", () => {
    expect(routes[0]).toEqual({ family: "ipv4", type: "unicast", destination: "default", prefixLength: 0, dev: "eth0", via: "192.168.1.1", src: "192.168.1.20", table: "main", metric: 100, proto: "dhcp", flags: [], line: 1 });
    expect(routes.find((r) => r.destination === "10.99.0.0/16")!.flags).toEqual(["onlink"]);
    expect(routes.find((r) => r.destination === "172.19.0.0/16")).toMatchObject({ proto: "kernel", scope: "link", src: "172.19.0.1", flags: ["linkdown"] });
  });

  it("gathers a multipath route's nexthop lines", () => {
    expect(routes[3]).toMatchObject({
      line: 4,
      nexthops: [
        { via: "192.168.1.2", dev: "eth0", weight: 1, flags: [] },
        { via: "192.168.1.3", dev: "eth0", weight: 2, flags: [] },
      ],
    });
  });
});

describe("parseIpRoute: ip route show table all", () => {
  const { routes, problems } = parseIpRoute(fixture("ip-route-table-all.txt"));

  it("reads all tables and both families without problems", () => {
    expect(problems).toEqual([]);
    expect(routes.filter((r) => r.table === "100").map(brief)).toEqual(["ipv4 unicast default eth0 192.168.1.254 100 -", "ipv4 throw 10.40.0.0/16 - - 100 -"]);
    expect(routes.filter((r) => r.family === "ipv4" && r.table === "local").map(brief)).toEqual([
      "ipv4 local 127.0.0.0/8 lo - local -",
      "ipv4 local 127.0.0.1/32 lo - local -",
      "ipv4 broadcast 127.255.255.255/32 lo - local -",
      "ipv4 local 172.17.0.1/32 docker0 - local -",
      "ipv4 broadcast 172.17.255.255/32 docker0 - local -",
      "ipv4 local 172.18.0.1/32 br-3f2a1b9c8d7e - local -",
      "ipv4 broadcast 172.18.255.255/32 br-3f2a1b9c8d7e - local -",
      "ipv4 local 172.19.0.1/32 br-5c1e7a0d4b21 - local -",
      "ipv4 broadcast 172.19.255.255/32 br-5c1e7a0d4b21 - local -",
      "ipv4 local 192.168.1.20/32 eth0 - local -",
      "ipv4 local 192.168.1.21/32 eth0 - local -",
      "ipv4 broadcast 192.168.1.255/32 eth0 - local -",
    ]);
  });

  it("tells IPv6 routes by their addresses", () => {
    const v6 = routes.filter((r) => r.family === "ipv6");
    expect(v6).toHaveLength(31);
    expect(v6.map((r) => r.type)).toEqual(expect.arrayContaining(["unicast", "blackhole", "unreachable", "local", "anycast", "multicast"]));
    expect(v6.find((r) => r.type === "anycast" && r.dev === "docker0")).toMatchObject({ destination: "fd00:dead:beef::/128", table: "local", metric: 0 });
    expect(v6.find((r) => r.destination === "2001:db8:99::/48")).toMatchObject({ via: "fe80::1", proto: "static", metric: 100, dev: "eth0" });
    expect(v6.find((r) => r.type === "blackhole")).toMatchObject({ destination: "2001:db8:66::/48", dev: "lo", metric: 1024, table: "main" });
  });

  it("ip -j route show table all says the same", () => {
    const json = parseIpRoute(fixture("ip-j-route-table-all.json"));
    expect(json.problems).toEqual([]);
    expect(withoutLine(json.routes)).toEqual(withoutLine(routes));
  });
});

describe("parseIpRoute: other forms of the same table", () => {
  it("ip -j route says what ip route says", () => {
    const json = parseIpRoute(fixture("ip-j-route.json"));
    expect(json.problems).toEqual([]);
    expect(withoutLine(json.routes)).toEqual(withoutLine(parseIpRoute(fixture("ip-route.txt")).routes));
  });

  it("ip -6 route is the IPv6 part of table all's main table", () => {
    const v6 = parseIpRoute(fixture("ip-6-route.txt"));
    expect(v6.problems).toEqual([]);
    const all = parseIpRoute(fixture("ip-route-table-all.txt")).routes.filter((r) => r.family === "ipv6" && r.table === "main");
    expect(withoutLine(v6.routes)).toEqual(withoutLine(all));
  });

  it("ip route show table local omits `table local`; the route types still place them there", () => {
    const local = parseIpRoute(fixture("ip-route-table-local.txt"));
    expect(local.problems).toEqual([]);
    expect(local.routes.every((r) => r.table === "local")).toBe(true);
    const all = parseIpRoute(fixture("ip-route-table-all.txt")).routes.filter((r) => r.family === "ipv4" && r.table === "local");
    expect(withoutLine(local.routes)).toEqual(withoutLine(all));
  });
});

describe("parseIpRoute: forms from other iproute2 releases and setups", () => {
  it.each([
    ["an IPv4 route through an IPv6 gateway (RFC 5549)", "10.1.0.0/16 via inet6 fe80::1 dev eth0 proto bird metric 32", { family: "ipv4", via: "fe80::1", proto: "bird", metric: 32 }],
    ["IPv6 router advertisement with expires and hoplimit", "default via fe80::1 dev eth0 proto ra metric 1024 expires 1797sec hoplimit 64 pref medium", { family: "ipv6", destination: "default", via: "fe80::1", proto: "ra", metric: 1024 }],
    ["old kernels' unreachable default in the IPv6 main table", "unreachable default dev lo proto kernel metric 4294967295 error -101 pref medium", { family: "ipv6", type: "unreachable", destination: "default", dev: "lo" }],
    ["a nexthop object", "10.50.0.0/16 nhid 12 via 192.168.1.7 dev eth0 proto static", { via: "192.168.1.7", dev: "eth0", proto: "static" }],
    ["locked metrics", "10.60.0.0/16 via 192.168.1.7 dev eth0 mtu lock 1400 advmss 1360 initcwnd 10", { via: "192.168.1.7", flags: [] }],
    ["a source-specific IPv6 route", "default from 2001:db8:5::/64 via fe80::2 dev eth1 metric 1024 pref medium", { family: "ipv6", via: "fe80::2", dev: "eth1" }],
    ["a host route printed without a length", "192.0.2.7 via 192.168.1.9 dev eth0", { destination: "192.0.2.7/32", prefixLength: 32 }],
    ["an unknown keyword kept as a flag", "10.70.0.0/16 dev wg0 scope link offload_failed", { dev: "wg0", flags: ["offload_failed"] }],
  ] as const)("%s", (_name, line, expected) => {
    const r = parseIpRoute(line + "\n");
    expect(r.problems).toEqual([]);
    expect(r.routes).toHaveLength(1);
    expect(r.routes[0]).toMatchObject(expected);
  });

  it("a route with no address takes the family of the routes around it", () => {
    const text = ["default dev wg0 scope link", "10.0.0.0/8 dev eth0", "fd00::/64 dev eth0 metric 256", "default dev wg1 metric 1024"].join("\n");
    expect(parseIpRoute(text).routes.map((r) => `${r.family} ${r.destination} ${r.dev}`)).toEqual(["ipv4 default wg0", "ipv4 10.0.0.0/8 eth0", "ipv6 fd00::/64 eth0", "ipv6 default wg1"]);
  });

  it("ip -o route folds a multipath route onto one line", () => {
    const r = parseIpRoute("10.30.0.0/16 proto static \\\tnexthop via 192.168.1.2 dev eth0 weight 1 \\\tnexthop via 192.168.1.3 dev eth1 weight 1 \n");
    expect(r.problems).toEqual([]);
    expect(r.routes[0]).toMatchObject({ proto: "static", nexthops: [{ via: "192.168.1.2", dev: "eth0" }, { via: "192.168.1.3", dev: "eth1" }] });
  });

  it("ip route get's `cache` line is ignored", () => {
    const r = parseIpRoute("8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.20 uid 0 \n    cache \n");
    expect(r.problems).toEqual([]);
    expect(r.routes[0]).toMatchObject({ destination: "8.8.8.8/32", via: "192.168.1.1", src: "192.168.1.20" });
  });
});

describe("parseIpRoute: broken input gives problems with lines and keeps what was read", () => {
  it("a paste cut in the middle of a gateway", () => {
    const text = "default via 192.168.1.1 dev eth0 proto dhcp metric 100 \n10.20.0.0/16 via 192.168.";
    const r = parseIpRoute(text);
    expect(r.routes.map((x) => x.destination)).toEqual(["default"]);
    expect(r.problems).toEqual([{ line: 2, column: 18, message: "`192.168.' is not a gateway address" }]);
  });

  it("a keyword without its value, a bad destination, a bad metric", () => {
    const text = ["172.17.0.0/16 dev", "garbage here", "10.0.0.0/8 dev eth0 metric high", "local", "10.1.0.0/16 dev eth1 src 10.1.0.300", "10.2.0.0/16 dev eth2"].join("\n");
    const r = parseIpRoute(text);
    expect(r.problems).toEqual([
      { line: 1, column: 15, message: "`dev' without a value (is the line cut short?)" },
      { line: 2, column: 1, message: "`garbage' is not a route destination (`default' or an address)" },
      { line: 3, column: 28, message: "`high' is not a metric" },
      { line: 4, column: 1, message: "a route type without a destination" },
      { line: 5, column: 26, message: "`10.1.0.300' is not a source address" },
    ]);
    expect(r.routes.map((x) => x.destination)).toEqual(["10.2.0.0/16"]);
  });

  it("nexthop lines under a broken route go with it; without any route they are problems", () => {
    const r = parseIpRoute(["10.30.0.0/33", "\tnexthop via 192.168.1.2 dev eth0 weight 1", "\tnexthop via 192.168.1.3 dev eth0 weight 2"].join("\n"));
    expect(r.problems.map((p) => p.line)).toEqual([1]);
    expect(parseIpRoute("\tnexthop via 192.168.1.2 dev eth0").problems).toEqual([{ line: 1, column: 2, message: "an indented line with no route above it" }]);
  });

  it("JSON cut short keeps the routes before the cut", () => {
    const text = fixture("ip-j-route.json");
    const r = parseIpRoute(text.slice(0, text.indexOf('{"type":"blackhole"') + 20));
    expect(r.routes.map((x) => x.destination)).toEqual(["default", "10.20.0.0/16", "10.20.0.0/16", "10.30.0.0/16"]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 1, message: "this JSON object is cut short; the objects before it were read" });
  });

  it("JSON routes with impossible values are problems", () => {
    const r = parseIpRoute('[{"dst":"10.0.0.0/8","gateway":"10.0.0.256"},\n{"type":"wormhole","dst":"default"},\n{"dst":"10.1.0.0/16","dev":"eth0"}]');
    expect(r.routes.map((x) => x.destination)).toEqual(["10.1.0.0/16"]);
    expect(r.problems).toEqual([
      { line: 1, message: "gateway `10.0.0.256' is not an address" },
      { line: 2, message: "unknown route type `wormhole'" },
    ]);
  });

  it("never throws on arbitrary text", () => {
    for (const text of ["", "default", "via", "local local", "[", '[{"dst":5}]', "\tnexthop", "default via", "1.2.3.4/99", "::/0 via inet 1.2.3.4"]) {
      expect(() => parseIpRoute(text)).not.toThrow();
    }
  });
});
