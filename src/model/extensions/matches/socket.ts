/** `-m socket` revision 3 (libxt_socket.c). */
import type { ExtensionSpec } from "../types.js";

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
};
