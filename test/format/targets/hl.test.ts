/**
 * HL save (libip6t_HL.c HL_save: the action with its value in decimal).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("HL save", () => {
  const probes: TargetCase[] = [
    { rule: "-j HL --hl-set 5", expected: "-j HL --hl-set 5", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
    { rule: "-j HL --hl-dec 0x5", expected: "-j HL --hl-dec 5", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
    { rule: "-j HL --hl-inc 1", expected: "-j HL --hl-inc 1", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
