/**
 * SNAT (extensions/libxt_NAT.c SNAT_opts; kernel net/netfilter/xt_nat.c).
 * iptables-save prints `--to-source ADDR[-ADDR][:PORT[-PORT]]` then --random,
 * --random-fully, --persistent. A "/base" port offset is parsed and accepted but SNAT
 * revision 1 has no field for it: it is saved as "/0" (oracle: `1.2.3.4:80-90/85` →
 * `1.2.3.4:80-90/0`), see values/nat-save.ts.
 */
import type { TargetSpec } from "./types.js";
import { firstOf, mandatory, portProtocolCheck } from "./values/nat-check.js";
import { natRange } from "./values/nat-range.js";
import { saveRangeOption } from "./values/nat-save.js";
import { saveFlags } from "./values/save-text.js";
import { words } from "../save-text.js";

export const snatTarget: TargetSpec = {
  kind: "target",
  name: "SNAT",
  families: ["ipv4", "ipv6"],
  summary: "rewrite the source address (and port) of new connections",
  options: [
    { name: "to-source", arg: "required", value: natRange },
    { name: "random", arg: "none" },
    { name: "random-fully", arg: "none" },
    { name: "persistent", arg: "none" },
  ],
  finalCheck: firstOf(portProtocolCheck("to-source", true), mandatory("SNAT", "to-source")),
  // oracle: -t nat -A POSTROUTING / INPUT -j SNAT --to-source 1.2.3.4 → accepted;
  // -A OUTPUT / PREROUTING → rejected (nft: RULE_APPEND failed (Invalid argument); legacy:
  // line N failed); -t mangle → rejected (xt_nat: .table = "nat").
  tables: ["nat"],
  hooks: ["POSTROUTING", "INPUT"],
  // oracle: `--random-fully --persistent --random` → `--random --random-fully --persistent`.
  save: (ctx) =>
    words(saveRangeOption(ctx, "to-source", "zero"), ...saveFlags(ctx, ["random", "random-fully", "persistent"])),
};
