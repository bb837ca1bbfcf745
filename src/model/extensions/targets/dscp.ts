/**
 * DSCP (extensions/libxt_DSCP.c; kernel net/netfilter/xt_DSCP.c, .table = "mangle").
 */
import type { TargetSpec } from "./types.js";
import { x6Uint } from "../../values/number.js";
import { parseUint } from "../../values/number.js";
import { given, hex, parsed } from "../save-text.js";
import { dscpClass } from "./values/tos-values.js";

export const dscpTarget: TargetSpec = {
  kind: "target",
  name: "DSCP",
  families: ["ipv4", "ipv6"],
  summary: "set the DiffServ code point of the packet",
  options: [
    // oracle: `--set-dscp 64` → DSCP: bad value for option "--set-dscp", or out of range (0-63).
    { name: "set-dscp", arg: "required", value: x6Uint("DSCP", "set-dscp", 0, 63), excludes: ["set-dscp-class"] },
    { name: "set-dscp-class", arg: "required", value: dscpClass, excludes: ["set-dscp"] },
  ],
  // oracle: `-j DSCP` → DSCP target: Parameter --set-dscp is required
  finalCheck: (ctx) => (ctx.options.size === 0 ? "DSCP target: Parameter --set-dscp is required" : undefined),
  // oracle: mangle INPUT → accepted; filter INPUT → rejected.
  tables: ["mangle"],
  // DSCP_save: `--set-dscp 0x%02x`, a class as its value. oracle: `--set-dscp 10` →
  // `0x0a`; `--set-dscp-class af41` → `--set-dscp 0x22`.
  save: (ctx) => {
    const option = given(ctx, "set-dscp", "set-dscp-class");
    if (option === undefined) return "";
    const text = option.values[0] ?? "";
    const value = option.name === "set-dscp" ? parseUint(text, 0, 63) : parsed<number>(dscpClass, text, ctx.family);
    return `--set-dscp ${hex(value ?? 0, 2)}`;
  },
};
