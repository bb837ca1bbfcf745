/** `-m dst` (libip6t_dst.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";

export const dstMatch: ExtensionSpec = {
  kind: "match",
  name: "dst",
  families: ["ipv6"],
  summary: "match the IPv6 destination options header",
  options: [
    { name: "dst-len", arg: "required", invertible: true, value: x6Uint("dst", "dst-len", 0, UINT32_MAX) },
    { name: "dst-opts", arg: "required" },
  ],
};
