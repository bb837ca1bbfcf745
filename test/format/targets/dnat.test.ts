/**
 * DNAT save (libxt_NAT.c DNAT_save (revision 2): the range normalised, IPv6 in brackets with
 * ports, the /base offset kept, then --random, --persistent).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("DNAT save", () => {
  const probes: TargetCase[] = [
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:80-90/85", expected: "-j DNAT --to-destination 1.2.3.4:80-90/85", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:80-90/85x", expected: "-j DNAT --to-destination 1.2.3.4:80-90/85", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4-1.2.3.9:80-90 --random --persistent", expected: "-j DNAT --to-destination 1.2.3.4-1.2.3.9:80-90 --random --persistent", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4-1.2.3.4", expected: "-j DNAT --to-destination 1.2.3.4", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination :80", expected: "-j DNAT --to-destination :80", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination ab:80", expected: "-j DNAT --to-destination :80", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:0", expected: "-j DNAT --to-destination 1.2.3.4:0", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:0-0", expected: "-j DNAT --to-destination 1.2.3.4:0", table: "nat" },
    { rule: "-p tcp -j DNAT --to 1.2.3.4:0x50-0120", expected: "-j DNAT --to-destination 1.2.3.4:80", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:80-80/85", expected: "-j DNAT --to-destination 1.2.3.4:80/85", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination 1.2.3.4:80-90/http", expected: "-j DNAT --to-destination 1.2.3.4:80-90/80", table: "nat" },
    { rule: "-p tcp -j DNAT --persistent --random --to-destination 1.2.3.4", expected: "-j DNAT --to-destination 1.2.3.4 --random --persistent", table: "nat" },
    { rule: "-j DNAT --to-destination 10.0.0.1", expected: "-j DNAT --to-destination 10.0.0.1", table: "nat", chain: "OUTPUT" },
    { rule: "! -p tcp -j DNAT --to-destination 10.0.0.1:53", expected: "-j DNAT --to-destination 10.0.0.1:53", table: "nat" },
    { rule: "-p icmp -j DNAT --to-destination 10.0.0.1:53", expected: "-j DNAT --to-destination 10.0.0.1:53", table: "nat" },
    { rule: "-p tcp -j DNAT --to-destination [fd00:0::2]:80", expected: "-j DNAT --to-destination [fd00::2]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [fd00::2]", expected: "-j DNAT --to-destination fd00::2", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination fd00:0:0::2", expected: "-j DNAT --to-destination fd00::2", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination fd00::2-fd00::9", expected: "-j DNAT --to-destination fd00::2-fd00::9", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination fd00::2-fd00:0::2", expected: "-j DNAT --to-destination fd00::2", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [fd00::2-fd00::9]:80-90", expected: "-j DNAT --to-destination [fd00::2-fd00::9]:80-90", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [fd00::2]:80-90/85", expected: "-j DNAT --to-destination [fd00::2]:80-90/85", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [::ffff:1.2.3.4]:80", expected: "-j DNAT --to-destination [::ffff:1.2.3.4]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [FD00::A]:80", expected: "-j DNAT --to-destination [fd00::a]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination ::1:80", expected: "-j DNAT --to-destination ::0.1.0.128", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [fd00::2]:http", expected: "-j DNAT --to-destination [fd00::2]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination :80", expected: "-j DNAT --to-destination :80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination []:80", expected: "-j DNAT --to-destination :80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [::]:80", expected: "-j DNAT --to-destination [::]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination [1:0:0:1:0:0:0:1]:80", expected: "-j DNAT --to-destination [1:0:0:1::1]:80", table: "nat", family: "ipv6" },
    { rule: "-p tcp -j DNAT --to-destination 1:0:0:1:0:0:1:1", expected: "-j DNAT --to-destination 1::1:0:0:1:1", table: "nat", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-d 10.0.250.2/32 -i collector_br -p tcp -j DNAT --to-destination 10.162.0.22", expected: "-j DNAT --to-destination 10.162.0.22", table: "nat", source: "real/ciscosrapps-libvirt-docker-dupes.save:56" },
    { rule: "-i eth0 -p tcp -m mark --mark 0x63 -m tcp --dport 80 -j DNAT --to-destination 192.168.188.2", expected: "-j DNAT --to-destination 192.168.188.2", table: "nat", source: "real/krisek-m-captive-portal.save:7" },
    { rule: "-d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.0.2:80", expected: "-j DNAT --to-destination 192.168.0.2:80", table: "nat", source: "real/moby-golden-hairpin-nat-wsl2.save:39" },
    { rule: "-d 193.43.91.203/32 -i eth1 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2", expected: "-j DNAT --to-destination 192.168.1.2", table: "nat", source: "real/netnet-ferm-dmz-router.save:7" },
    { rule: "-d 193.43.91.203/32 -i eth1 -p tcp -m tcp --dport 25 -j DNAT --to-destination 192.168.1.3", expected: "-j DNAT --to-destination 192.168.1.3", table: "nat", source: "real/netnet-ferm-dmz-router.save:8" },
    { rule: "-d 193.43.91.203/32 -i eth1 -p tcp -m tcp --dport 53 -j DNAT --to-destination 192.168.1.4", expected: "-j DNAT --to-destination 192.168.1.4", table: "nat", source: "real/netnet-ferm-dmz-router.save:9" },
    { rule: "-i eth1 -p tcp -m conntrack --ctstate NEW -m tcp --dport 24562 -j DNAT --to-destination 192.168.10.64:443", expected: "-j DNAT --to-destination 192.168.10.64:443", table: "nat", source: "real/netnet-home-user.save:116" },
    { rule: "-i eth1 -p tcp -m conntrack --ctstate NEW -m tcp --dport 24562 -j DNAT --to-destination 192.168.11.64:443", expected: "-j DNAT --to-destination 192.168.11.64:443", table: "nat", source: "real/netnet-home-user.save:117" },
    { rule: "-i br0v100 -p udp -m udp --dport 15000:30000 -j DNAT --to-destination 172.16.199.126", expected: "-j DNAT --to-destination 172.16.199.126", table: "nat", source: "real/netnet-internal-office-fw.save:18" },
    { rule: "-i ppp0 -p tcp -m tcp --dport 4081 -j DNAT --to-destination 172.16.2.34", expected: "-j DNAT --to-destination 172.16.2.34", table: "nat", source: "real/netnet-medium-company-mainfw.save:30" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
