/**
 * CLASSIFY save (libxt_CLASSIFY.c CLASSIFY_save: --set-class %04x:%04x).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("CLASSIFY save", () => {
  const probes: TargetCase[] = [
    { rule: "-j CLASSIFY --set-class 1:10", expected: "-j CLASSIFY --set-class 0001:0010", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class 0x10:0x1", expected: "-j CLASSIFY --set-class 0010:0001", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class ffff:ffff", expected: "-j CLASSIFY --set-class ffff:ffff", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class 10000:1", expected: "-j CLASSIFY --set-class 0000:0001", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class 1:2xyz", expected: "-j CLASSIFY --set-class 0001:0002", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class -1:-2", expected: "-j CLASSIFY --set-class ffff:fffe", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class \" 1: +2\"", expected: "-j CLASSIFY --set-class 0001:0002", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j CLASSIFY --set-class 1:1", expected: "-j CLASSIFY --set-class 0001:0001", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
