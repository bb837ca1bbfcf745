/**
 * `-m recent` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m recent --set --name ratessh --rsource", {}, ["-m recent --set --name ratessh --mask 255.255.255.255 --rsource"]],
  ["-m recent --update --seconds 60 --hitcount 41", {}, ["-m recent --update --seconds 60 --hitcount 41 --name DEFAULT --mask 255.255.255.255 --rsource"]],
  ["-m recent ! --rcheck --seconds 60 --reap --rttl --name x --mask 255.255.0.0 --rdest", {}, ["-m recent ! --rcheck --seconds 60 --reap --rttl --name x --mask 255.255.0.0 --rdest"]],
  ["-m recent --remove --mask 1.2.3.4", {}, ["-m recent --remove --name DEFAULT --mask 1.2.3.4 --rsource"]],
  ["-m recent --set", { family: "ipv6" }, ["-m recent --set --name DEFAULT --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource"]],
  ["-m recent --set --mask ffff::", { family: "ipv6" }, ["-m recent --set --name DEFAULT --mask ffff:: --rsource"]],
  ["-m recent --rcheck --hitcount 0 --seconds 0x10", {}, ["-m recent --rcheck --seconds 16 --name DEFAULT --mask 255.255.255.255 --rsource"]],
];

/** [corpus rule, where, the oracle's `-m recent …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/netnet-home-user.save
  ["-m recent --set --name forward-protect --rsource", {}, "-m recent --set --name forward-protect --mask 255.255.255.255 --rsource"],
  // real/netnet-home-user.save
  ["-m recent --rcheck --seconds 770 --hitcount 42 --name forward-protect --rsource", {}, "-m recent --rcheck --seconds 770 --hitcount 42 --name forward-protect --mask 255.255.255.255 --rsource"],
  // real/netnet-home-user.save
  ["-m recent --rcheck --seconds 17123 --hitcount 348 --name forward-protect --rsource", {}, "-m recent --rcheck --seconds 17123 --hitcount 348 --name forward-protect --mask 255.255.255.255 --rsource"],
  // real/netnet-home-user.save
  ["-m connlimit --connlimit-above 6298 --connlimit-mask 32 --connlimit-saddr -m recent --set --name limited --rsource", {}, "-m recent --set --name limited --mask 255.255.255.255 --rsource"],
  // real/netnet-home-user.save
  ["-m recent --remove --name limited --rsource", {}, "-m recent --remove --name limited --mask 255.255.255.255 --rsource"],
  // real/netnet-home-user.save
  ["-i eth0.22 -m recent --rcheck --name limited --rsource -m hashlimit --hashlimit-above 10/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name limited_packets -j DROP", { table: "raw", chain: "PREROUTING" }, "-m recent --rcheck --name limited --mask 255.255.255.255 --rsource"],
  // real/netnet-medium-company-mainfw.save
  ["-p tcp -m recent --set --name TCP-PORTSCAN --mask 255.255.255.255 --rsource -j LOG --log-prefix \"[portscan] \"", {}, "-m recent --set --name TCP-PORTSCAN --mask 255.255.255.255 --rsource"],
  // real/netnet-medium-company-mainfw.save
  ["-p udp -m recent --set --name UDP-PORTSCAN --mask 255.255.255.255 --rsource -j LOG --log-prefix \"[portscan] \"", {}, "-m recent --set --name UDP-PORTSCAN --mask 255.255.255.255 --rsource"],
];

describe("recent save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
