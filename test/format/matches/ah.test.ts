/**
 * `-m ah` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p ah -m ah --ahspi 5", {}, ["-m ah --ahspi 5"]],
  ["-p ah -m ah ! --ahspi :7", {}, ["-m ah ! --ahspi 0:7"]],
  ["-m ah --ahspi 5 --ahlen 3 --ahres", { family: "ipv6" }, ["-m ah --ahspi 5 --ahlen 3 --ahres"]],
  ["-m ah ! --ahspi 5:6 ! --ahlen 3", { family: "ipv6" }, ["-m ah ! --ahspi 5:6 ! --ahlen 3"]],
];

describe("ah save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
