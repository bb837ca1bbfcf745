/**
 * `-m tcp` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p tcp --tcp-flags SYN,RST SYN", {}, ["-m tcp --tcp-flags SYN,RST SYN"]],
  ["-p tcp ! --tcp-flags ALL NONE", {}, ["-m tcp ! --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE"]],
  ["-p tcp --tcp-flags ALL ACK,FIN --tcp-option 5", {}, ["-m tcp --tcp-option 5 --tcp-flags FIN,SYN,RST,PSH,ACK,URG FIN,ACK"]],
  ["-p tcp ! --tcp-option 5 --dport 0:65535", {}, ["-m tcp ! --tcp-option 5"]],
  ["-p tcp --sport :1000 --dport 1000:", {}, ["-m tcp --sport 0:1000 --dport 1000:65535"]],
  ["-p tcp ! --syn", {}, ["-m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN"]],
  ["-p tcp --dport 22:22", {}, ["-m tcp --dport 22"]],
  ["-p tcp --destination-port ssh --source-port 1024:", {}, ["-m tcp --sport 1024:65535 --dport 22"]],
  ["-p tcp --dp 0x16", {}, ["-m tcp --dport 22"]],
];

/** [corpus rule, where, the oracle's `-m tcp …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p tcp -m tcp --dport 9022 -m conntrack --ctstate NEW -j ACCEPT", {}, "-m tcp --dport 9022"],
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p tcp -m tcp --dport 445 -j DROP", { chain: "FORWARD" }, "-m tcp --dport 445"],
  // real/ciscosrapps-libvirt-docker-dupes.save
  ["-i virbr0 -p tcp -m tcp --dport 53 -j ACCEPT", {}, "-m tcp --dport 53"],
  // real/ciscosrapps-libvirt-docker-dupes.save
  ["-i virbr0 -p tcp -m tcp --dport 67 -j ACCEPT", {}, "-m tcp --dport 67"],
  // real/ffulm-server-rules.v4.save
  ["-p tcp -m tcp --dport 22 -j ACCEPT", {}, "-m tcp --dport 22"],
  // real/ffulm-server-rules.v4.save
  ["-p tcp -m tcp --dport 80 -j ACCEPT", {}, "-m tcp --dport 80"],
  // real/ffulm-server-rules.v4.save
  ["-p tcp -m tcp --dport 443 -j ACCEPT", {}, "-m tcp --dport 443"],
  // real/ffulm-server-rules.v4.save
  ["-p tcp -m tcp --dport 656 -j ACCEPT", {}, "-m tcp --dport 656"],
];

describe("tcp save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
