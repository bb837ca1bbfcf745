/**
 * `-m sctp` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p sctp --dport 50000", {}, ["-m sctp --dport 50000"]],
  ["-p sctp ! --sport 1:2 --dport 1:65535", {}, ["-m sctp ! --sport 1:2 --dport 1:65535"]],
  ["-p sctp --chunk-types any DATA,INIT", {}, ["-m sctp --chunk-types any DATA,INIT"]],
  ["-p sctp ! --chunk-types only data:Be,init", {}, ["-m sctp ! --chunk-types only DATA:Be,INIT"]],
  ["-p sctp --chunk-types all ALL", {}, ["-m sctp --chunk-types all ALL"]],
  ["-p sctp --chunk-types any NONE", {}, ["-m sctp --chunk-types any NONE"]],
  ["-p sctp --chunk-types only DATA:ie,ABORT:T,SHUTDOWN_COMPLETE:t", {}, ["-m sctp --chunk-types only DATA:ie,ABORT:T,SHUTDOWN_COMPLETE:t"]],
];

describe("sctp save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
