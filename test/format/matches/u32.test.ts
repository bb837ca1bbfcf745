/**
 * `-m u32` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m u32 --u32 \"0>>22&0x3C@12>>26&0x3C@0=0x12345678\"", {}, ["-m u32 --u32 \"0x0>>0x16&0x3c@0xc>>0x1a&0x3c@0x0=0x12345678\""]],
  ["-m u32 ! --u32 \"6&0xFF=1:17\"", {}, ["-m u32 ! --u32 \"0x6&0xff=0x1:0x11\""]],
  ["-m u32 --u32 \"0 >> 22 & 0x3C @ 12 >> 26 & 0x3C @ 0 = 1,2:3 && 4=5\"", {}, ["-m u32 --u32 \"0x0>>0x16&0x3c@0xc>>0x1a&0x3c@0x0=0x1,0x2:0x3&&0x4=0x5\""]],
];

describe("u32 save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
