/**
 * `-m dscp` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m dscp --dscp 10", {}, ["-m dscp --dscp 0x0a"]],
  ["-m dscp ! --dscp 0x2e", {}, ["-m dscp ! --dscp 0x2e"]],
  ["-m dscp --dscp-class af41", {}, ["-m dscp --dscp 0x22"]],
  ["-m dscp --dscp-class EF", { family: "ipv6" }, ["-m dscp --dscp 0x2e"]],
];

describe("dscp save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
