/**
 * MARK save (libxt_MARK.c mark_tg_save: every operation as --set-xmark VALUE/MASK in hex).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("MARK save", () => {
  const probes: TargetCase[] = [
    { rule: "-j MARK --set-mark 5", expected: "-j MARK --set-xmark 0x5/0xffffffff" },
    { rule: "-j MARK --set-mark 010/0xff", expected: "-j MARK --set-xmark 0x8/0xff" },
    { rule: "-j MARK --set-xmark 0x10", expected: "-j MARK --set-xmark 0x10/0xffffffff" },
    { rule: "-j MARK --set-xmark 0x10/0x0", expected: "-j MARK --set-xmark 0x10/0x0" },
    { rule: "-j MARK --and-mark 0xfffffffe", expected: "-j MARK --set-xmark 0x0/0x1" },
    { rule: "-j MARK --and-mark 0", expected: "-j MARK --set-xmark 0x0/0xffffffff" },
    { rule: "-j MARK --or-mark 0x4000", expected: "-j MARK --set-xmark 0x4000/0x4000" },
    { rule: "-j MARK --xor-mark 3", expected: "-j MARK --set-xmark 0x3/0x0" },
    { rule: "-j MARK --set-mark 0xffffffff/0x1", expected: "-j MARK --set-xmark 0xffffffff/0xffffffff" },
    { rule: "-j MARK --set-mark 7/3", expected: "-j MARK --set-xmark 0x7/0x7" },
    { rule: "-j MARK --set-mark 1", expected: "-j MARK --set-xmark 0x1/0xffffffff", family: "ipv6" },
    { rule: "-j MARK --set-mark 0x2", expected: "-j MARK --set-xmark 0x2/0xffffffff", table: "mangle", chain: "PREROUTING" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-j MARK --set-xmark 0x44/0xffffffff", expected: "-j MARK --set-xmark 0x44/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/krisek-m-captive-portal.save:43" },
    { rule: "-j MARK --set-xmark 0x63/0xffffffff", expected: "-j MARK --set-xmark 0x63/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/krisek-m-captive-portal.save:47" },
    { rule: "-s 10.11.0.0/16 -j MARK --set-xmark 0x3/0xffffffff", expected: "-j MARK --set-xmark 0x3/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-openlab-stettenstr.save:8" },
    { rule: "-s 10.11.0.0/16 -d 10.11.0.0/16 -j MARK --set-xmark 0x0/0xffffffff", expected: "-j MARK --set-xmark 0x0/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-openlab-stettenstr.save:11" },
    { rule: "-s 10.11.80.0/24 -j MARK --set-xmark 0x1/0xffffffff", expected: "-j MARK --set-xmark 0x1/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-openlab-stettenstr.save:14" },
    { rule: "-s 10.11.70.0/26 -j MARK --set-xmark 0x2/0xffffffff", expected: "-j MARK --set-xmark 0x2/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-openlab-stettenstr.save:22" },
    { rule: "-j MARK --set-xmark 0x2000000/0xffffffff ", expected: "-j MARK --set-xmark 0x2000000/0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-serverfault-769294-openvpnas.save:41" },
    { rule: "-j MARK --set-xmark 0x8000000/0x8000000 ", expected: "-j MARK --set-xmark 0x8000000/0x8000000", source: "real/netnet-serverfault-769294-openvpnas.save:96" },
    { rule: "-j MARK --set-xmark 0x4000000/0x4000000 ", expected: "-j MARK --set-xmark 0x4000000/0x4000000", source: "real/netnet-serverfault-769294-openvpnas.save:104" },
    { rule: "-j MARK --set-xmark 0x0/0xff", expected: "-j MARK --set-xmark 0x0/0xff", table: "mangle", chain: "FORWARD", source: "real/netnet-shorewall-akachan-2014.save:26" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
