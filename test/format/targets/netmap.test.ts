/**
 * NETMAP save (libipt_NETMAP.c / libip6t_NETMAP.c: the network address and prefix length of
 * --to).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("NETMAP save", () => {
  const probes: TargetCase[] = [
    { rule: "-j NETMAP --to 10.0.0.1", expected: "-j NETMAP --to 10.0.0.1/32", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/8", expected: "-j NETMAP --to 10.0.0.0/8", table: "nat" },
    { rule: "-j NETMAP --to 10.0.0.0/255.255.0.0", expected: "-j NETMAP --to 10.0.0.0/16", table: "nat" },
    { rule: "-j NETMAP --to 10.0.0.1/255.0.255.0", expected: "-j NETMAP --to 10.0.0.1/32", table: "nat" },
    { rule: "-j NETMAP --to 10.0.0.1/0", expected: "-j NETMAP --to 0.0.0.0/0", table: "nat" },
    { rule: "-j NETMAP --to 10.0.0.0/33", expected: "-j NETMAP --to 10.0.0.0/32", table: "nat" },
    { rule: "-j NETMAP --to 10.1", expected: "-j NETMAP --to 10.0.0.1/32", table: "nat" },
    { rule: "-j NETMAP --to 0x0a000001/24", expected: "-j NETMAP --to 10.0.0.0/24", table: "nat" },
    { rule: "-j NETMAP --to localhost/24", expected: "-j NETMAP --to 127.0.0.0/24", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/010", expected: "-j NETMAP --to 10.0.0.0/8", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/0x18", expected: "-j NETMAP --to 10.1.2.0/24", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/4294967040", expected: "-j NETMAP --to 10.1.2.0/24", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/255.255.0", expected: "-j NETMAP --to 10.1.0.0/16", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/192", expected: "-j NETMAP --to 10.1.2.3/32", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/0377.0.0.0", expected: "-j NETMAP --to 10.0.0.0/8", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/+8", expected: "-j NETMAP --to 10.0.0.0/8", table: "nat" },
    { rule: "-j NETMAP --to 012.1.2.3/16", expected: "-j NETMAP --to 10.1.0.0/16", table: "nat" },
    { rule: "-j NETMAP --to 10.1.2.3/255.255.255.128", expected: "-j NETMAP --to 10.1.2.0/25", table: "nat" },
    { rule: "-j NETMAP --to fd00::1", expected: "-j NETMAP --to fd00::1/128", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00::1/64", expected: "-j NETMAP --to fd00::/64", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00::1/ffff:ffff::", expected: "-j NETMAP --to fd00::/32", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00::1/ffff:0:ffff::", expected: "-j NETMAP --to fd00::1/128", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00::1/0x40", expected: "-j NETMAP --to fd00::/64", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00::1/::", expected: "-j NETMAP --to ::/0", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to ::ffff:1.2.3.4/120", expected: "-j NETMAP --to ::ffff:1.2.3.0/120", table: "nat", family: "ipv6" },
    { rule: "-j NETMAP --to fd00:1:2:3:4:5:6:7/61", expected: "-j NETMAP --to fd00:1:2::/61", table: "nat", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-d 192.168.121.0/24 -j NETMAP --to 192.168.21.0/24", expected: "-j NETMAP --to 192.168.21.0/24", table: "nat", source: "real/netnet-serverfault-762193-netmap.save:7" },
    { rule: "-d 192.168.118.0/24 -j NETMAP --to 192.168.18.0/24", expected: "-j NETMAP --to 192.168.18.0/24", table: "nat", source: "real/netnet-serverfault-762193-netmap.save:9" },
    { rule: "-d 192.168.201.0/24 -j NETMAP --to 192.168.101.0/24", expected: "-j NETMAP --to 192.168.101.0/24", table: "nat", source: "real/netnet-serverfault-762193-netmap.save:11" },
    { rule: "-s 192.168.21.0/24 -j NETMAP --to 192.168.121.0/24", expected: "-j NETMAP --to 192.168.121.0/24", table: "nat", chain: "POSTROUTING", source: "real/netnet-serverfault-762193-netmap.save:19" },
    { rule: "-s 192.168.18.0/24 -j NETMAP --to 192.168.118.0/24", expected: "-j NETMAP --to 192.168.118.0/24", table: "nat", chain: "POSTROUTING", source: "real/netnet-serverfault-762193-netmap.save:21" },
    { rule: "-s 192.168.101.0/24 -j NETMAP --to 192.168.201.0/24", expected: "-j NETMAP --to 192.168.201.0/24", table: "nat", chain: "POSTROUTING", source: "real/netnet-serverfault-762193-netmap.save:23" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
