/**
 * `-m policy` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m policy --dir in --pol ipsec", {}, ["-m policy --dir in --pol ipsec"]],
  ["-m policy --dir in --pol none", {}, ["-m policy --dir in --pol none"]],
  ["-m policy --dir out --pol ipsec --strict --reqid 5 --spi 0x10 --proto esp --mode tunnel --tunnel-src 1.2.3.4/24 --tunnel-dst 5.6.7.8 --next ! --reqid 6 --proto 51 --mode transport", { chain: "OUTPUT" }, ["-m policy --dir out --pol ipsec --strict --reqid 5 --spi 0x10 --proto esp --mode tunnel --tunnel-dst 5.6.7.8 --tunnel-src 1.2.3.4/24 --next ! --reqid 6 --proto ah --mode transport"]],
  ["-m policy --dir in --pol ipsec --proto ipcomp", {}, ["-m policy --dir in --pol ipsec --proto ipcomp"]],
  ["-m policy --dir in --pol ipsec --mode tunnel --tunnel-src 2001:db8::/32 --tunnel-dst ::1", { family: "ipv6" }, ["-m policy --dir in --pol ipsec --mode tunnel --tunnel-dst ::1 --tunnel-src 2001:db8::/32"]],
];

/** [corpus rule, where, the oracle's `-m policy …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-s 10.49.0.0/16 -m policy --dir out --pol none -j MASQUERADE", { table: "nat", chain: "POSTROUTING" }, "-m policy --dir out --pol none"],
  // real/algo-fork-wireguard-ipsec-server.save
  ["-s 10.49.0.0/16 -m conntrack --ctstate NEW -m policy --dir in --pol none -j ACCEPT", { chain: "FORWARD" }, "-m policy --dir in --pol none"],
  // real/netnet-internal-office-fw.save
  ["-m policy --dir in --pol ipsec -j NFLOG --nflog-group 5", { table: "mangle", chain: "PREROUTING" }, "-m policy --dir in --pol ipsec"],
  // real/netnet-internal-office-fw.save
  ["-m policy --dir out --pol ipsec -j NFLOG --nflog-group 5", { table: "mangle", chain: "POSTROUTING" }, "-m policy --dir out --pol ipsec"],
];

describe("policy save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
