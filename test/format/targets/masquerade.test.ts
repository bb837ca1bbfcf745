/**
 * MASQUERADE save (libxt_NAT.c MASQUERADE_save: --to-ports (decimal, one-port range as one
 * port, a /base offset as /0), --random, --random-fully).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("MASQUERADE save", () => {
  const probes: TargetCase[] = [
    { rule: "-j MASQUERADE", expected: "-j MASQUERADE", table: "nat", chain: "POSTROUTING" },
    { rule: "-j MASQUERADE --random", expected: "-j MASQUERADE --random", table: "nat", chain: "POSTROUTING" },
    { rule: "-j MASQUERADE --random-fully --random", expected: "-j MASQUERADE --random --random-fully", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 1024-65535 --random", expected: "-j MASQUERADE --to-ports 1024-65535 --random", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 80-80", expected: "-j MASQUERADE --to-ports 80", table: "nat", chain: "POSTROUTING" },
    { rule: "-p udp -j MASQUERADE --to-ports http", expected: "-j MASQUERADE --to-ports 80", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 80-90/85", expected: "-j MASQUERADE --to-ports 80-90/0", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 80-80/85", expected: "-j MASQUERADE --to-ports 80/0", table: "nat", chain: "POSTROUTING" },
    { rule: "-p sctp -j MASQUERADE --to-ports 0x50", expected: "-j MASQUERADE --to-ports 80", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 0", expected: "-j MASQUERADE --to-ports 0", table: "nat", chain: "POSTROUTING" },
    { rule: "-p icmp -j MASQUERADE --to-ports 0-10", expected: "-j MASQUERADE --to-ports 0-10", table: "nat", chain: "POSTROUTING" },
    { rule: "-p 6 -j MASQUERADE --to-port 1000", expected: "-j MASQUERADE --to-ports 1000", table: "nat", chain: "POSTROUTING" },
    { rule: "-j MASQUERADE --random-f", expected: "-j MASQUERADE --random-fully", table: "nat", chain: "POSTROUTING" },
    { rule: "-p tcp -j MASQUERADE --to-ports 80-90", expected: "-j MASQUERADE --to-ports 80-90", table: "nat", chain: "POSTROUTING", family: "ipv6" },
    { rule: "-j MASQUERADE --random-fully", expected: "-j MASQUERADE --random-fully", table: "nat", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-s 10.49.0.0/16 -m policy --dir out --pol none -j MASQUERADE", expected: "-j MASQUERADE", table: "nat", chain: "POSTROUTING", source: "real/algo-fork-wireguard-ipsec-server.save:7" },
    { rule: "-s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535", expected: "-j MASQUERADE --to-ports 1024-65535", table: "nat", chain: "POSTROUTING", source: "real/ciscosrapps-libvirt-docker-dupes.save:59" },
    { rule: "-s fd49:efd7:54aa::1/128 -d fd49:efd7:54aa::1/128 -p tcp -m tcp --dport 80 -j MASQUERADE", expected: "-j MASQUERADE", table: "nat", chain: "POSTROUTING", family: "ipv6", source: "real/moby-golden-hairpin-nat.save6:36" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
