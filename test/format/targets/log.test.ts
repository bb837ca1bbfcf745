/**
 * LOG save (libxt_LOG.c LOG_save: --log-prefix (xtables_save_string, 29 bytes), --log-level
 * as a number unless 4, then the flags in a fixed order).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("LOG save", () => {
  const probes: TargetCase[] = [
    { rule: "-j LOG", expected: "-j LOG" },
    { rule: "-j LOG --log-prefix foo", expected: "-j LOG --log-prefix foo" },
    { rule: "-j LOG --log-prefix \"a\\\"b'c\\\\d\"", expected: "-j LOG --log-prefix \"a\\\"b\\'c\\\\d\"" },
    { rule: "-j LOG --log-prefix \"with space \"", expected: "-j LOG --log-prefix \"with space \"" },
    { rule: "-j LOG --log-prefix -dash", expected: "-j LOG --log-prefix -dash" },
    { rule: "-j LOG --log-prefix \"été: \"", expected: "-j LOG --log-prefix \"été: \"" },
    { rule: "-j LOG --log-level warning", expected: "-j LOG" },
    { rule: "-j LOG --log-level 4 --log-prefix x", expected: "-j LOG --log-prefix x" },
    { rule: "-j LOG --log-level debug --log-prefix x --log-uid --log-macdecode --log-tcp-sequence", expected: "-j LOG --log-prefix x --log-level 7 --log-tcp-sequence --log-uid --log-macdecode" },
    { rule: "-j LOG --log-level 0", expected: "-j LOG --log-level 0" },
    { rule: "-j LOG --log-level emerg", expected: "-j LOG --log-level 0" },
    { rule: "-j LOG --log-level panic", expected: "-j LOG --log-level 0" },
    { rule: "-j LOG --log-level 0x7", expected: "-j LOG --log-level 7" },
    { rule: "-j LOG --log-level 07", expected: "-j LOG --log-level 7" },
    { rule: "-j LOG --log-level +6", expected: "-j LOG --log-level 6" },
    { rule: "-j LOG --log-prefix 012345678901234567890123456789012345", expected: "-j LOG --log-prefix 01234567890123456789012345678" },
    { rule: "-j LOG --log-macdecode", expected: "-j LOG --log-macdecode" },
    { rule: "-j LOG --log-ip-options --log-tcp-options --log-uid --log-tcp-sequence", expected: "-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid" },
    { rule: "-j LOG --log-p abc --log-l 3", expected: "-j LOG --log-prefix abc --log-level 3" },
    { rule: "-j LOG --log-prefix \"v6 \" --log-level alert", expected: "-j LOG --log-prefix \"v6 \" --log-level 1", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-p tcp -j LOG", expected: "-j LOG", source: "real/isem-ringofsaturn.save:41" },
    { rule: "-i wlan0 -f -j LOG --log-prefix \"IPTABLES FRAGMENTS: \"", expected: "-j LOG --log-prefix \"IPTABLES FRAGMENTS: \"", source: "real/isem-sns-ias-eduroam.save:10" },
    { rule: "-i wlan0 -p udp -j LOG --log-prefix \"IPTABLES UDP-IN: \"", expected: "-j LOG --log-prefix \"IPTABLES UDP-IN: \"", source: "real/isem-sns-ias-eduroam.save:32" },
    { rule: "-i wlan0 -p icmp -j LOG --log-prefix \"IPTABLES ICMP-IN: \"", expected: "-j LOG --log-prefix \"IPTABLES ICMP-IN: \"", source: "real/isem-sns-ias-eduroam.save:34" },
    { rule: "-i wlan0 -p tcp -j LOG --log-prefix \"IPTABLES TCP-IN: \"", expected: "-j LOG --log-prefix \"IPTABLES TCP-IN: \"", source: "real/isem-sns-ias-eduroam.save:36" },
    { rule: "-i wlan0 -j LOG --log-prefix \"IPTABLES PROTOCOL-X-IN: \"", expected: "-j LOG --log-prefix \"IPTABLES PROTOCOL-X-IN: \"", source: "real/isem-sns-ias-eduroam.save:38" },
    { rule: "-o wlan0 -p udp -j LOG --log-prefix \"IPTABLES UDP-OUT: \"", expected: "-j LOG --log-prefix \"IPTABLES UDP-OUT: \"", chain: "OUTPUT", source: "real/isem-sns-ias-eduroam.save:53" },
    { rule: "-o wlan0 -p icmp -j LOG --log-prefix \"IPTABLES ICMP-OUT: \"", expected: "-j LOG --log-prefix \"IPTABLES ICMP-OUT: \"", chain: "OUTPUT", source: "real/isem-sns-ias-eduroam.save:55" },
    { rule: "-o wlan0 -p tcp -j LOG --log-prefix \"IPTABLES TCP-OUT: \"", expected: "-j LOG --log-prefix \"IPTABLES TCP-OUT: \"", chain: "OUTPUT", source: "real/isem-sns-ias-eduroam.save:57" },
    { rule: "-o wlan0 -j LOG --log-prefix \"IPTABLES PROTOCOL-X-OUT: \"", expected: "-j LOG --log-prefix \"IPTABLES PROTOCOL-X-OUT: \"", chain: "OUTPUT", source: "real/isem-sns-ias-eduroam.save:59" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
