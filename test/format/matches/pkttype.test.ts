/**
 * `-m pkttype` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m pkttype --pkt-type BROADCAST", {}, ["-m pkttype --pkt-type broadcast"]],
  ["-m pkttype ! --pkt-type host", {}, ["-m pkttype ! --pkt-type unicast"]],
  ["-m pkttype --pkt-type otherhost", {}, ["-m pkttype --pkt-type otherhost"]],
  ["-m pkttype --pkt-type Multicast", {}, ["-m pkttype --pkt-type multicast"]],
];

/** [corpus rule, where, the oracle's `-m pkttype …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netfilter-tests-nft-save.save
  ["-m pkttype --pkt-type broadcast -j ACCEPT", {}, "-m pkttype --pkt-type broadcast"],
  // real/netfilter-tests-nft-save.save
  ["-m pkttype ! --pkt-type unicast -j DROP", {}, "-m pkttype ! --pkt-type unicast"],
];

describe("pkttype save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
