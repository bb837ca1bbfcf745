/**
 * NFLOG save (libxt_NFLOG.c NFLOG_save as iptables-nft prints its log expression back
 * (prefix up to 127 bytes, no --nflog-range)).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("NFLOG save", () => {
  const probes: TargetCase[] = [
    { rule: "-j NFLOG", expected: "-j NFLOG" },
    { rule: "-j NFLOG --nflog-group 0", expected: "-j NFLOG" },
    { rule: "-j NFLOG --nflog-threshold 1 --nflog-group 0x10", expected: "-j NFLOG --nflog-group 16 --nflog-threshold 1" },
    { rule: "-j NFLOG --nflog-threshold 0", expected: "-j NFLOG" },
    // nft drops --nflog-range (legacy saves `--nflog-range 5`), and keeps 127 prefix bytes (legacy 63).
    { rule: "-j NFLOG --nflog-range 5", expected: "-j NFLOG" },
    { rule: "-j NFLOG --nflog-size 0", expected: "-j NFLOG --nflog-size 0" },
    { rule: "-j NFLOG --nflog-size 5 --nflog-prefix \"x y\" --nflog-threshold 3 --nflog-group 2", expected: "-j NFLOG --nflog-prefix \"x y\" --nflog-group 2 --nflog-size 5 --nflog-threshold 3" },
    { rule: "-j NFLOG --nflog-prefix 0123456789012345678901234567890123456789012345678901234567890123456789", expected: "-j NFLOG --nflog-prefix 0123456789012345678901234567890123456789012345678901234567890123456789" },
    { rule: "-j NFLOG --nflog-prefix 012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", expected: "-j NFLOG --nflog-prefix 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456" },
    { rule: "-j NFLOG --nflog-group 65535 --nflog-threshold 65535 --nflog-size 4294967295", expected: "-j NFLOG --nflog-group 65535 --nflog-size 4294967295 --nflog-threshold 65535" },
    { rule: "-j NFLOG --nflog-group 3", expected: "-j NFLOG --nflog-group 3", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-i lo -o lo+ -j NFLOG --nflog-prefix \"should use NFLOG\" --nflog-group 1 --nflog-size 123 --nflog-threshold 42", expected: "-j NFLOG --nflog-prefix \"should use NFLOG\" --nflog-group 1 --nflog-size 123 --nflog-threshold 42", chain: "FORWARD", source: "real/netfilter-tests-nft-save.save:25" },
    { rule: "-j NFLOG --nflog-group 1 --nflog-threshold 5", expected: "-j NFLOG --nflog-group 1 --nflog-threshold 5", source: "real/netfilter-tests-wireless.save:71" },
    { rule: "-j NFLOG --nflog-group 2 --nflog-threshold 5", expected: "-j NFLOG --nflog-group 2 --nflog-threshold 5", source: "real/netfilter-tests-wireless.save:74" },
    { rule: "-j NFLOG --nflog-group 3 --nflog-threshold 5", expected: "-j NFLOG --nflog-group 3 --nflog-threshold 5", source: "real/netfilter-tests-wireless.save:76" },
    { rule: "-m policy --dir in --pol ipsec -j NFLOG --nflog-group 5", expected: "-j NFLOG --nflog-group 5", table: "mangle", chain: "PREROUTING", source: "real/netnet-internal-office-fw.save:8" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
