/** `-m devgroup` (libxt_devgroup.c; values are numbers or names from /etc/iproute2/group, not checked). */
import type { ExtensionSpec } from "../types.js";

export const devgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "devgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the device group of the incoming or outgoing interface",
  options: [
    { name: "src-group", arg: "required", invertible: true },
    { name: "dst-group", arg: "required", invertible: true },
  ],
};
