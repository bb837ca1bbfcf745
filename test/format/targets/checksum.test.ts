/**
 * CHECKSUM save (libxt_CHECKSUM.c CHECKSUM_save: --checksum-fill).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("CHECKSUM save", () => {
  const probes: TargetCase[] = [
    { rule: "-p udp -j CHECKSUM --checksum-fill", expected: "-j CHECKSUM --checksum-fill", table: "mangle", chain: "POSTROUTING" },
    { rule: "-p udp --dport 68 -j CHECKSUM --checksum-f", expected: "-j CHECKSUM --checksum-fill", table: "mangle", chain: "POSTROUTING" },
    { rule: "-p udp -j CHECKSUM --checksum-fill", expected: "-j CHECKSUM --checksum-fill", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-o virbr0 -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill", expected: "-j CHECKSUM --checksum-fill", table: "mangle", chain: "POSTROUTING", source: "real/ciscosrapps-libvirt-docker-dupes.save:87" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
