/**
 * REDIRECT (extensions/libxt_NAT.c REDIRECT_opts; kernel net/netfilter/xt_REDIRECT.c).
 * Canonical: `--to-ports 80-80` is saved as `--to-ports 80`.
 */
import type { TargetSpec } from "./types.js";
import { firstOf, noShiftedPorts, portProtocolCheck } from "./values/nat-check.js";
import { natPorts } from "./values/nat-range.js";
import { savePortsOption } from "./values/nat-save.js";
import { saveFlags } from "./values/save-text.js";
import { words } from "../save-text.js";

export const redirectTarget: TargetSpec = {
  kind: "target",
  name: "REDIRECT",
  families: ["ipv4", "ipv6"],
  summary: "redirect to a local port (DNAT to the incoming interface's address)",
  options: [
    { name: "to-ports", arg: "required", value: natPorts },
    { name: "random", arg: "none" },
  ],
  // oracle: `--to-ports 8080-8090/8085` → Shifted portmap ranges not supported with this kernel
  // (both families); the parse-time protocol check runs first in iptables.
  finalCheck: firstOf(portProtocolCheck("to-ports", false), noShiftedPorts("to-ports", false)),
  // oracle: -t nat PREROUTING / OUTPUT → accepted; INPUT, POSTROUTING → rejected.
  tables: ["nat"],
  hooks: ["PREROUTING", "OUTPUT"],
  // REDIRECT_save: --to-ports (a shifted map never loads), then --random.
  save: (ctx) => words(savePortsOption(ctx, "to-ports", "kept"), ...saveFlags(ctx, ["random"])),
};
