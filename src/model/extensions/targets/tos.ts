/**
 * TOS (extensions/libxt_TOS.c revision 1, both families; kernel net/netfilter/xt_DSCP.c
 * tos_tg, .table = "mangle"). All four options exclude each other.
 */
import type { TargetSpec } from "./types.js";
import { UINT8_MAX, x6Uint } from "../../values/number.js";
import { tosMask } from "./values/tos-values.js";

const ACTIONS = ["set-tos", "and-tos", "or-tos", "xor-tos"];
const others = (name: string) => ACTIONS.filter((a) => a !== name);

export const tosTarget: TargetSpec = {
  kind: "target",
  name: "TOS",
  families: ["ipv4", "ipv6"],
  summary: "set or change the IPv4 TOS / IPv6 traffic class field",
  options: [
    { name: "set-tos", arg: "required", value: tosMask, excludes: others("set-tos") },
    { name: "and-tos", arg: "required", value: x6Uint("TOS", "and-tos", 0, UINT8_MAX), excludes: others("and-tos") },
    { name: "or-tos", arg: "required", value: x6Uint("TOS", "or-tos", 0, UINT8_MAX), excludes: others("or-tos") },
    { name: "xor-tos", arg: "required", value: x6Uint("TOS", "xor-tos", 0, UINT8_MAX), excludes: others("xor-tos") },
  ],
  // oracle: `-j TOS` → TOS: An action is required
  finalCheck: (ctx) => (ctx.options.size === 0 ? "TOS: An action is required" : undefined),
  // oracle: mangle INPUT → accepted (also IPv6); filter INPUT → rejected.
  tables: ["mangle"],
};
