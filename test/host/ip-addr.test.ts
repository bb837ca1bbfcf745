import { describe, expect, it } from "vitest";
import { parseIpAddr } from "../../src/host/ip-addr.js";
import type { HostInterface } from "../../src/host/types.js";
import { fixture } from "./fixture.js";

/** `name: addr/len …` for every interface with an address: what every form must agree on. */
function summary(interfaces: readonly HostInterface[]): string[] {
  return interfaces.filter((i) => i.addresses.length > 0).map((i) => `${i.name}: ${i.addresses.map((a) => `${a.address}/${a.prefixLength}`).join(" ")}`);
}

const HOST = [
  "lo: 127.0.0.1/8 ::1/128",
  "eth0: 192.168.1.20/24 192.168.1.21/24 2001:db8:1::20/64 fe80::a48a:eaff:fe9a:49c3/64",
  "ens3p: fe80::a48a:eaff:fe9a:49c3/64",
  "docker0: 172.17.0.1/16 fd00:dead:beef::1/64 fe80::1482:3cff:fec5:f416/64",
  "br-3f2a1b9c8d7e: 172.18.0.1/16 fe80::34e1:b9ff:fed1:f793/64",
  "veth12ab: fe80::d47b:b9ff:feed:dfaa/64",
  "br-5c1e7a0d4b21: 172.19.0.1/16",
];

describe("parseIpAddr: every form of the same host", () => {
  it.each(["ip-addr.txt", "ip-j-addr.json", "ip-j-p-addr.json", "ip-br-addr.txt", "ip-o-addr.txt"])("%s", (name) => {
    const r = parseIpAddr(fixture(name));
    expect(r.problems).toEqual([]);
    expect(summary(r.interfaces)).toEqual(HOST);
  });

  it("ip -4 addr and ip -6 addr pasted one after the other give ip addr's addresses", () => {
    const r = parseIpAddr(fixture("ip-4-addr.txt") + fixture("ip-6-addr.txt"));
    expect(r.problems).toEqual([]);
    const byName = new Map(r.interfaces.map((i) => [i.name, i.addresses.map((a) => a.address).sort()]));
    for (const line of HOST) {
      const [name, rest] = line.split(": ") as [string, string];
      expect(byName.get(name), name).toEqual(rest.split(" ").map((a) => a.split("/")[0]).sort());
    }
  });
});

describe("parseIpAddr: what the full and JSON forms tell beyond addresses", () => {
  it.each(["ip-addr.txt", "ip-j-addr.json"])("%s: index, state, flags, master, address details", (name) => {
    const { interfaces } = parseIpAddr(fixture(name));
    const eth0 = interfaces.find((i) => i.name === "eth0")!;
    expect(eth0).toMatchObject({ index: 2, state: "UP", flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"] });
    expect(eth0.addresses[0]).toEqual({ family: "ipv4", address: "192.168.1.20", prefixLength: 24, broadcast: "192.168.1.255", scope: "global", label: "eth0", flags: [] });
    expect(eth0.addresses[1]).toMatchObject({ address: "192.168.1.21", flags: ["secondary"] });
    expect(eth0.addresses[2]).toMatchObject({ family: "ipv6", address: "2001:db8:1::20", prefixLength: 64, scope: "global", flags: ["nodad"] });
    expect(eth0.addresses[2]!.label).toBeUndefined();
    expect(interfaces.find((i) => i.name === "veth12ab")).toMatchObject({ index: 8, master: "docker0", state: "UP" });
    expect(interfaces.find((i) => i.name === "br-5c1e7a0d4b21")).toMatchObject({ state: "DOWN", flags: ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"] });
    expect(interfaces.find((i) => i.name === "veth9f3c")).toMatchObject({ index: 11, master: "br-5c1e7a0d4b21", addresses: [] });
    expect(interfaces.find((i) => i.name === "lo")!.addresses[0]).toMatchObject({ scope: "host", label: "lo" });
  });

  it("the brief form gives the operational state and strips @link", () => {
    const { interfaces } = parseIpAddr(fixture("ip-br-addr.txt"));
    expect(interfaces.map((i) => `${i.name} ${i.state}`)).toEqual(["lo UNKNOWN", "eth0 UP", "ens3p UP", "docker0 UP", "br-3f2a1b9c8d7e UNKNOWN", "veth12ab UP", "br-5c1e7a0d4b21 DOWN", "veth9f3c DOWN"]);
  });
});

describe("parseIpAddr: older and decorated output", () => {
  // CentOS 7 (iproute2 3.10) style: dynamic addresses, an alias label, a point-to-point
  // tunnel, noprefixroute, an altname line, and `ip -d` details under a header.
  const OLD = [
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1",
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    "    inet 127.0.0.1/8 scope host lo",
    "       valid_lft forever preferred_lft forever",
    "2: ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP qlen 1000",
    "    link/ether 00:50:56:a1:0b:3c brd ff:ff:ff:ff:ff:ff",
    "    altname enp11s0",
    "    inet 10.40.3.17/23 brd 10.40.3.255 scope global noprefixroute dynamic ens192",
    "       valid_lft 80612sec preferred_lft 80612sec",
    "    inet 10.40.3.99/23 brd 10.40.3.255 scope global secondary ens192:1",
    "       valid_lft forever preferred_lft forever",
    "    inet6 fe80::250:56ff:fea1:b3c/64 scope link noprefixroute ",
    "       valid_lft forever preferred_lft forever",
    "5: tun0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UNKNOWN qlen 100",
    "    link/none ",
    "    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0",
    "       valid_lft forever preferred_lft forever",
    "6: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN ",
    "    link/ether 02:42:9c:51:3e:0a brd ff:ff:ff:ff:ff:ff",
    "    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768",
    "    inet 172.17.0.1/16 scope global docker0",
    "       valid_lft forever preferred_lft forever",
  ].join("\n");

  it("reads labels, flags, peers and ignores link, altname and detail lines", () => {
    const r = parseIpAddr(OLD);
    expect(r.problems).toEqual([]);
    const ens = r.interfaces.find((i) => i.name === "ens192")!;
    expect(ens.addresses.map((a) => [a.address, a.prefixLength, a.label, a.flags])).toEqual([
      ["10.40.3.17", 23, "ens192", ["noprefixroute", "dynamic"]],
      ["10.40.3.99", 23, "ens192:1", ["secondary"]],
      ["fe80::250:56ff:fea1:b3c", 64, undefined, ["noprefixroute"]],
    ]);
    expect(r.interfaces.find((i) => i.name === "tun0")!.addresses).toEqual([{ family: "ipv4", address: "10.8.0.1", prefixLength: 32, peer: "10.8.0.2/32", scope: "global", label: "tun0", flags: [] }]);
    expect(r.interfaces.find((i) => i.name === "docker0")).toMatchObject({ state: "DOWN", addresses: [{ address: "172.17.0.1", prefixLength: 16 }] });
  });

  it("reads CRLF line ends and ip -c colours", () => {
    const coloured = "\x1b[36mdocker0         \x1b[0m\x1b[32mUP             \x1b[0m\x1b[35m172.17.0.1\x1b[0m/16 \x1b[34mfe80::42:9cff:fe51:3e0a\x1b[0m/64 \r\n";
    const r = parseIpAddr(coloured);
    expect(r.problems).toEqual([]);
    expect(summary(r.interfaces)).toEqual(["docker0: 172.17.0.1/16 fe80::42:9cff:fe51:3e0a/64"]);
  });

  it("canonicalises IPv6 addresses as inet_ntop would", () => {
    const r = parseIpAddr("3: eth0    inet6 2001:DB8:0:0:0:0:0:20/64 scope global \\       valid_lft forever preferred_lft forever\n");
    expect(r.interfaces[0]!.addresses[0]!.address).toBe("2001:db8::20");
  });
});

describe("parseIpAddr: JSON variants", () => {
  it("skips the {} that ip -j -4 addr prints for devices without IPv4", () => {
    const text = '[{},{"ifindex":5,"ifname":"docker0","flags":["UP"],"operstate":"DOWN","addr_info":[{"family":"inet","local":"172.17.0.1","prefixlen":16,"scope":"global","label":"docker0"}]},{}]';
    const r = parseIpAddr(text);
    expect(r.problems).toEqual([]);
    expect(summary(r.interfaces)).toEqual(["docker0: 172.17.0.1/16"]);
  });

  it("reads two JSON outputs pasted one after the other, merging the same device", () => {
    const v4 = '[{"ifindex":2,"ifname":"eth0","addr_info":[{"family":"inet","local":"192.168.1.20","prefixlen":24}]}]\n';
    const v6 = '[{"ifindex":2,"ifname":"eth0","addr_info":[{"family":"inet6","local":"2001:db8:1::20","prefixlen":64}]}]\n';
    const r = parseIpAddr(v4 + v6);
    expect(r.problems).toEqual([]);
    expect(summary(r.interfaces)).toEqual(["eth0: 192.168.1.20/24 2001:db8:1::20/64"]);
  });

  it("reads a point-to-point peer from `address`", () => {
    const r = parseIpAddr('[{"ifname":"tun0","addr_info":[{"family":"inet","local":"10.8.0.1","address":"10.8.0.2","prefixlen":32,"scope":"global"}]}]');
    expect(r.interfaces[0]!.addresses[0]).toMatchObject({ address: "10.8.0.1", prefixLength: 32, peer: "10.8.0.2/32" });
  });
});

describe("parseIpAddr: broken input gives problems with lines and keeps what was read", () => {
  it("a text paste cut in the middle of an address", () => {
    const lines = fixture("ip-addr.txt").split("\n");
    const cut = lines.findIndex((l) => l.includes("inet 172.18.0.1/16"));
    const text = [...lines.slice(0, cut), "    inet 172.18.", "8: veth12ab@if7: <BROADCAST,MULTI"].join("\n");
    const r = parseIpAddr(text);
    expect(r.problems).toEqual([
      { line: cut + 1, column: 10, message: "`172.18.' is not an IPv4 address" },
      { line: cut + 2, column: 1, message: "not a line of `ip addr`, `ip -o addr` or `ip -br addr` output" },
    ]);
    expect(summary(r.interfaces)).toEqual(HOST.slice(0, 4));
    expect(r.interfaces.map((i) => i.name)).toContain("br-3f2a1b9c8d7e");
  });

  it("a broken header does not lend its address lines to the interface above", () => {
    const text = ["2: eth0: <UP> mtu 1500", "    inet 10.0.0.1/24 scope global eth0", "3 docker0 <UP>", "    inet 172.17.0.1/16 scope global docker0", "    valid_lft forever"].join("\n");
    const r = parseIpAddr(text);
    expect(summary(r.interfaces)).toEqual(["eth0: 10.0.0.1/24"]);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(r.problems[1]!.message).toMatch(/no interface header/);
  });

  it("a value missing at the end of a line", () => {
    const r = parseIpAddr("2: eth0    inet 10.0.0.5/24 brd");
    expect(r.problems).toEqual([{ line: 1, column: 29, message: "`brd' without a value (is the line cut short?)" }]);
  });

  it("an address of the wrong family, and a brief line with a non-address", () => {
    const r = parseIpAddr(["2: eth0: <UP> mtu 1500", "    inet6 10.0.0.1/24 scope global", "docker0          UP             172.17.0.1/16 garbage"].join("\n"));
    expect(r.problems).toEqual([
      { line: 2, column: 11, message: "`10.0.0.1/24' is not an IPv6 address" },
      { line: 3, column: 47, message: "`garbage' is not an address with a prefix length" },
    ]);
    expect(summary(r.interfaces)).toEqual(["docker0: 172.17.0.1/16"]);
  });

  it("JSON cut short keeps the devices before the cut", () => {
    const text = fixture("ip-j-p-addr.json");
    const cutAt = text.indexOf('"ifname": "br-3f2a1b9c8d7e"');
    const r = parseIpAddr(text.slice(0, cutAt));
    expect(summary(r.interfaces)).toEqual(HOST.slice(0, 4));
    expect(r.problems).toHaveLength(1);
    const startLine = text.slice(0, cutAt).split("\n").length - 2;
    expect(r.problems[0]).toMatchObject({ line: startLine, message: "this JSON object is cut short; the objects before it were read" });
  });

  it("a broken JSON element in the middle, and text after the JSON", () => {
    const text = '[{"ifname":"eth0","addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24}]},\n{"ifname": tru},\n{"ifname":"docker0","addr_info":[{"family":"inet","local":"172.17.0.300","prefixlen":16}]}]\nuser@host:~$ ';
    const r = parseIpAddr(text);
    expect(summary(r.interfaces)).toEqual(["eth0: 10.0.0.1/24"]);
    expect(r.problems.map((p) => [p.line, p.message.replace(/:.*/, "")])).toEqual([
      [2, "this JSON object does not parse"],
      [3, "docker0"],
      [4, "text outside the JSON output is ignored"],
    ]);
  });

  it("never throws on arbitrary text", () => {
    for (const text of ["", "\n\n", "[", "{", "]]", "\\", "1:", "1: x:", "  inet", "lo UP 1.2.3.4", '[{"ifname":5}]', "[1,2]"]) {
      expect(() => parseIpAddr(text)).not.toThrow();
    }
  });
});
