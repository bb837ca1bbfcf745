/**
 * `-m ttl` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m ttl --ttl-lt 254", {}, ["-m ttl --ttl-lt 254"]],
  ["-m ttl ! --ttl-eq 255", {}, ["-m ttl ! --ttl-eq 255"]],
  ["-m ttl --ttl-gt 2", {}, ["-m ttl --ttl-gt 2"]],
  ["-m ttl --ttl 2", {}, ["-m ttl --ttl-eq 2"]],
];

/** [corpus rule, where, the oracle's `-m ttl …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netfilter-tests-nft-save.save
  ["-d 0.0.0.0/1 -m ttl --ttl-eq 1 -j DROP", {}, "-m ttl --ttl-eq 1"],
  // real/netfilter-tests-nft-save.save
  ["-d 0.0.0.0/2 -m ttl --ttl-gt 2 -j ACCEPT", {}, "-m ttl --ttl-gt 2"],
  // real/netfilter-tests-nft-save.save
  ["-d 0.0.0.0/3 -m ttl --ttl-lt 254 -j ACCEPT", {}, "-m ttl --ttl-lt 254"],
  // real/netfilter-tests-nft-save.save
  ["-d 0.0.0.0/4 -m ttl ! --ttl-eq 255 -j DROP", {}, "-m ttl ! --ttl-eq 255"],
];

describe("ttl save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
