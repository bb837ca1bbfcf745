/**
 * `-m udp` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p udp --dport domain --sport 65536", {}, ["-m udp --sport 0 --dport 53"]],
  ["-p udp ! --sport 1:2 ! --dport 5", {}, ["-m udp ! --sport 1:2 ! --dport 5"]],
  ["-p udp -m udp --destination-port 53", {}, ["-m udp --dport 53"]],
];

/** [corpus rule, where, the oracle's `-m udp …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-d 172.17.255.175/32 -p udp -m udp --dport 53 -j ACCEPT", {}, "-m udp --dport 53"],
  // real/ciscosrapps-libvirt-docker-dupes.save
  ["-i virbr0 -p udp -m udp --dport 67 -j ACCEPT", {}, "-m udp --dport 67"],
  // real/ciscosrapps-libvirt-docker-dupes.save
  ["-o virbr0 -p udp -m udp --dport 68 -j ACCEPT", { chain: "OUTPUT" }, "-m udp --dport 68"],
  // real/dmitrii-fediuk-openvpn-no-final-newline.save
  ["-i eth0 -p udp -m state --state NEW -m udp --dport 1194 -j ACCEPT", {}, "-m udp --dport 1194"],
  // real/ffulm-server-rules.v4.save
  ["-p udp -m udp --dport 1244 -j ACCEPT", {}, "-m udp --dport 1244"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p udp -m udp --dport 20 -j ACCEPT", {}, "-m udp --dport 20"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p udp -m udp --dport 21 -j ACCEPT", {}, "-m udp --dport 21"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p udp -m udp --dport 22 -j ACCEPT", {}, "-m udp --dport 22"],
];

describe("udp save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
