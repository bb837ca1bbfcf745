/**
 * `-m comment` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m comment --comment \"x y\"", {}, ["-m comment --comment \"x y\""]],
  ["-m comment --comment abc", {}, ["-m comment --comment abc"]],
  ["-m comment --comment \"a\\\"b'c\"", {}, ["-m comment --comment \"a\\\"b\\'c\""]],
  ["-m comment --comment \"-foo\"", {}, ["-m comment --comment -foo"]],
  ["-m comment --comment \"\"", {}, ["-m comment --comment \"\""]],
];

/** [corpus rule, where, the oracle's `-m comment …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netfilter-tests-nft-save.save
  ["-p tcp -m tcp --dport 443 ! --tcp-flags SYN NONE -m comment --comment \"checks if SYN bit is set\"", {}, "-m comment --comment \"checks if SYN bit is set\""],
  // real/netfilter-tests-nft-save.save
  ["-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -m comment --comment \"same as iptables --syn\"", {}, "-m comment --comment \"same as iptables --syn\""],
  // real/netfilter-tests-wireless.save
  ["-i ppp0 -m comment --comment \"User: \"", {}, "-m comment --comment \"User: \""],
  // real/netnet-shorewall-2015-aug-with-cmdline.save
  ["-i vocb -o lup -p udp -m udp --dport 53 -m comment --comment DNS -j ACCEPT", { chain: "FORWARD" }, "-m comment --comment DNS"],
  // real/netnet-shorewall-akachan-2014.save
  ["-p tcp -m tcp --dport 22 -m comment --comment SSH", {}, "-m comment --comment SSH"],
  // real/netnet-shorewall-akachan-2014.save
  ["-p icmp -m icmp --icmp-type 8 -m comment --comment Ping", {}, "-m comment --comment Ping"],
  // real/netnet-web-sargon.save
  ["-p udp -m udp --dport 16962 -m comment --comment alfred", {}, "-m comment --comment alfred"],
  // real/netnet-web-sargon.save
  ["-p tcp -m tcp --dport 179 -m comment --comment bird", {}, "-m comment --comment bird"],
];

describe("comment save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
