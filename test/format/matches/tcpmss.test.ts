/**
 * `-m tcpmss` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p tcp -m tcpmss --mss 1400", {}, ["-m tcpmss --mss 1400"]],
  ["-p tcp -m tcpmss ! --mss 1000:1500", {}, ["-m tcpmss ! --mss 1000:1500"]],
  ["-p tcp -m tcpmss --mss :1500", {}, ["-m tcpmss --mss 0:1500"]],
];

describe("tcpmss save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
