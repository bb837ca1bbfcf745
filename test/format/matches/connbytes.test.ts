/**
 * `-m connbytes` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m connbytes --connbytes 10:100 --connbytes-dir both --connbytes-mode bytes", {}, ["-m connbytes --connbytes 10:100 --connbytes-mode bytes --connbytes-dir both"]],
  ["-m connbytes ! --connbytes 10 --connbytes-dir original --connbytes-mode packets", {}, ["-m connbytes ! --connbytes 10 --connbytes-mode packets --connbytes-dir original"]],
  ["-m connbytes --connbytes 10: --connbytes-dir reply --connbytes-mode avgpkt", {}, ["-m connbytes --connbytes 10 --connbytes-mode avgpkt --connbytes-dir reply"]],
  ["-m connbytes --connbytes :10 --connbytes-dir reply --connbytes-mode avgpkt", {}, ["-m connbytes --connbytes 0:10 --connbytes-mode avgpkt --connbytes-dir reply"]],
];

describe("connbytes save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
