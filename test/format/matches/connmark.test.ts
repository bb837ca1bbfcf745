/**
 * `-m connmark` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m connmark --mark 5", {}, ["-m connmark --mark 0x5"]],
  ["-m connmark ! --mark 0x10/0xff", {}, ["-m connmark ! --mark 0x10/0xff"]],
  ["-m connmark --mark 0x1/0xffffffff", {}, ["-m connmark --mark 0x1"]],
];

/** [corpus rule, where, the oracle's `-m connmark …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-serverfault-765855-trace.save
  ["-m connmark --mark 0x1 -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff", { table: "mangle", chain: "PREROUTING" }, "-m connmark --mark 0x1"],
  // real/netnet-serverfault-765855-trace.save
  ["-m connmark --mark 0x2 -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff", { table: "mangle", chain: "PREROUTING" }, "-m connmark --mark 0x2"],
];

describe("connmark save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
