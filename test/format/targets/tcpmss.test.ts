/**
 * TCPMSS save (libxt_TCPMSS.c TCPMSS_save: the option given last (both write one field)).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("TCPMSS save", () => {
  const probes: TargetCase[] = [
    { rule: "-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu", expected: "-j TCPMSS --clamp-mss-to-pmtu", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --syn -j TCPMSS --set-mss 0x500", expected: "-j TCPMSS --set-mss 1280", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --syn -j TCPMSS --set-mss 1000 --clamp-mss-to-pmtu", expected: "-j TCPMSS --clamp-mss-to-pmtu", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu --set-mss 1000", expected: "-j TCPMSS --set-mss 1000", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --syn -j TCPMSS --set-mss 0", expected: "-j TCPMSS --set-mss 0", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp", expected: "-j TCPMSS --clamp-mss-to-pmtu", table: "mangle", chain: "FORWARD" },
    { rule: "-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu", expected: "-j TCPMSS --clamp-mss-to-pmtu", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
    { rule: "-p tcp --syn -j TCPMSS --set-mss 1400", expected: "-j TCPMSS --set-mss 1400", table: "mangle", chain: "POSTROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu", expected: "-j TCPMSS --clamp-mss-to-pmtu", chain: "FORWARD", source: "real/netfilter-tests-ipt-save-filter-v1.2.4.save:38" },
    { rule: "-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1350", expected: "-j TCPMSS --set-mss 1350", chain: "FORWARD", source: "real/netnet-openlab-heinrich-rules.v4.save:6" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
