/**
 * `-m statistic` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m statistic --mode random --probability 0.33333333349", {}, ["-m statistic --mode random --probability 0.33333333349"]],
  ["-m statistic --mode random ! --probability 0.5", {}, ["-m statistic --mode random ! --probability 0.50000000000"]],
  ["-m statistic --mode nth --every 3 --packet 1", {}, ["-m statistic --mode nth --every 3 --packet 1"]],
  ["-m statistic --mode random --probability 1", {}, ["-m statistic --mode random --probability 1.00000000000"]],
  ["-m statistic --mode random --probability 0", {}, ["-m statistic --mode random --probability 0.00000000000"]],
  ["-m statistic --mode random --probability 0.1", {}, ["-m statistic --mode random --probability 0.10000000009"]],
  ["-m statistic --mode nth --every 10 --packet 0", {}, ["-m statistic --mode nth --every 10 --packet 0"]],
];

describe("statistic save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
