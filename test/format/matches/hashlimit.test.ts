/**
 * `-m hashlimit` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 20 --hashlimit-mode srcip --hashlimit-name aflood --hashlimit-srcmask 8", {}, ["-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 20 --hashlimit-mode srcip --hashlimit-name aflood --hashlimit-srcmask 8"]],
  ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name x", {}, ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name x"]],
  ["-m hashlimit --hashlimit-above 20/sec --hashlimit-burst 14497 --hashlimit-mode srcip --hashlimit-name n --hashlimit-htable-expire 31991", {}, ["-m hashlimit --hashlimit-above 20/sec --hashlimit-burst 14497 --hashlimit-mode srcip --hashlimit-name n --hashlimit-htable-expire 31991"]],
  ["-m hashlimit --hashlimit 3/min --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 3/min --hashlimit-burst 5 --hashlimit-name n"]],
  ["-m hashlimit ! --hashlimit-upto 3/h --hashlimit-name n --hashlimit-mode dstport,srcip,dstip,srcport", {}, ["-m hashlimit --hashlimit-above 3/hour --hashlimit-burst 5 --hashlimit-mode srcip,srcport,dstip,dstport --hashlimit-name n"]],
  ["-m hashlimit ! --hashlimit-above 7/day --hashlimit-name n --hashlimit-htable-size 100 --hashlimit-htable-max 200 --hashlimit-htable-gcinterval 1000 --hashlimit-dstmask 24 --hashlimit-srcmask 32", {}, ["-m hashlimit --hashlimit-upto 7/day --hashlimit-burst 5 --hashlimit-name n --hashlimit-htable-size 100 --hashlimit-htable-max 200 --hashlimit-dstmask 24"]],
  ["-m hashlimit --hashlimit-upto 1kb/s --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 1kb/s --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 1mb/s --hashlimit-burst 5mb --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 1mb/s --hashlimit-burst 5mb --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 100b/s --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 96b/s --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 5 --hashlimit-name n --hashlimit-rate-match", {}, ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-name n --hashlimit-rate-match"]],
  ["-m hashlimit --hashlimit-upto 5/min --hashlimit-name n --hashlimit-rate-match --hashlimit-rate-interval 5", {}, ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-name n --hashlimit-htable-expire 60000 --hashlimit-rate-match --hashlimit-rate-interval 5"]],
  ["-m hashlimit --hashlimit-upto 1000/sec --hashlimit-name n --hashlimit-htable-expire 1000", {}, ["-m hashlimit --hashlimit-upto 1000/sec --hashlimit-burst 5 --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 7/min --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 7/min --hashlimit-burst 5 --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 59/hour --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 59/hour --hashlimit-burst 5 --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-name n --hashlimit-srcmask 64", { family: "ipv6" }, ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-name n --hashlimit-srcmask 64"]],
  ["-m hashlimit --hashlimit-upto 5kb/s --hashlimit-burst 100kb --hashlimit-name n --hashlimit-mode dstip", {}, ["-m hashlimit --hashlimit-upto 5kb/s --hashlimit-burst 100kb --hashlimit-mode dstip --hashlimit-name n"]],
  ["-m hashlimit --hashlimit-upto 60/min --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name n --hashlimit-htable-expire 60000"]],
  ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5k --hashlimit-name n", {}, ["-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5120 --hashlimit-name n"]],
];

/** [corpus rule, where, the oracle's `-m hashlimit …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p icmp -m icmp --icmp-type 8 -m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name icmp-echo-drop -j ACCEPT", {}, "-m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name icmp-echo-drop"],
  // real/netnet-home-user.save
  ["-m hashlimit --hashlimit-above 1000/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limit-icmp-src-", {}, "-m hashlimit --hashlimit-above 1000/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limit-icmp-src-"],
  // real/netnet-home-user.save
  ["-m hashlimit --hashlimit-above 1000/sec --hashlimit-burst 5 --hashlimit-mode dstip --hashlimit-name limit-icmp-dst-", {}, "-m hashlimit --hashlimit-above 1000/sec --hashlimit-burst 5 --hashlimit-mode dstip --hashlimit-name limit-icmp-dst-"],
  // real/netnet-home-user.save
  ["-m hashlimit --hashlimit-above 125/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limit-icmp-src-", {}, "-m hashlimit --hashlimit-above 125/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limit-icmp-src-"],
  // real/netnet-home-user.save
  ["-m hashlimit --hashlimit-above 125/sec --hashlimit-burst 5 --hashlimit-mode dstip --hashlimit-name limit-icmp-dst-", {}, "-m hashlimit --hashlimit-above 125/sec --hashlimit-burst 5 --hashlimit-mode dstip --hashlimit-name limit-icmp-dst-"],
  // real/netnet-home-user.save
  ["-m hashlimit --hashlimit-above 20/sec --hashlimit-burst 14497 --hashlimit-mode srcip --hashlimit-name newconnections --hashlimit-htable-expire 31991", {}, "-m hashlimit --hashlimit-above 20/sec --hashlimit-burst 14497 --hashlimit-mode srcip --hashlimit-name newconnections --hashlimit-htable-expire 31991"],
  // real/netnet-home-user.save
  ["-i eth0.22 -m recent --rcheck --name limited --rsource -m hashlimit --hashlimit-above 10/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limited_packets -j DROP", { table: "raw", chain: "PREROUTING" }, "-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limited_packets"],
  // real/netnet-serverfault-795234-hashlimit.save
  ["-p tcp -m multiport ! --dports 80,443,6667,6697 -m hashlimit --hashlimit-above 10/sec --hashlimit-burst 20 --hashlimit-mode srcip --hashlimit-name aflood --hashlimit-srcmask 8 -j ACCEPT", {}, "-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 20 --hashlimit-mode srcip --hashlimit-name aflood --hashlimit-srcmask 8"],
];

describe("hashlimit save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
