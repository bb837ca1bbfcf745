/**
 * `-m rt` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m rt --rt-type 0 --rt-segsleft 0", { family: "ipv6" }, ["-m rt --rt-type 0 --rt-segsleft 0"]],
  ["-m rt --rt-segsleft 5:", { family: "ipv6" }, ["-m rt --rt-segsleft 5:4294967295"]],
  ["-m rt --rt-type 0 --rt-0-res --rt-0-addrs ::1,2001:db8:0:0::1 --rt-0-not-strict", { family: "ipv6" }, ["-m rt --rt-type 0 --rt-0-res --rt-0-addrs ::1,2001:db8::1 --rt-0-not-strict"]],
  ["-m rt --rt-segsleft 0:", { family: "ipv6" }, ["-m rt"]],
];

/** [corpus rule, where, the oracle's `-m rt …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-ipv6-mailserver.save6
  ["-m rt --rt-type 0 --rt-segsleft 0 -j DROP", { family: "ipv6" }, "-m rt --rt-type 0 --rt-segsleft 0"],
  // real/ufw-0.33-before6.rules.save6
  ["-m rt --rt-type 0", { family: "ipv6" }, "-m rt --rt-type 0"],
];

describe("rt save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
