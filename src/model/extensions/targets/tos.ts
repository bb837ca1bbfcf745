/**
 * TOS (extensions/libxt_TOS.c revision 1, both families; kernel net/netfilter/xt_DSCP.c
 * tos_tg, .table = "mangle"). All four options exclude each other.
 */
import type { SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { parseUint, UINT8_MAX, x6Uint } from "../../values/number.js";
import { given, hex, parsed } from "../save-text.js";
import { tosMask, type TosMask } from "./values/tos-values.js";

const ACTIONS = ["set-tos", "and-tos", "or-tos", "xor-tos"];
const others = (name: string) => ACTIONS.filter((a) => a !== name);

/** tos_tg_parse: every action as the (value, mask) pair of `tos = (tos & ~mask) ^ value`. */
function tosPair(action: string, text: string, ctx: SaveContext): TosMask {
  if (action === "set-tos") return parsed<TosMask>(tosMask, text, ctx.family);
  const bits = parseUint(text, 0, UINT8_MAX) ?? 0;
  if (action === "and-tos") return { value: 0, mask: ~bits & UINT8_MAX };
  return action === "or-tos" ? { value: bits, mask: bits } : { value: bits, mask: 0 };
}

/**
 * tos_tg_save: `--set-tos 0xVV/0xMM` whatever the action. oracle: `--set-tos 0x10` →
 * `0x10/0xff`; `Minimize-Delay` → `0x10/0x3f`; `--and-tos 0x1` → `0x00/0xfe`; `--or-tos 0x1`
 * → `0x01/0x01`; `--xor-tos 0x1` → `0x01/0x00`.
 */
function saveTos(ctx: SaveContext): string {
  const action = given(ctx, ...ACTIONS);
  if (action === undefined) return "";
  const pair = tosPair(action.name, action.values[0] ?? "", ctx);
  return `--set-tos ${hex(pair.value, 2)}/${hex(pair.mask, 2)}`;
}

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
  save: saveTos,
};
