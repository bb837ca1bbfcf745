/** `-m hbh` (libip6t_hbh.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { decimal, flagged } from "./save-helpers.js";
import { words } from "../save-text.js";

export const hbhMatch: ExtensionSpec = {
  kind: "match",
  name: "hbh",
  families: ["ipv6"],
  summary: "match the IPv6 hop-by-hop options header",
  options: [
    { name: "hbh-len", arg: "required", invertible: true, value: x6Uint("hbh", "hbh-len", 0, UINT32_MAX) },
    { name: "hbh-opts", arg: "required" },
  ],
  // hbh_save: --hbh-len in decimal, --hbh-opts as TYPE[:LEN] numbers
  save: (ctx) =>
    words(
      flagged(ctx, "hbh-len", (o) => decimal(o.values[0]!)),
      flagged(ctx, "hbh-opts", (o) => o.values[0]!.split(",").map((i) => i.split(":").map((n) => decimal(n, 255)).join(":")).join(",")),
    ),
};
