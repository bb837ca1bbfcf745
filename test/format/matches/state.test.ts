/**
 * `-m state` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m state --state ESTABLISHED,NEW,INVALID,RELATED,UNTRACKED", {}, ["-m state --state INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED"]],
  ["-m state ! --state n", {}, ["-m state ! --state NEW"]],
  ["-m state --state RELATED,ESTABLISHED", {}, ["-m state --state RELATED,ESTABLISHED"]],
];

/** [corpus rule, where, the oracle's `-m state …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/dmitrii-fediuk-openvpn-no-final-newline.save
  ["-i eth0 -p udp -m state --state NEW -m udp --dport 1194 -j ACCEPT", {}, "-m state --state NEW"],
  // real/dmitrii-fediuk-openvpn-no-final-newline.save
  ["-i tun+ -o eth0 -m state --state RELATED,ESTABLISHED -j ACCEPT", { chain: "FORWARD" }, "-m state --state RELATED,ESTABLISHED"],
  // real/isem-sns-ias-eduroam.save
  ["-s 131.159.254.1/32 -i wlan0 -p udp -m udp --sport 53 -m state --state ESTABLISHED -j ACCEPT", {}, "-m state --state ESTABLISHED"],
  // real/isem-sns-ias-eduroam.save
  ["-d 131.159.254.1/32 -o wlan0 -p udp -m udp --dport 53 -m state --state NEW,ESTABLISHED -j ACCEPT", { chain: "OUTPUT" }, "-m state --state NEW,ESTABLISHED"],
  // real/isem-sns-ias-eduroam.save
  ["-o wlan0 -p icmp -m state --state NEW,RELATED,ESTABLISHED -j ACCEPT", { chain: "OUTPUT" }, "-m state --state NEW,RELATED,ESTABLISHED"],
  // real/netnet-eduroam-laptop.save
  ["-m state --state INVALID", {}, "-m state --state INVALID"],
  // real/netnet-memphis-testbed.save
  ["-m state --state RELATED,ESTABLISHED,UNTRACKED -j ACCEPT", {}, "-m state --state RELATED,ESTABLISHED,UNTRACKED"],
];

describe("state save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
