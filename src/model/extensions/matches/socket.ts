/** `-m socket` revision 3 (libxt_socket.c). */
import type { ExtensionSpec } from "../types.js";
import { has, words } from "../save-text.js";

export const socketMatch: ExtensionSpec = {
  kind: "match",
  name: "socket",
  families: ["ipv4", "ipv6"],
  summary: "match packets that belong to a local socket",
  options: [
    { name: "transparent", arg: "none" },
    { name: "nowildcard", arg: "none" },
    { name: "restore-skmark", arg: "none" },
  ],
  // socket_mt_save_v3: the flags in this order
  save: (ctx) => words(...["transparent", "nowildcard", "restore-skmark"].map((f) => has(ctx, f) && `--${f}`)),
};
