/**
 * `-m physdev` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m physdev --physdev-is-bridged", {}, ["-m physdev --physdev-is-bridged"]],
  ["-m physdev ! --physdev-in eth0 --physdev-out br+ ! --physdev-is-in --physdev-is-out", {}, ["-m physdev ! --physdev-is-in ! --physdev-in eth0 --physdev-is-out --physdev-out br+"]],
  ["-m physdev --physdev-is-out ! --physdev-is-bridged", { chain: "FORWARD" }, ["-m physdev --physdev-is-out ! --physdev-is-bridged"]],
];

/** [corpus rule, where, the oracle's `-m physdev …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-openlab-stettenstr.save
  ["-m physdev --physdev-is-bridged -j ACCEPT", { chain: "FORWARD" }, "-m physdev --physdev-is-bridged"],
];

describe("physdev save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
