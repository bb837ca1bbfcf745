/** `-m dst` (libip6t_dst.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { decimal, flagged } from "./save-helpers.js";
import { words } from "../save-text.js";

export const dstMatch: ExtensionSpec = {
  kind: "match",
  name: "dst",
  families: ["ipv6"],
  summary: "match the IPv6 destination options header",
  options: [
    { name: "dst-len", arg: "required", invertible: true, value: x6Uint("dst", "dst-len", 0, UINT32_MAX) },
    { name: "dst-opts", arg: "required" },
  ],
  // dst_save: --dst-len in decimal, --dst-opts as TYPE[:LEN] numbers
  save: (ctx) =>
    words(
      flagged(ctx, "dst-len", (o) => decimal(o.values[0]!)),
      flagged(ctx, "dst-opts", (o) => o.values[0]!.split(",").map((i) => i.split(":").map((n) => decimal(n, 255)).join(":")).join(",")),
    ),
};
