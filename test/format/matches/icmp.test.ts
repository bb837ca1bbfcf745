/**
 * `-m icmp` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-p icmp --icmp-type 8", {}, ["-m icmp --icmp-type 8"]],
  ["-p icmp --icmp-type echo-request", {}, ["-m icmp --icmp-type 8"]],
  ["-p icmp ! --icmp-type any", {}, ["-m icmp ! --icmp-type any"]],
  ["-p icmp --icmp-type 3/4", {}, ["-m icmp --icmp-type 3/4"]],
  ["-p icmp --icmp-type host-unreachable", {}, ["-m icmp --icmp-type 3/1"]],
  ["-p icmp --icmp-type echo-req", {}, ["-m icmp --icmp-type 8"]],
  ["-p icmp -m icmp --icmp-type 0x3/0x0", {}, ["-m icmp --icmp-type 3/0"]],
];

/** [corpus rule, where, the oracle's `-m icmp …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p icmp -m icmp --icmp-type 8 -m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name icmp-echo-drop -j ACCEPT", {}, "-m icmp --icmp-type 8"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p icmp -m icmp --icmp-type 3 -j ACCEPT", {}, "-m icmp --icmp-type 3"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p icmp -m icmp --icmp-type 11 -j ACCEPT", {}, "-m icmp --icmp-type 11"],
  // real/isem-ringofsaturn.save
  ["-i eth0 -p icmp -m icmp --icmp-type 0 -j ACCEPT", {}, "-m icmp --icmp-type 0"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-p icmp -m icmp --icmp-type 4", {}, "-m icmp --icmp-type 4"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-p icmp -m icmp --icmp-type 1", {}, "-m icmp --icmp-type 1"],
  // real/netfilter-tests-ipt-save-filter-v1.2.4.save
  ["-p icmp -m icmp --icmp-type 12", {}, "-m icmp --icmp-type 12"],
  // real/netfilter-tests-nft-save.save
  ["-d 8.0.0.0/6 -p icmp -m icmp --icmp-type 2/3 -j ACCEPT", {}, "-m icmp --icmp-type 2/3"],
];

describe("icmp save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
