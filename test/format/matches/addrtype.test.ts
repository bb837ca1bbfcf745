/**
 * `-m addrtype` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m addrtype --dst-type LOCAL", {}, ["-m addrtype --dst-type LOCAL"]],
  ["-m addrtype ! --src-type broadcast,local,unicast --dst-type unspec --limit-iface-in", {}, ["-m addrtype ! --src-type UNICAST,LOCAL,BROADCAST --dst-type UNSPEC --limit-iface-in"]],
  ["-m addrtype --src-type LOC", {}, ["-m addrtype --src-type LOCAL"]],
  ["-m addrtype --dst-type LOCAL --limit-iface-out", { chain: "OUTPUT" }, ["-m addrtype --dst-type LOCAL --limit-iface-out"]],
];

/** [corpus rule, where, the oracle's `-m addrtype …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/isem-docker-topos1.save
  ["-m addrtype --dst-type LOCAL", { table: "nat" }, "-m addrtype --dst-type LOCAL"],
  // real/moby-golden-hairpin-nat-wsl2.save
  ["-o br-dummy -m addrtype --src-type LOCAL -j SNAT --to-source 192.168.123.0", { table: "nat", chain: "POSTROUTING" }, "-m addrtype --src-type LOCAL"],
  // real/netnet-home-user.save
  ["-s 0.0.0.0/32 -i eth0.10 -p udp -m addrtype --dst-type BROADCAST -m pkttype --pkt-type broadcast -m udp --sport 68 --dport 67", { table: "raw", chain: "PREROUTING" }, "-m addrtype --dst-type BROADCAST"],
  // real/netnet-internal-office-fw.save
  ["-m addrtype ! --dst-type LOCAL -m policy --dir in --pol ipsec -j NFLOG --nflog-group 5", {}, "-m addrtype ! --dst-type LOCAL"],
  // real/netnet-shorewall-akachan-2014.save
  ["-m addrtype --dst-type MULTICAST", {}, "-m addrtype --dst-type MULTICAST"],
  // real/netnet-shorewall-akachan-2014.save
  ["-m addrtype --dst-type ANYCAST", {}, "-m addrtype --dst-type ANYCAST"],
  // real/netnet-shorewall-akachan-2014.save
  ["-m addrtype --src-type BROADCAST", {}, "-m addrtype --src-type BROADCAST"],
];

describe("addrtype save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
