/**
 * CT save (libxt_CT.c ct_save_v1: --notrack, --helper, --timeout, events in table order, the
 * zone with its direction).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("CT save", () => {
  const probes: TargetCase[] = [
    { rule: "-j CT --notrack", expected: "-j CT --notrack", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT", expected: "-j CT", table: "raw", chain: "PREROUTING" },
    { rule: "-p tcp -j CT --helper ftp", expected: "-j CT --helper ftp", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --notrack --helper ftp --zone 5", expected: "-j CT --notrack --helper ftp --zone 5", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone 5", expected: "-j CT --zone 5", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone 0", expected: "-j CT", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone mark", expected: "-j CT --zone mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig 5", expected: "-j CT --zone-orig 5", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-reply MARK", expected: "-j CT --zone-reply mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig mark", expected: "-j CT --zone-orig mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig 0", expected: "-j CT", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone 1 --zone-orig 2", expected: "-j CT --zone-orig 2", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig 2 --zone 1", expected: "-j CT --zone-orig 1", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone 0x10", expected: "-j CT --zone 16", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig 1 --zone-reply 2", expected: "-j CT --zone 2", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig mark --zone-reply 2", expected: "-j CT --zone mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --zone-orig mark --zone 0", expected: "-j CT --zone-orig mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --ctevents new,related,destroy,reply,assured,protoinfo,helper,mark,natseqinfo,secmark", expected: "-j CT --ctevents new,related,destroy,reply,assured,protoinfo,helper,mark,natseqinfo,secmark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --ctevents mark,new,new", expected: "-j CT --ctevents new,mark", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --expevents new", expected: "-j CT --expevents new", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --helper \"\"", expected: "-j CT", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --notrack --ctevents new --expevents new --zone-reply 3", expected: "-j CT --notrack --ctevents new --expevents new --zone-reply 3", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --notrack --helper \"a b\"", expected: "-j CT --notrack --helper a b", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --notrack --helper abcdefghijklmnopqrstuvwxyz", expected: "-j CT --notrack --helper abcdefghijklmno", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --notrack --helper ftp --timeout x", expected: "-j CT --notrack --helper ftp --timeout x", table: "raw", chain: "PREROUTING" },
    { rule: "-j CT --helper ftp --notrack", expected: "-j CT --notrack --helper ftp", table: "raw", chain: "PREROUTING" },
    { rule: "-p udp -j CT --helper tftp", expected: "-j CT --helper tftp", table: "raw", chain: "OUTPUT" },
    { rule: "-p udp --dport 137 -j CT --helper netbios-ns", expected: "-j CT --helper netbios-ns", table: "raw", chain: "OUTPUT" },
    { rule: "-j CT --notrack", expected: "-j CT --notrack", table: "raw", chain: "PREROUTING", family: "ipv6" },
    { rule: "-p tcp -j CT --helper ftp", expected: "-j CT --helper ftp", table: "raw", chain: "PREROUTING", family: "ipv6" },
    { rule: "-j CT --zone-orig 7 --ctevents new", expected: "-j CT --ctevents new --zone-orig 7", table: "raw", chain: "PREROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-p udp -m udp --dport 137 -j CT --helper netbios-ns", expected: "-j CT --helper netbios-ns", table: "raw", chain: "PREROUTING", source: "real/netfilter-tests-fedora27-iptables-counters.save:56" },
    { rule: "-p tcp -m tcp --dport 1723 -j CT --helper pptp", expected: "-j CT --helper pptp", table: "raw", chain: "PREROUTING", source: "real/netfilter-tests-wireless.save:8" },
    { rule: "-i lo -j CT --notrack", expected: "-j CT --notrack", table: "raw", chain: "PREROUTING", source: "real/netnet-home-user.save:159" },
    { rule: "-p udp -m udp --dport 10080 -j CT --helper amanda", expected: "-j CT --helper amanda", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:37" },
    { rule: "-p tcp -m tcp --dport 21 -j CT --helper ftp", expected: "-j CT --helper ftp", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:38" },
    { rule: "-p udp -m udp --dport 1719 -j CT --helper RAS", expected: "-j CT --helper RAS", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:39" },
    { rule: "-p tcp -m tcp --dport 1720 -j CT --helper Q.931", expected: "-j CT --helper Q.931", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:40" },
    { rule: "-p tcp -m tcp --dport 6667 -j CT --helper irc", expected: "-j CT --helper irc", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:41" },
    { rule: "-p tcp -m tcp --dport 6566 -j CT --helper sane", expected: "-j CT --helper sane", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:44" },
    { rule: "-p udp -m udp --dport 5060 -j CT --helper sip", expected: "-j CT --helper sip", table: "raw", chain: "PREROUTING", source: "real/netnet-shorewall-akachan-2014.save:45" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
