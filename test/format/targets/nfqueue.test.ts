/**
 * NFQUEUE save (libxt_NFQUEUE.c NFQUEUE_save_v3: --queue-balance or --queue-num (0 by
 * default), --queue-bypass, --queue-cpu-fanout).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("NFQUEUE save", () => {
  const probes: TargetCase[] = [
    { rule: "-j NFQUEUE", expected: "-j NFQUEUE --queue-num 0" },
    { rule: "-j NFQUEUE --queue-num 0", expected: "-j NFQUEUE --queue-num 0" },
    { rule: "-j NFQUEUE --queue-num 3", expected: "-j NFQUEUE --queue-num 3" },
    { rule: "-j NFQUEUE --queue-num 0x10", expected: "-j NFQUEUE --queue-num 16" },
    { rule: "-j NFQUEUE --queue-bypass", expected: "-j NFQUEUE --queue-num 0 --queue-bypass" },
    { rule: "-j NFQUEUE --queue-balance 0:3 --queue-cpu-fanout --queue-bypass", expected: "-j NFQUEUE --queue-balance 0:3 --queue-bypass --queue-cpu-fanout" },
    { rule: "-j NFQUEUE --queue-num 0 --queue-bypass", expected: "-j NFQUEUE --queue-num 0 --queue-bypass" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
