/**
 * `-m devgroup` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m devgroup --src-group 5 ! --dst-group 0x10/0xff", { chain: "FORWARD" }, ["-m devgroup --src-group 0x5 ! --dst-group 0x10/0xff"]],
  ["-m devgroup ! --src-group 0x5/0xffffffff", { chain: "FORWARD" }, ["-m devgroup ! --src-group 0x5"]],
  ["-m devgroup --src-group 0", { chain: "INPUT" }, ["-m devgroup --src-group default"]],
  ["-m devgroup ! --src-group 0x0/0xffffffff", { chain: "INPUT" }, ["-m devgroup ! --src-group default"]],
  ["-m devgroup --src-group 0/0xf", { chain: "INPUT" }, ["-m devgroup --src-group 0x0/0xf"]],
  ["-m devgroup --src-group default", { chain: "INPUT" }, ["-m devgroup --src-group default"]],
];

describe("devgroup save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
