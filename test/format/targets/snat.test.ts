/**
 * SNAT save (libxt_NAT.c SNAT_save (revision 1): the range normalised, a /base offset as /0,
 * then --random, --random-fully, --persistent).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("SNAT save", () => {
  const probes: TargetCase[] = [
    { rule: "-p tcp -j SNAT --to-source 1.2.3.4:80-90/85", expected: "-j SNAT --to-source 1.2.3.4:80-90/0", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j SNAT --to-source 1.2.3.4:80 --random-fully --persistent --random", expected: "-j SNAT --to-source 1.2.3.4:80 --random --random-fully --persistent", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j SNAT --to-source 1.2.3.4-1.2.3.3", expected: "-j SNAT --to-source 1.2.3.4-1.2.3.3", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j SNAT --to-source 1.2.3.4:1000-2000", expected: "-j SNAT --to-source 1.2.3.4:1000-2000", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j SNAT --to-source :80", expected: "-j SNAT --to-source :80", table: "nat", chain: "POSTROUTING" },
    { rule: "-j SNAT --to 1.2.3.4", expected: "-j SNAT --to-source 1.2.3.4", table: "nat", chain: "POSTROUTING" },
    { rule: "-j SNAT --to-source 1.2.3.4", expected: "-j SNAT --to-source 1.2.3.4", table: "nat", chain: "INPUT" },
    { rule: "-p tcp -j SNAT --to-source [fd00::2]:80-90/85", expected: "-j SNAT --to-source [fd00::2]:80-90/0", table: "nat", chain: "POSTROUTING", family: "ipv6" },
    { rule: "-p tcp -j SNAT --to-source fd00::2 --random-fully", expected: "-j SNAT --to-source fd00::2 --random-fully", table: "nat", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-o br-dummy -m addrtype --src-type LOCAL -j SNAT --to-source 192.168.123.0", expected: "-j SNAT --to-source 192.168.123.0", table: "nat", chain: "POSTROUTING", source: "real/moby-golden-hairpin-nat-wsl2.save:36" },
    { rule: "-s 192.168.0.0/24 -o eth1 -j SNAT --to-source 193.43.91.203", expected: "-j SNAT --to-source 193.43.91.203", table: "nat", chain: "POSTROUTING", source: "real/netnet-ferm-dmz-router.save:11" },
    { rule: "-d 172.16.0.0/26 -j SNAT --to-source 172.16.0.1", expected: "-j SNAT --to-source 172.16.0.1", table: "nat", chain: "POSTROUTING", source: "real/netnet-internal-office-fw.save:24" },
    { rule: "-s 192.168.100.0/24 -o br0v100 -j SNAT --to-source 35.126.36.234", expected: "-j SNAT --to-source 35.126.36.234", table: "nat", chain: "POSTROUTING", source: "real/netnet-internal-office-fw.save:25" },
    { rule: "-s 10.8.0.0/24 -o br0v502 -j SNAT --to-source 172.16.200.1", expected: "-j SNAT --to-source 172.16.200.1", table: "nat", chain: "POSTROUTING", source: "real/netnet-internal-office-fw.save:36" },
    { rule: "-d 192.168.0.67/32 -o br0 -p udp -m udp --dport 1194 -j SNAT --to-source 192.168.0.38", expected: "-j SNAT --to-source 192.168.0.38", table: "nat", chain: "POSTROUTING", source: "real/netnet-openlab-stettenstr.save:57" },
    { rule: "-o eth4 -j SNAT --to-source 192.168.179.2", expected: "-j SNAT --to-source 192.168.179.2", table: "nat", chain: "POSTROUTING", source: "real/netnet-openlab-stettenstr.save:63" },
    { rule: "-o eth5 -j SNAT --to-source 192.168.178.2", expected: "-j SNAT --to-source 192.168.178.2", table: "nat", chain: "POSTROUTING", source: "real/netnet-openlab-stettenstr.save:64" },
    { rule: "-o eth0 -j SNAT --to-source 91.13.18.170 ", expected: "-j SNAT --to-source 91.13.18.170", table: "nat", chain: "POSTROUTING", source: "real/netnet-serverfault-769294-openvpnas.save:14" },
    { rule: "-o br-dummy -m addrtype --src-type LOCAL -j SNAT --to-source fd34:d0d4:672f::123", expected: "-j SNAT --to-source fd34:d0d4:672f::123", table: "nat", chain: "POSTROUTING", family: "ipv6", source: "real/moby-golden-hairpin-nat.save6:34" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
