/**
 * NOTRACK: iptables 1.8.9 loads it as revision 2 of CT with the notrack flag
 * (extensions/libxt_CT.c, .real_name = "CT", no options) and saves it as `-j NOTRACK`.
 * oracle: `-j NOTRACK --notrack` → unknown option "--notrack".
 */
import type { TargetSpec } from "./types.js";

export const notrackTarget: TargetSpec = {
  kind: "target",
  name: "NOTRACK",
  families: ["ipv4", "ipv6"],
  summary: "do not track the packet's connection (same as CT --notrack)",
  options: [],
  // oracle: -t raw PREROUTING → accepted (both families); -t mangle PREROUTING → rejected.
  tables: ["raw"],
  // ct_save_v1 prints nothing for the XT_CT_NOTRACK_ALIAS flag NOTRACK sets (oracle:
  // `-j NOTRACK` → `-j NOTRACK`).
  save: () => "",
};
