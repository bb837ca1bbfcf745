/**
 * TPROXY save (libxt_TPROXY.c tproxy_tg_save4/6, revision 1: --on-port, --on-ip, --tproxy-mark
 * always, with the any address and 0x0/0x0 as defaults).
 * Every expectation is copied from `oracle canon` (iptables 1.8.9, nft backend).
 */
import { describe, expect, it } from "vitest";
import { savedTarget, type TargetCase } from "./target-case.js";

describe("TPROXY save", () => {
  const probes: TargetCase[] = [
    { rule: "-p tcp -j TPROXY --on-port 1234 --tproxy-mark 0x1/0x1", expected: "-j TPROXY --on-port 1234 --on-ip 0.0.0.0 --tproxy-mark 0x1/0x1", table: "mangle", chain: "PREROUTING" },
    { rule: "-p udp -j TPROXY --on-port http", expected: "-j TPROXY --on-port 80 --on-ip 0.0.0.0 --tproxy-mark 0x0/0x0", table: "mangle", chain: "PREROUTING" },
    { rule: "-p tcp -j TPROXY --on-port 16 --on-ip 10.1.2.3 --tproxy-mark 5", expected: "-j TPROXY --on-port 16 --on-ip 10.1.2.3 --tproxy-mark 0x5/0xffffffff", table: "mangle", chain: "PREROUTING" },
    { rule: "-p tcp -j TPROXY --on-port 65537", expected: "-j TPROXY --on-port 1 --on-ip 0.0.0.0 --tproxy-mark 0x0/0x0", table: "mangle", chain: "PREROUTING" },
    { rule: "-p tcp -j TPROXY --on-port 010", expected: "-j TPROXY --on-port 10 --on-ip 0.0.0.0 --tproxy-mark 0x0/0x0", table: "mangle", chain: "PREROUTING" },
    { rule: "-p udp -j TPROXY --on-port 1 --on-ip 1.2", expected: "-j TPROXY --on-port 1 --on-ip 1.0.0.2 --tproxy-mark 0x0/0x0", table: "mangle", chain: "PREROUTING" },
    { rule: "-p tcp -j TPROXY --on-port 1234 --on-ip ::1 --tproxy-mark 0x1/0x1", expected: "-j TPROXY --on-port 1234 --on-ip ::1 --tproxy-mark 0x1/0x1", table: "mangle", chain: "PREROUTING", family: "ipv6" },
    { rule: "-p udp -j TPROXY --on-port 53", expected: "-j TPROXY --on-port 53 --on-ip :: --tproxy-mark 0x0/0x0", table: "mangle", chain: "PREROUTING", family: "ipv6" },
  ];
  it.each(probes)("$rule", (c) => expect(savedTarget(c)).toBe(c.expected));
});
