/** `-m quota` (libxt_quota.c, XTTYPE_UINT64). */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { decimal, flagged } from "./save-helpers.js";

export const quotaMatch: ExtensionSpec = {
  kind: "match",
  name: "quota",
  families: ["ipv4", "ipv6"],
  summary: "match until a byte quota is used up",
  options: [{ name: "quota", arg: "required", invertible: true, value: x6Uint("quota", "quota", 0, 0xffffffffffffffffn) }],
  finalCheck: mandatory("quota", "quota"),
  // quota_save: the quota in decimal
  save: (ctx) => flagged(ctx, "quota", (o) => decimal(o.values[0]!, 0xffffffffffffffffn)),
};
