/**
 * `-m connlimit` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m connlimit --connlimit-above 15", {}, ["-m connlimit --connlimit-above 15 --connlimit-mask 32 --connlimit-saddr"]],
  ["-m connlimit --connlimit-above 6298 --connlimit-mask 32 --connlimit-saddr", {}, ["-m connlimit --connlimit-above 6298 --connlimit-mask 32 --connlimit-saddr"]],
  ["-m connlimit ! --connlimit-above 5 --connlimit-mask 24 --connlimit-daddr", {}, ["-m connlimit --connlimit-upto 5 --connlimit-mask 24 --connlimit-daddr"]],
  ["-m connlimit --connlimit-upto 5", {}, ["-m connlimit --connlimit-upto 5 --connlimit-mask 32 --connlimit-saddr"]],
  ["-p tcp -m connlimit --connlimit-above 10 --connlimit-mask 33", {}, ["-m connlimit --connlimit-above 10 --connlimit-mask 32 --connlimit-saddr"]],
  ["-p tcp -m connlimit --connlimit-above 10 --connlimit-mask 255.255", {}, ["-m connlimit --connlimit-above 10 --connlimit-mask 32 --connlimit-saddr"]],
  ["-p tcp -m connlimit --connlimit-above 10 --connlimit-mask 255.255.0.0", {}, ["-m connlimit --connlimit-above 10 --connlimit-mask 16 --connlimit-saddr"]],
  ["-p tcp -m connlimit --connlimit-above 10 --connlimit-mask 0x10", {}, ["-m connlimit --connlimit-above 10 --connlimit-mask 16 --connlimit-saddr"]],
  ["-m connlimit ! --connlimit-upto 5", {}, ["-m connlimit --connlimit-above 5 --connlimit-mask 32 --connlimit-saddr"]],
  ["-m connlimit --connlimit-upto 5", { family: "ipv6" }, ["-m connlimit --connlimit-upto 5 --connlimit-mask 128 --connlimit-saddr"]],
  ["-m connlimit --connlimit-upto 5 --connlimit-mask 64", { family: "ipv6" }, ["-m connlimit --connlimit-upto 5 --connlimit-mask 64 --connlimit-saddr"]],
];

/** [corpus rule, where, the oracle's `-m connlimit …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-home-user.save
  ["-m connlimit --connlimit-above 6298 --connlimit-mask 32 --connlimit-saddr -m recent --set --name limited --rsource", {}, "-m connlimit --connlimit-above 6298 --connlimit-mask 32 --connlimit-saddr"],
];

describe("connlimit save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
