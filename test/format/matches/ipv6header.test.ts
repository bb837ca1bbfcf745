/**
 * `-m ipv6header` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m ipv6header --header hop,dst,route,frag,auth,esp,none,prot", { family: "ipv6" }, ["-m ipv6header --header hop-by-hop,ipv6-opts,ipv6-route,ipv6-frag,ah,esp,ipv6-nonxt,protocol"]],
  ["-m ipv6header ! --header ipv6-frag --soft", { family: "ipv6" }, ["-m ipv6header ! --header ipv6-frag --soft"]],
  ["-m ipv6header --header 60,0", { family: "ipv6" }, ["-m ipv6header --header hop-by-hop,ipv6-opts"]],
];

describe("ipv6header save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
