/**
 * `-m rpfilter` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m rpfilter --invert", { table: "raw", chain: "PREROUTING" }, ["-m rpfilter --invert"]],
  ["-m rpfilter --loose --validmark --accept-local --invert", { table: "raw", chain: "PREROUTING" }, ["-m rpfilter --loose --validmark --accept-local --invert"]],
];

/** [corpus rule, where, the oracle's `-m rpfilter …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-medium-company-mainfw.save
  ["-m rpfilter --invert -j DROP", { table: "raw", chain: "PREROUTING" }, "-m rpfilter --invert"],
];

describe("rpfilter save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
