/**
 * `-m multiport` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p tcp -m multiport --dports http,https", {}, ["-m multiport --dports 80,443"]],
  ["-p tcp -m multiport ! --sports 1:100,200", {}, ["-m multiport ! --sports 1:100,200"]],
  ["-p udp -m multiport --ports 53,1000:2000", {}, ["-m multiport --ports 53,1000:2000"]],
  ["-p tcp -m multiport --dport 22", {}, ["-m multiport --dports 22"]],
  ["-p udp -m multiport --dports 53,domain,1:2", {}, ["-m multiport --dports 53,53,1:2"]],
  ["-p tcp -m multiport --destination-ports 8080:8090", {}, ["-m multiport --dports 8080:8090"]],
];

/** [corpus rule, where, the oracle's `-m multiport …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p udp -m multiport --dports 51820 -j ACCEPT", {}, "-m multiport --dports 51820"],
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p udp -m multiport --ports 137,138 -j DROP", { chain: "FORWARD" }, "-m multiport --ports 137,138"],
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p tcp -m multiport --ports 137,139 -j DROP", { chain: "FORWARD" }, "-m multiport --ports 137,139"],
  // real/isem-rlworkman-gateway.save
  ["-o ppp0 -p tcp -m multiport --dports 2049,1080,2000,3128,137,138,139,445 -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j REJECT --reject-with icmp-port-unreachable", { chain: "FORWARD" }, "-m multiport --dports 2049,1080,2000,3128,137,138,139,445"],
  // real/netfilter-tests-wireless.save
  ["-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m multiport --dports 22,80,443,873,1723", {}, "-m multiport --dports 22,80,443,873,1723"],
  // real/netfilter-tests-wireless.save
  ["-p udp -m udp -m multiport --dports 500,1701,4500", {}, "-m multiport --dports 500,1701,4500"],
  // real/netfilter-tests-wireless.save
  ["-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m multiport --dports 80,443", {}, "-m multiport --dports 80,443"],
  // real/netfilter-tests-wireless.save
  ["-d 154.73.34.12/32 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m multiport --dports 25", {}, "-m multiport --dports 25"],
];

describe("multiport save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
