/**
 * CONNMARK save (libxt_CONNMARK.c connmark_tg_save_v2: --set-xmark, or --save-
 * mark/--restore-mark with both masks, then a non-zero shift).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend): the
 * probes were loaded one rule per file, the corpus rows are rules of /work/shared/corpus
 * files (named by file and line) with the tail of the same rule in the file's canonical form.
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("CONNMARK save", () => {
  const probes: TargetCase[] = [
    { rule: "-j CONNMARK --set-mark 1/2", expected: "-j CONNMARK --set-xmark 0x1/0x3" },
    { rule: "-j CONNMARK --set-mark 5", expected: "-j CONNMARK --set-xmark 0x5/0xffffffff" },
    { rule: "-j CONNMARK --set-xmark 7/3", expected: "-j CONNMARK --set-xmark 0x7/0x3" },
    { rule: "-j CONNMARK --and-mark 0xfffffffe", expected: "-j CONNMARK --set-xmark 0x0/0x1" },
    { rule: "-j CONNMARK --or-mark 3", expected: "-j CONNMARK --set-xmark 0x3/0x3" },
    { rule: "-j CONNMARK --xor-mark 3", expected: "-j CONNMARK --set-xmark 0x3/0x0" },
    { rule: "-j CONNMARK --save-mark", expected: "-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff" },
    { rule: "-j CONNMARK --save-mark --mask 0xff", expected: "-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff" },
    { rule: "-j CONNMARK --restore-mark --nfmask 0xff", expected: "-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xffffffff" },
    { rule: "-j CONNMARK --restore-mark --ctmask 0xff", expected: "-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xff" },
    { rule: "-j CONNMARK --restore-mark --ctmask 0xff --nfmask 1 --left-shift-mark 3", expected: "-j CONNMARK --restore-mark --nfmask 0x1 --ctmask 0xff --left-shift-mark 3" },
    { rule: "-j CONNMARK --set-xmark 1/2 --right-shift-mark 3 --left-shift-mark 2", expected: "-j CONNMARK --set-xmark 0x1/0x2 --left-shift-mark 2" },
    { rule: "-j CONNMARK --set-xmark 1/2 --left-shift-mark 2 --right-shift-mark 0", expected: "-j CONNMARK --set-xmark 0x1/0x2" },
    { rule: "-j CONNMARK --nfmask 3 --save-mark", expected: "-j CONNMARK --save-mark --nfmask 0x3 --ctmask 0xffffffff" },
    { rule: "-j CONNMARK --set-xmark 1/2 --nfmask 3 --ctmask 4", expected: "-j CONNMARK --set-xmark 0x1/0x4" },
    { rule: "-j CONNMARK --ctmask 4 --set-xmark 1/2", expected: "-j CONNMARK --set-xmark 0x1/0x2" },
    { rule: "-j CONNMARK --mask 0xff --restore-mark", expected: "-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff" },
    { rule: "-j CONNMARK --save-mark", expected: "-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff", family: "ipv6" },
    { rule: "-j CONNMARK --restore-mark", expected: "-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff", table: "mangle", chain: "PREROUTING" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));

  const corpus: TargetCase[] = [
    { rule: "-i eth0.10 -m conntrack --ctstate NEW,RELATED -j CONNMARK --set-xmark 0xa00/0xff00", expected: "-j CONNMARK --set-xmark 0xa00/0xff00", table: "mangle", chain: "PREROUTING", source: "real/netnet-home-user.save:133" },
    { rule: "-i eth0.11 -m conntrack --ctstate NEW,RELATED -j CONNMARK --set-xmark 0xb00/0xff00", expected: "-j CONNMARK --set-xmark 0xb00/0xff00", table: "mangle", chain: "PREROUTING", source: "real/netnet-home-user.save:134" },
    { rule: "! -d 192.168.0.0/16 -i eth0.13 -m conntrack --ctstate NEW,RELATED -j CONNMARK --set-xmark 0x1/0x1", expected: "-j CONNMARK --set-xmark 0x1/0x1", table: "mangle", chain: "PREROUTING", source: "real/netnet-home-user.save:135" },
    { rule: "-i eth0.+ -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff", expected: "-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-home-user.save:137" },
    { rule: "-m mark ! --mark 0x0 -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff", expected: "-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff", table: "mangle", chain: "PREROUTING", source: "real/netnet-serverfault-765855-trace.save:44" },
    { rule: "-m conntrack --ctstate RELATED,ESTABLISHED -j CONNMARK --restore-mark --nfmask 0xff0000 --ctmask 0xff0000", expected: "-j CONNMARK --restore-mark --nfmask 0xff0000 --ctmask 0xff0000", table: "mangle", chain: "PREROUTING", source: "real/vinhjaxt-docker28-nft.save:8" },
    { rule: "-m conntrack --ctstate NEW -m mark ! --mark 0x0/0xff0000 -j CONNMARK --save-mark --nfmask 0xff0000 --ctmask 0xff0000", expected: "-j CONNMARK --save-mark --nfmask 0xff0000 --ctmask 0xff0000", table: "mangle", chain: "OUTPUT", source: "real/vinhjaxt-docker28-nft.save:9" },
  ];
  it.each(corpus)("$source", (c) => expect(savedTarget(c)).toBe(c.expected));
});
