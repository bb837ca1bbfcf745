/**
 * TOS save (libxt_TOS.c tos_tg_save: every action as --set-tos 0xVV/0xMM).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("TOS save", () => {
  const probes: TargetCase[] = [
    { rule: "-j TOS --set-tos 0x10", expected: "-j TOS --set-tos 0x10/0xff", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos 0x10/0x3f", expected: "-j TOS --set-tos 0x10/0x3f", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos Minimize-Delay", expected: "-j TOS --set-tos 0x10/0x3f", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos normal-service", expected: "-j TOS --set-tos 0x00/0x3f", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --and-tos 0x1", expected: "-j TOS --set-tos 0x00/0xfe", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --or-tos 0x1", expected: "-j TOS --set-tos 0x01/0x01", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --xor-tos 0x1", expected: "-j TOS --set-tos 0x01/0x00", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos 0x10/0x0", expected: "-j TOS --set-tos 0x10/0x00", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos 255", expected: "-j TOS --set-tos 0xff/0xff", table: "mangle", chain: "POSTROUTING" },
    { rule: "-j TOS --set-tos 0x10", expected: "-j TOS --set-tos 0x10/0xff", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
