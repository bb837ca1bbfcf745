/**
 * `-m owner` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m owner --uid-owner 1000", { chain: "OUTPUT" }, ["-m owner --uid-owner 1000"]],
  ["-m owner ! --uid-owner 10-20 --gid-owner 5 --suppl-groups ! --socket-exists", { chain: "OUTPUT" }, ["-m owner ! --socket-exists ! --uid-owner 10-20 --gid-owner 5 --suppl-groups"]],
  ["-m owner --gid-owner 5-5", { chain: "OUTPUT" }, ["-m owner --gid-owner 5"]],
  ["-m owner --uid-owner root", { chain: "OUTPUT" }, ["-m owner --uid-owner 0"]],
  ["-m owner --uid-owner 0x10-0x20", { chain: "OUTPUT" }, ["-m owner --uid-owner 16-32"]],
];

/** [corpus rule, where, the oracle's `-m owner …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-d 10.49.0.0/16 -m owner --gid-owner 15000 -j DROP", { chain: "OUTPUT" }, "-m owner --gid-owner 15000"],
  // real/netnet-home-user.save
  ["-m conntrack --ctstate NEW -m owner --uid-owner 0 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 0"],
  // real/netnet-home-user.save
  ["-o eth1 -m owner --uid-owner 104 -m conntrack --ctstate NEW --ctproto 17 --ctorigdstport 53 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 104"],
  // real/netnet-home-user.save
  ["-o eth1 -p udp -m conntrack --ctstate NEW -m owner --uid-owner 105 -m udp --sport 1024:65535 --dport 123 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 105"],
  // real/netnet-tails-1.5.save
  ["-d 127.0.0.1/32 -o lo -p tcp -m tcp --dport 9050 --tcp-flags FIN,SYN,RST,ACK SYN -m owner --uid-owner 13 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 13"],
  // real/netnet-tails-1.5.save
  ["-d 127.0.0.1/32 -o lo -p tcp -m tcp --dport 9050 --tcp-flags FIN,SYN,RST,ACK SYN -m owner --uid-owner 65534 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 65534"],
  // real/netnet-tails-1.5.save
  ["-d 127.0.0.1/32 -o lo -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m multiport --dports 9050,9061,9062,9150 -m owner --uid-owner 1000 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 1000"],
  // real/netnet-tails-1.5.save
  ["-d 127.0.0.1/32 -o lo -p tcp -m tcp --dport 9062 --tcp-flags FIN,SYN,RST,ACK SYN -m owner --uid-owner 116 -j ACCEPT", { chain: "OUTPUT" }, "-m owner --uid-owner 116"],
];

describe("owner save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
