/**
 * TRACE save (libxt_TRACE.c: no options).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("TRACE save", () => {
  const probes: TargetCase[] = [
    { rule: "-j TRACE", expected: "-j TRACE", table: "raw", chain: "PREROUTING" },
    { rule: "-j TRACE", expected: "-j TRACE", table: "raw", chain: "PREROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-p icmp -j TRACE", expected: "-j TRACE", table: "raw", chain: "OUTPUT", source: "real/netnet-serverfault-765855-trace.save:53" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
