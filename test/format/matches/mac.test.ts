/**
 * `-m mac` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m mac --mac-source 0:1:a:BB:cc:d", {}, ["-m mac --mac-source 00:01:0a:bb:cc:0d"]],
  ["-m mac ! --mac-source AA:BB:CC:DD:EE:FF", {}, ["-m mac ! --mac-source aa:bb:cc:dd:ee:ff"]],
];

/** [corpus rule, where, the oracle's `-m mac …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/krisek-m-captive-portal.save
  ["-m mac --mac-source 58:94:6B:17:41:7C", { table: "mangle", chain: "PREROUTING" }, "-m mac --mac-source 58:94:6b:17:41:7c"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-s 192.168.200.4/32 -m mac --mac-source 00:00:f1:05:a0:e0", {}, "-m mac --mac-source 00:00:f1:05:a0:e0"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-s 192.168.200.9/32 -m mac --mac-source 00:00:f1:05:99:85", {}, "-m mac --mac-source 00:00:f1:05:99:85"],
];

describe("mac save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
