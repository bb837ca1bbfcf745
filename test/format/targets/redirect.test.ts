/**
 * REDIRECT save (libxt_NAT.c REDIRECT_save: --to-ports (decimal, one-port range as one
 * port), --random).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("REDIRECT save", () => {
  const probes: TargetCase[] = [
    { rule: "-p tcp -j REDIRECT --to-ports 80-80", expected: "-j REDIRECT --to-ports 80", table: "nat" },
    { rule: "-p tcp -j REDIRECT --to-ports 80-90 --random", expected: "-j REDIRECT --to-ports 80-90 --random", table: "nat" },
    { rule: "-j REDIRECT", expected: "-j REDIRECT", table: "nat" },
    { rule: "-j REDIRECT --random", expected: "-j REDIRECT --random", table: "nat", chain: "OUTPUT" },
    { rule: "-p tcp -j REDIRECT --to-ports 0", expected: "-j REDIRECT --to-ports 0", table: "nat" },
    { rule: "-p udp -j REDIRECT --to-ports domain", expected: "-j REDIRECT --to-ports 53", table: "nat" },
    { rule: "-p tcp -j REDIRECT --to-ports 80", expected: "-j REDIRECT --to-ports 80", table: "nat", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-i wlo1 -p tcp -m tcp -s 192.168.25.100 --dport 443 -j REDIRECT --to-ports 8080", expected: "-j REDIRECT --to-ports 8080", table: "nat", source: "real/guyhughes-longsword-edited.save:14" },
    { rule: "-p udp -m udp --dport 53 -j REDIRECT --to-ports 9053", expected: "-j REDIRECT --to-ports 9053", table: "nat", source: "real/netnet-eduroam-laptop.save:20" },
    { rule: "-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j REDIRECT --to-ports 9040", expected: "-j REDIRECT --to-ports 9040", table: "nat", source: "real/netnet-eduroam-laptop.save:22" },
    { rule: "-d 127.0.0.1/32 -p udp -m udp --dport 53 -j REDIRECT --to-ports 5353", expected: "-j REDIRECT --to-ports 5353", table: "nat", chain: "OUTPUT", source: "real/netnet-tails-1.5.save:48" },
    { rule: "-p tcp -m tcp --dport 80 -j REDIRECT --to-ports 3000", expected: "-j REDIRECT --to-ports 3000", table: "nat", source: "real/netnet-web-myiptables.save:16" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
