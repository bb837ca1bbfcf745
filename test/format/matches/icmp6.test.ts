/**
 * `-m icmp6` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p icmpv6 --icmpv6-type router-solicitation", { family: "ipv6" }, ["-m icmp6 --icmpv6-type 133"]],
  ["-p icmpv6 ! --icmpv6-type 1/3", { family: "ipv6" }, ["-m icmp6 ! --icmpv6-type 1/3"]],
  ["-p icmpv6 --icmpv6-type no-route", { family: "ipv6" }, ["-m icmp6 --icmpv6-type 1/0"]],
];

/** [corpus rule, where, the oracle's `-m icmp6 …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netfilter-tests-fedora27-ip6tables.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 134 -j ACCEPT", { table: "raw", chain: "PREROUTING", family: "ipv6" }, "-m icmp6 --icmpv6-type 134"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 128 -m conntrack --ctstate NEW -j ACCEPT", { family: "ipv6" }, "-m icmp6 --icmpv6-type 128"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 133 -m hl --hl-eq 255", { family: "ipv6" }, "-m icmp6 --icmpv6-type 133"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 135 -m hl --hl-eq 255", { family: "ipv6" }, "-m icmp6 --icmpv6-type 135"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 136 -m hl --hl-eq 255", { family: "ipv6" }, "-m icmp6 --icmpv6-type 136"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 137 -m hl --hl-eq 255", { family: "ipv6" }, "-m icmp6 --icmpv6-type 137"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 130 -m hl --hl-eq 1", { family: "ipv6" }, "-m icmp6 --icmpv6-type 130"],
  // real/netnet-ipv6-mailserver.save6
  ["-p ipv6-icmp -m icmp6 --icmpv6-type 131 -m hl --hl-eq 1", { family: "ipv6" }, "-m icmp6 --icmpv6-type 131"],
];

describe("icmp6 save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
