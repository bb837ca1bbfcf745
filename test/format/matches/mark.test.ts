/**
 * `-m mark` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m mark --mark 5", {}, ["-m mark --mark 0x5"]],
  ["-m mark ! --mark 0x10/0xff", {}, ["-m mark ! --mark 0x10/0xff"]],
  ["-m mark --mark 5/0xffffffff", {}, ["-m mark --mark 0x5"]],
  ["-m mark --mark 0xffffffff/0x1", {}, ["-m mark --mark 0xffffffff/0x1"]],
];

/** [corpus rule, where, the oracle's `-m mark …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/krisek-m-captive-portal.save
  ["-i eth0 -p tcp -m mark --mark 0x63 -m tcp --dport 80 -j DNAT --to-destination 192.168.188.2", { table: "nat" }, "-m mark --mark 0x63"],
  // real/krisek-m-captive-portal.save
  ["-i eth0 -p tcp -m mark --mark 0x44 -m tcp -j DNAT --to-destination 192.168.188.2", { table: "nat" }, "-m mark --mark 0x44"],
  // real/netnet-serverfault-765855-trace.save
  ["-i eth0 -o eth2 -m mark --mark 0x2 -j ACCEPT", { chain: "FORWARD" }, "-m mark --mark 0x2"],
  // real/netnet-serverfault-765855-trace.save
  ["-i eth0 -o eth1 -m mark --mark 0x1 -j ACCEPT", { chain: "FORWARD" }, "-m mark --mark 0x1"],
  // real/netnet-serverfault-765855-trace.save
  ["-m mark ! --mark 0x0 -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff", { table: "mangle", chain: "PREROUTING" }, "-m mark ! --mark 0x0"],
  // real/netnet-serverfault-769294-openvpnas.save
  ["-m mark --mark 0x2000000/0x2000000", { table: "nat", chain: "POSTROUTING" }, "-m mark --mark 0x2000000/0x2000000"],
  // real/netnet-serverfault-769294-openvpnas.save
  ["-m mark --mark 0x8000000/0x8000000", { table: "nat" }, "-m mark --mark 0x8000000/0x8000000"],
  // real/netnet-serverfault-769294-openvpnas.save
  ["-m mark --mark 0x4000000/0x4000000", { table: "nat" }, "-m mark --mark 0x4000000/0x4000000"],
];

describe("mark save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
