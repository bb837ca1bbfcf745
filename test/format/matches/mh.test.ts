/**
 * `-m mh` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p mh -m mh --mh-type 5", { family: "ipv6" }, ["-m mh --mh-type 5"]],
  ["-p mh -m mh ! --mh-type 1:5", { family: "ipv6" }, ["-m mh ! --mh-type 1:5"]],
  ["-p mh -m mh --mh-type binding-update", { family: "ipv6" }, ["-m mh --mh-type 5"]],
  ["-p mh -m mh --mh-type b", { family: "ipv6" }, ["-m mh --mh-type 0"]],
  ["-p mh -m mh --mh-type ho:hot", { family: "ipv6" }, ["-m mh --mh-type 1:3"]],
  ["-p mh -m mh ! --mh-type :3", { family: "ipv6" }, ["-m mh ! --mh-type 0:3"]],
  ["-p mh -m mh --mh-type 3:", { family: "ipv6" }, ["-m mh --mh-type 3:255"]],
];

describe("mh save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
