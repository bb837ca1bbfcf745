/**
 * MASQUERADE (extensions/libxt_NAT.c MASQUERADE_opts; kernel
 * net/netfilter/xt_MASQUERADE.c). Docker writes `-j MASQUERADE` and
 * `MASQUERADE --random-fully`. A "/base" offset in --to-ports is accepted and dropped.
 */
import type { TargetSpec } from "./types.js";
import { portProtocolCheck } from "./values/nat-check.js";
import { natPorts } from "./values/nat-range.js";

export const masqueradeTarget: TargetSpec = {
  kind: "target",
  name: "MASQUERADE",
  families: ["ipv4", "ipv6"],
  summary: "source-NAT to the outgoing interface's address",
  options: [
    { name: "to-ports", arg: "required", value: natPorts },
    { name: "random", arg: "none" },
    { name: "random-fully", arg: "none" },
  ],
  // oracle: `-j MASQUERADE --to-ports 1000` without -p → Need TCP, UDP, SCTP or DCCP …
  finalCheck: portProtocolCheck("to-ports", false),
  // oracle: -t nat -A POSTROUTING → accepted; PREROUTING, INPUT, OUTPUT → rejected
  // (nft: RULE_APPEND failed (Invalid argument); legacy: line N failed).
  tables: ["nat"],
  hooks: ["POSTROUTING"],
};
