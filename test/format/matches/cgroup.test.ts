/**
 * `-m cgroup` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m cgroup --cgroup 5", { chain: "OUTPUT" }, ["-m cgroup --cgroup 5"]],
  ["-m cgroup --path /", { chain: "OUTPUT" }, ["-m cgroup --path \"/\""]],
  ["-m cgroup ! --path /", { chain: "OUTPUT" }, ["-m cgroup ! --path \"/\""]],
];

describe("cgroup save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
