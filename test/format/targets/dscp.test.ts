/**
 * DSCP save (libxt_DSCP.c DSCP_save: --set-dscp 0x%02x, classes as their value).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("DSCP save", () => {
  const probes: TargetCase[] = [
    { rule: "-j DSCP --set-dscp 10", expected: "-j DSCP --set-dscp 0x0a", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j DSCP --set-dscp-class af41", expected: "-j DSCP --set-dscp 0x22", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j DSCP --set-dscp-class EF", expected: "-j DSCP --set-dscp 0x2e", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j DSCP --set-dscp 0", expected: "-j DSCP --set-dscp 0x00", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j DSCP --set-dscp 0x3f", expected: "-j DSCP --set-dscp 0x3f", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j DSCP --set-dscp 10", expected: "-j DSCP --set-dscp 0x0a", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
