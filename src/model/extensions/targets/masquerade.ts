/**
 * MASQUERADE (extensions/libxt_NAT.c MASQUERADE_opts; kernel
 * net/netfilter/xt_MASQUERADE.c). Docker writes `-j MASQUERADE` and
 * `MASQUERADE --random-fully`. A "/base" offset in --to-ports is accepted and saved as
 * "/0" (oracle: `--to-ports 80-90/85` → `80-90/0`, see values/nat-save.ts).
 */
import type { TargetSpec } from "./types.js";
import { portProtocolCheck } from "./values/nat-check.js";
import { natPorts } from "./values/nat-range.js";
import { savePortsOption } from "./values/nat-save.js";
import { saveFlags } from "./values/save-text.js";
import { words } from "../save-text.js";

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
  // MASQUERADE_save: --to-ports, --random, --random-fully, whatever the order given.
  // oracle: `--random-fully --random` → `--random --random-fully`; `--to-ports http` → 80.
  save: (ctx) => words(savePortsOption(ctx, "to-ports", "zero"), ...saveFlags(ctx, ["random", "random-fully"])),
};
