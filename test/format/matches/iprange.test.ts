/**
 * `-m iprange` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m iprange --dst-range 192.168.188.0-192.168.188.255", {}, ["-m iprange --dst-range 192.168.188.0-192.168.188.255"]],
  ["-m iprange ! --src-range 10.0.0.1 --dst-range 1.2.3.4-1.2.3.5", {}, ["-m iprange ! --src-range 10.0.0.1-10.0.0.1 --dst-range 1.2.3.4-1.2.3.5"]],
  ["-m iprange --src-range 2001:db8::1-2001:db8::ff", { family: "ipv6" }, ["-m iprange --src-range 2001:db8::1-2001:db8::ff"]],
  ["-m iprange --src-range 10.1", {}, ["-m iprange --src-range 10.1.0.0-10.1.0.0"]],
];

/** [corpus rule, where, the oracle's `-m iprange …` segment for it] */
const CORPUS: ReadonlyArray<readonly [string, Where, string]> = [
  // real/krisek-m-captive-portal.save
  ["-m iprange --dst-range 192.168.188.0-192.168.188.255", { table: "mangle", chain: "PREROUTING" }, "-m iprange --dst-range 192.168.188.0-192.168.188.255"],
  // real/netnet-docker-topos4.1.save
  ["-s 10.0.0.1/32 -i br-b74b417b331f ! -o br-b74b417b331f -m iprange ! --dst-range 10.0.0.0-10.255.255.255 -j ACCEPT", { chain: "FORWARD" }, "-m iprange ! --dst-range 10.0.0.0-10.255.255.255"],
  // real/netnet-docker-topos4.1.save
  ["-d 10.0.0.1/32 ! -i br-b74b417b331f -o br-b74b417b331f -m iprange ! --src-range 10.0.0.0-10.255.255.255 -j ACCEPT", { chain: "FORWARD" }, "-m iprange ! --src-range 10.0.0.0-10.255.255.255"],
  // real/netnet-home-user.save
  ["-m iprange --src-range 192.168.10.1-192.168.10.191", { table: "raw", chain: "PREROUTING" }, "-m iprange --src-range 192.168.10.1-192.168.10.191"],
  // real/netnet-home-user.save
  ["-m iprange --src-range 192.168.11.1-192.168.11.191", { table: "raw", chain: "PREROUTING" }, "-m iprange --src-range 192.168.11.1-192.168.11.191"],
  // real/netnet-home-user.save
  ["-m iprange --src-range 192.168.12.1-192.168.12.191", { table: "raw", chain: "PREROUTING" }, "-m iprange --src-range 192.168.12.1-192.168.12.191"],
  // real/netnet-home-user.save
  ["-m iprange --src-range 192.168.13.1-192.168.13.191", { table: "raw", chain: "PREROUTING" }, "-m iprange --src-range 192.168.13.1-192.168.13.191"],
  // real/netnet-home-user.save
  ["-m iprange --src-range 192.168.14.1-192.168.14.191", { table: "raw", chain: "PREROUTING" }, "-m iprange --src-range 192.168.14.1-192.168.14.191"],
];

describe("iprange save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
  it.each(CORPUS)("corpus: %s", (rule, where, want) => {
    expect(savedExtensions(rule, where)).toContain(want);
  });
});
