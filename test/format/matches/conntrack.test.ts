/**
 * `-m conntrack` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m conntrack --ctstate DNAT,SNAT,ESTABLISHED,NEW,INVALID,RELATED,UNTRACKED", {}, ["-m conntrack --ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT"]],
  ["-m conntrack ! --ctstate NEW --ctproto tcp --ctorigsrc 10.1.2.3/8 --ctorigdst 1.2.3.4 ! --ctreplsrc 1.2.3.4/255.0.255.0 --ctrepldst 1.2.3.4/32 --ctstatus ASSURED,EXPECTED --ctexpire 10:20 --ctorigsrcport 10 --ctorigdstport 20:30 --ctreplsrcport 40 ! --ctrepldstport 50 --ctdir REPLY", {}, ["-m conntrack ! --ctstate NEW --ctproto 6 --ctorigsrc 10.1.2.3/8 --ctorigdst 1.2.3.4 ! --ctreplsrc 1.2.3.4 --ctrepldst 1.2.3.4 --ctorigsrcport 10 --ctorigdstport 20:30 --ctreplsrcport 40 ! --ctrepldstport 50 --ctstatus EXPECTED,ASSURED --ctexpire 10:20 --ctdir REPLY"]],
  ["-m conntrack --ctdir original --ctexpire 5 --ctproto 6", {}, ["-m conntrack --ctproto 6 --ctexpire 5 --ctdir ORIGINAL"]],
  ["-m conntrack --ctstatus NONE ! --ctproto udp", {}, ["-m conntrack ! --ctproto 17 --ctstatus NONE"]],
  ["-m conntrack ! --ctexpire 5:5", {}, ["-m conntrack ! --ctexpire 5"]],
  ["-m conntrack --ctstate n,es", {}, ["-m conntrack --ctstate NEW,ESTABLISHED"]],
  ["-m conntrack --ctorigsrc 2001:db8::1/64 --ctrepldst ::ffff:1.2.3.4", { family: "ipv6" }, ["-m conntrack --ctorigsrc 2001:db8::1/64 --ctrepldst ::ffff:1.2.3.4"]],
  ["-m conntrack --ctorigsrc 2001:0:0:1::1", { family: "ipv6" }, ["-m conntrack --ctorigsrc 2001:0:0:1::1"]],
];

/** [corpus rule, where, the oracle's `-m conntrack …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/algo-fork-wireguard-ipsec-server.save
  ["-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", {}, "-m conntrack --ctstate RELATED,ESTABLISHED"],
  // real/algo-fork-wireguard-ipsec-server.save
  ["-p tcp -m tcp --dport 9022 -m conntrack --ctstate NEW -j ACCEPT", {}, "-m conntrack --ctstate NEW"],
  // real/isem-rlworkman-gateway.save
  ["-o ppp0 -m conntrack --ctstate INVALID -j DROP", { chain: "OUTPUT" }, "-m conntrack --ctstate INVALID"],
  // real/netnet-home-user.save
  ["-m conntrack --ctstate ESTABLISHED -j ACCEPT", {}, "-m conntrack --ctstate ESTABLISHED"],
  // real/netnet-home-user.save
  ["-m conntrack --ctstate NEW,RELATED --ctproto 6", {}, "-m conntrack --ctstate NEW,RELATED --ctproto 6"],
  // real/netnet-home-user.save
  ["-i eth0.10 -m conntrack --ctstate NEW --ctproto 17 --ctorigsrcport 68 --ctorigdstport 67 -j ACCEPT", {}, "-m conntrack --ctstate NEW --ctproto 17 --ctorigsrcport 68 --ctorigdstport 67"],
  // real/netnet-home-user.save
  ["-i eth0.10 -m conntrack --ctstate NEW --ctproto 6 --ctorigdstport 53 -j ACCEPT", {}, "-m conntrack --ctstate NEW --ctproto 6 --ctorigdstport 53"],
  // real/netnet-home-user.save
  ["-i eth0.10 -m conntrack --ctstate NEW --ctproto 17 --ctorigdstport 53 -j ACCEPT", {}, "-m conntrack --ctstate NEW --ctproto 17 --ctorigdstport 53"],
];

describe("conntrack save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
