/**
 * REJECT save (libipt_REJECT.c / libip6t_REJECT.c REJECT_save: the canonical type name, the
 * default when none is given; prefixes and aliases resolve).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("REJECT save", () => {
  const probes: TargetCase[] = [
    { rule: "-j REJECT", expected: "-j REJECT --reject-with icmp-port-unreachable" },
    { rule: "-j REJECT --reject-with icmp-net-unreach", expected: "-j REJECT --reject-with icmp-net-unreachable" },
    { rule: "-p tcp -j REJECT --reject-with tcp-rst", expected: "-j REJECT --reject-with tcp-reset" },
    { rule: "-j REJECT --reject-with host-prohib", expected: "-j REJECT --reject-with icmp-host-prohibited" },
    { rule: "-j REJECT --reject-with \"\"", expected: "-j REJECT --reject-with icmp-net-unreachable" },
    { rule: "-j REJECT --reject-with Host-P", expected: "-j REJECT --reject-with icmp-host-prohibited" },
    { rule: "-j REJECT --reject-with ad", expected: "-j REJECT --reject-with icmp-admin-prohibited" },
    { rule: "-j REJECT --reject-with icmp", expected: "-j REJECT --reject-with icmp-net-unreachable" },
    { rule: "-j REJECT --reject-with icmp-proto-unreachable", expected: "-j REJECT --reject-with icmp-proto-unreachable" },
    { rule: "-j REJECT --reject-with icmp-net-prohibited", expected: "-j REJECT --reject-with icmp-net-prohibited", chain: "FORWARD" },
    { rule: "-j REJECT --reject-with admin-prohib", expected: "-j REJECT --reject-with icmp-admin-prohibited", chain: "OUTPUT" },
    { rule: "-j REJECT --reject-with icmp-host-unreachable", expected: "-j REJECT --reject-with icmp-host-unreachable" },
    { rule: "-j REJECT --reject icmp-host-unreachable", expected: "-j REJECT --reject-with icmp-host-unreachable" },
    { rule: "-j REJECT", expected: "-j REJECT --reject-with icmp6-port-unreachable", family: "ipv6" },
    { rule: "-j REJECT --reject-with P", expected: "-j REJECT --reject-with icmp6-port-unreachable", family: "ipv6" },
    { rule: "-j REJECT --reject-with r", expected: "-j REJECT --reject-with icmp6-reject-route", family: "ipv6" },
    { rule: "-j REJECT --reject-with adm-prohibited", expected: "-j REJECT --reject-with icmp6-adm-prohibited", family: "ipv6" },
    { rule: "-j REJECT --reject-with no-route", expected: "-j REJECT --reject-with icmp6-no-route", family: "ipv6" },
    { rule: "-j REJECT --reject-with icmp6-addr-unreachable", expected: "-j REJECT --reject-with icmp6-addr-unreachable", family: "ipv6" },
    { rule: "-j REJECT --reject-with icmp6-policy-fail", expected: "-j REJECT --reject-with icmp6-policy-fail", family: "ipv6" },
    { rule: "-p tcp -j REJECT --reject-with tcp-reset", expected: "-j REJECT --reject-with tcp-reset", family: "ipv6" },
    { rule: "-j REJECT --reject-with \"\"", expected: "-j REJECT --reject-with icmp6-no-route", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-o virbr0 -j REJECT --reject-with icmp-port-unreachable", expected: "-j REJECT --reject-with icmp-port-unreachable", chain: "FORWARD", source: "real/ciscosrapps-libvirt-docker-dupes.save:27" },
    { rule: "-i eth0 -p tcp -m tcp --dport 113 -j REJECT --reject-with tcp-reset", expected: "-j REJECT --reject-with tcp-reset", source: "real/isem-ringofsaturn.save:24" },
    { rule: "-j REJECT --reject-with icmp-host-prohibited", expected: "-j REJECT --reject-with icmp-host-prohibited", source: "real/joemcmanus-edison-no-completed-line.save:12" },
    { rule: "-i eth2 -j REJECT --reject-with icmp-net-prohibited", expected: "-j REJECT --reject-with icmp-net-prohibited", chain: "FORWARD", source: "real/netnet-ferm-dmz-router.save:40" },
    { rule: "-j REJECT --reject-with icmp-proto-unreachable", expected: "-j REJECT --reject-with icmp-proto-unreachable", source: "real/netnet-home-router.save:17" },
    { rule: "! -i lo -d 127.0.0.0/8 -j REJECT", expected: "-j REJECT --reject-with icmp-port-unreachable", source: "real/netnet-majek-vpn-iptables.up.rules.save:11" },
    { rule: "-p tcp -m multiport --dports 25,137:139,445 -j REJECT --reject-with icmp-admin-prohibited", expected: "-j REJECT --reject-with icmp-admin-prohibited", chain: "FORWARD", source: "real/netnet-majek-vpn-iptables.up.rules.save:53" },
    { rule: "-j REJECT --reject-with icmp-host-unreachable", expected: "-j REJECT --reject-with icmp-host-unreachable", chain: "FORWARD", source: "real/netnet-medium-company-mainfw.save:568" },
    { rule: "-j REJECT --reject-with icmp6-adm-prohibited", expected: "-j REJECT --reject-with icmp6-adm-prohibited", family: "ipv6", source: "real/netfilter-tests-fedora27-ip6tables.save6:89" },
    { rule: "-p tcp -m tcp --dport 137 -j REJECT --reject-with icmp6-port-unreachable", expected: "-j REJECT --reject-with icmp6-port-unreachable", chain: "OUTPUT", family: "ipv6", source: "real/netfilter-tests-restore-dump.save6:28" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
