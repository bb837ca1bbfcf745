/**
 * NOTRACK save (NOTRACK is CT with XT_CT_NOTRACK_ALIAS: saved with no option).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("NOTRACK save", () => {
  const probes: TargetCase[] = [
    { rule: "-j NOTRACK", expected: "-j NOTRACK", table: "raw", chain: "PREROUTING" },
    { rule: "-j NOTRACK", expected: "-j NOTRACK", table: "raw", chain: "PREROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-i lo -p tcp -m tcp -j NOTRACK", expected: "-j NOTRACK", table: "raw", chain: "PREROUTING", source: "real/netnet-psa-2016.save:5" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
