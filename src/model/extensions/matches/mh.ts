/** `-m mh` (libip6t_mh.c); type names are not checked here. */
import type { ExtensionSpec } from "../types.js";

export const mhMatch: ExtensionSpec = {
  kind: "match",
  name: "mh",
  families: ["ipv6"],
  summary: "match the IPv6 mobility header type",
  options: [{ name: "mh-type", arg: "required", invertible: true }],
  // ip6t_mh.c .proto = IPPROTO_MH
  requiresProtocol: ["mh", "ipv6-mh", "mobility-header"],
};
