/**
 * `-m hl` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m hl --hl-eq 255", { family: "ipv6" }, ["-m hl --hl-eq 255"]],
  ["-m hl ! --hl-eq 255", { family: "ipv6" }, ["-m hl ! --hl-eq 255"]],
  ["-m hl --hl 3", { family: "ipv6" }, ["-m hl --hl-eq 3"]],
  ["-m hl --hl-lt 3", { family: "ipv6" }, ["-m hl --hl-lt 3"]],
  ["-m hl --hl-gt 0x10", { family: "ipv6" }, ["-m hl --hl-gt 16"]],
];

/** [corpus rule, where, the oracle's `-m hl …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 133 -m hl --hl-eq 255", { family: "ipv6" }, "-m hl --hl-eq 255"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 130 -m hl --hl-eq 1", { family: "ipv6" }, "-m hl --hl-eq 1"],
];

describe("hl save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
