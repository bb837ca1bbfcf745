/**
 * TTL save (libipt_TTL.c TTL_save: the action with its value in decimal).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("TTL save", () => {
  const probes: TargetCase[] = [
    { rule: "-j TTL --ttl-set 5", expected: "-j TTL --ttl-set 5", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TTL --ttl-dec 0x5", expected: "-j TTL --ttl-dec 5", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TTL --ttl-inc 1", expected: "-j TTL --ttl-inc 1", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TTL --ttl-set 0", expected: "-j TTL --ttl-set 0", table: "mangle", chain: "POSTROUTING" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
