/**
 * `-m limit` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m limit --limit 3/min", {}, ["-m limit --limit 3/min"]],
  ["-m limit --limit 3/min --limit-burst 5", {}, ["-m limit --limit 3/min"]],
  ["-m limit --limit-burst 7", {}, ["-m limit --limit 3/hour --limit-burst 7"]],
  ["-m limit --limit 7/s --limit-burst 1", {}, ["-m limit --limit 7/sec --limit-burst 1"]],
  ["-m limit --limit 1000/hour", {}, ["-m limit --limit 1000/hour"]],
  ["-m limit --limit 7/day", {}, ["-m limit --limit 7/day"]],
  ["-m limit --limit 100/sec", {}, ["-m limit --limit 100/sec"]],
  ["-m limit --limit 13/minute", {}, ["-m limit --limit 13/min"]],
  ["-m limit --limit 60/min", {}, ["-m limit --limit 1/sec"]],
  ["-m limit --limit 7/min", {}, ["-m limit --limit 7/min"]],
  ["-m limit --limit 1/s --limit-burst 0x10", {}, ["-m limit --limit 1/sec --limit-burst 16"]],
];

/** [corpus rule, where, the oracle's `-m limit …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/isem-rlworkman-gateway.save
  ["-s 192.168.13.0/24 -p icmp -m icmp --icmp-type 8 -m limit --limit 1/sec", {}, "-m limit --limit 1/sec"],
  // real/isem-sns-ias-eduroam.save
  ["-m limit --limit 1/sec --limit-burst 4", {}, "-m limit --limit 1/sec --limit-burst 4"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-m limit --limit 12/min", {}, "-m limit --limit 12/min"],
  // real/netfilter-tests-nft-save.save
  ["-m limit --limit 10/day", { chain: "FORWARD" }, "-m limit --limit 10/day"],
  // real/netnet-eduroam-laptop.save
  ["-p icmp -m icmp --icmp-type 8 -m limit --limit 2/sec -j ACCEPT", {}, "-m limit --limit 2/sec"],
  // real/netnet-majek-vpn-iptables.up.rules.save
  ["-m limit --limit 5/min -j LOG --log-prefix \"iptables denied: \" --log-level 7", {}, "-m limit --limit 5/min"],
  // real/netnet-memphis-testbed.save
  ["-m limit --limit 100/min", {}, "-m limit --limit 100/min"],
  // real/netnet-synology-ds414-jul-2016.save
  ["-i eth1 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m limit --limit 10000/sec --limit-burst 100", {}, "-m limit --limit 10000/sec --limit-burst 100"],
];

describe("limit save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
