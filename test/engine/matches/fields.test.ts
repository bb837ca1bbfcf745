import { describe } from "vitest";
import type { Place } from "../../../src/engine/packet.js";
import { fakeHost, FILTER_OUTPUT, itDecides } from "../helpers.js";

describe("mark (xt_mark.c: ((mark & mask) == value) ^ invert)", () => {
  itDecides([
    ["-m mark --mark 0x1", { mark: 1 }, true],
    ["-m mark --mark 0x1", {}, false],
    ["-m mark ! --mark 0x1", {}, true],
    ["-m mark ! --mark 0x1", { mark: 1 }, false],
    ["-m mark --mark 0x1/0x1", { mark: 3 }, true],
    ["-m mark --mark 0x3/0x1", { mark: 3 }, false], // the value is not masked by iptables
    ["-m mark --mark 0x4000/0x4000", { mark: 0xc000 }, true],
    ["-m mark --mark 0xffffffff", { mark: 0xffffffff }, true],
    ["-m mark --mark 0x80000000/0x80000000", { mark: 0x80000001 }, true],
  ]);
});

describe("connmark (xt_connmark.c: the entry's mark; no entry is false)", () => {
  itDecides([
    ["-m connmark --mark 0x2", { conn: { mark: 2 } }, true],
    ["-m connmark --mark 0x2/0xff", { conn: { mark: 0x102 } }, true],
    ["-m connmark ! --mark 0x2", { conn: { mark: 2 } }, false],
    ["-m connmark ! --mark 0x2", {}, true],
    ["-m connmark --mark 0x0", { conn: { state: "INVALID" } }, false],
    ["-m connmark ! --mark 0x2", { conn: { state: "UNTRACKED" } }, false],
  ]);
});

describe("iprange (xt_iprange.c, inclusive ends, ! per option)", () => {
  itDecides([
    ["-m iprange --src-range 192.0.2.1-192.0.2.20", {}, true],
    ["-m iprange --src-range 192.0.2.10-192.0.2.10", {}, true],
    ["-m iprange --src-range 192.0.2.11-192.0.2.20", {}, false],
    ["-m iprange ! --src-range 192.0.2.11-192.0.2.20", {}, true],
    ["-m iprange --src-range 192.0.2.1-192.0.2.20 ! --dst-range 198.51.100.0-198.51.100.255", {}, false],
    ["-m iprange --dst-range 198.51.100.20", {}, true],
    ["-m iprange --src-range 2001:db8::1-2001:db8::ff", { family: "ipv6" }, true],
    ["-m iprange --src-range 2001:db8::11-2001:db8::ff", { family: "ipv6" }, false],
  ]);
});

describe("length (xt_length.c) and comment", () => {
  itDecides([
    ["-m length --length 0:100", {}, true],
    ["-m length --length 61:", {}, false],
    ["-m length ! --length 61:", {}, true],
    ["-m length --length 60", {}, true],
    ["-m length --length 0:100", { length: undefined }, "unknown"],
    ["-m comment --comment \"anything at all\"", {}, true],
  ]);
});

describe("pkttype (xt_pkttype.c: decided only where the IP header settles the L2 type)", () => {
  const received = (family: "ipv4" | "ipv6") => fakeHost({ family, types: { BROADCAST: ["198.51.100.255"] } });
  itDecides(
    [
      ["-m pkttype --pkt-type unicast", {}, true],
      ["-m pkttype --pkt-type host", {}, true],
      ["-m pkttype ! --pkt-type unicast", {}, false],
      ["-m pkttype --pkt-type broadcast", {}, false],
      ["-m pkttype --pkt-type broadcast", { dst: "255.255.255.255" }, "unknown"],
      ["-m pkttype --pkt-type broadcast", { dst: "198.51.100.255" }, "unknown"],
      ["-m pkttype --pkt-type multicast", { dst: "224.0.0.251" }, "unknown"],
      ["-m pkttype --pkt-type unicast", { dst: "224.0.0.251" }, "unknown"],
      ["-m pkttype --pkt-type otherhost", {}, false], // ip_rcv drops it before any hook
      ["-m pkttype ! --pkt-type otherhost", { dst: "224.0.0.251" }, true],
      ["-m pkttype --pkt-type unicast", { family: "ipv6" }, true],
      ["-m pkttype --pkt-type multicast", { family: "ipv6", dst: "ff02::1" }, "unknown"],
    ],
    received,
  );
  itDecides([["-m pkttype --pkt-type unicast", {}, "unknown"]], (family) => fakeHost({ family, unknown: true }));
  // a locally generated packet is PACKET_HOST whatever its destination
  itDecides(
    [
      ["-m pkttype --pkt-type unicast", { in: undefined, dst: "255.255.255.255" }, true],
      ["-m pkttype --pkt-type broadcast", { in: undefined, dst: "255.255.255.255" }, false],
    ],
    undefined,
    FILTER_OUTPUT,
  );
});

describe("owner (xt_owner.c): no socket on a forwarded packet", () => {
  const postrouting: Place = { hook: "POSTROUTING", table: "mangle" };
  itDecides(
    [
      ["-m owner --uid-owner 0", { out: "eth1" }, false],
      ["-m owner ! --uid-owner 0", { out: "eth1" }, true],
      ["-m owner ! --uid-owner 0 ! --gid-owner 0", { out: "eth1" }, true],
      ["-m owner ! --uid-owner 0 --gid-owner 0", { out: "eth1" }, false],
      ["-m owner ! --socket-exists", { out: "eth1" }, true],
      ["-m owner --uid-owner 0", { in: undefined, out: "eth1" }, "unknown"],
    ],
    undefined,
    postrouting,
  );
  itDecides([["-m owner --uid-owner 1000", { in: undefined, out: "eth0" }, "unknown"]], undefined, FILTER_OUTPUT);
});

describe("helper (xt_helper.c: only expected connections have a master)", () => {
  itDecides([
    ["-m helper --helper ftp", {}, false],
    ["-m helper ! --helper ftp", {}, true],
    ["-m helper --helper ftp", { conn: { state: "INVALID" } }, false],
    ["-m helper ! --helper ftp", { conn: { state: "UNTRACKED" } }, true],
    ["-m helper --helper ftp", { conn: { state: "RELATED" } }, "unknown"],
    ["-m helper --helper ftp", { conn: { state: "ESTABLISHED" } }, "unknown"],
  ]);
});

describe("esp, ah, mh: their protocol's header", () => {
  const esp = { proto: 50, sport: undefined, dport: undefined } as const;
  itDecides([
    ["-p esp -m esp --espspi 256", esp, "unknown"],
    ["-p esp -m esp ! --espspi 256", esp, "unknown"],
    ["-p esp -m esp --espspi 256", { ...esp, fragment: true }, false],
    ["-p ah -m ah --ahspi 500", { proto: 51, sport: undefined, dport: undefined }, "unknown"],
    ["-p ah -m ah --ahspi 500", { proto: 51, fragment: true }, false],
    ["-m ah --ahspi 500", { family: "ipv6", proto: 6 }, "unknown"], // ip6t_ah looks for the header itself
    ["-p mh -m mh --mh-type 1", { family: "ipv6", proto: 135, sport: undefined, dport: undefined }, "unknown"],
    ["-p mh -m mh --mh-type 1", { family: "ipv6", proto: 135, fragment: true }, false],
  ]);
});

describe("matches the packet model cannot answer", () => {
  itDecides([
    ["-m limit --limit 5/second", {}, "unknown"],
    ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-name x", {}, "unknown"],
    ["-m recent --rcheck --name ssh", {}, "unknown"],
    ["-m set --match-set blocklist src", {}, "unknown"],
    ["-m string --algo bm --string evil", {}, "unknown"],
    ["-m time --timestart 09:00 --timestop 17:00", {}, "unknown"],
    ["-m ttl --ttl-eq 64", {}, "unknown"],
    ["-m tos --tos 0x10", {}, "unknown"],
    ["-m dscp --dscp 10", {}, "unknown"],
    ["-m mac --mac-source 00:11:22:33:44:55", {}, "unknown"],
    ["-m physdev --physdev-in veth1234", {}, "unknown"],
    ["-m statistic --mode random --probability 0.5", {}, "unknown"],
    ["-m connlimit --connlimit-above 10", {}, "unknown"],
    ["-m policy --dir in --pol none", {}, "unknown"],
    ["-m hl --hl-eq 255", { family: "ipv6" }, "unknown"],
    ["-m limit --limit 5/second -m ttl --ttl-lt 2 -p udp", {}, false], // a decided false still wins
  ]);
  itDecides([["-m rpfilter --invert", {}, "unknown"]], undefined, { hook: "PREROUTING", table: "raw" });
});
