/**
 * NETMAP (libipt_NETMAP.c, libip6t_NETMAP.c; kernel net/netfilter/xt_NETMAP.c): a 1:1 map
 * of one network onto another. "to" is the option's real name, not an abbreviation.
 */
import type { TargetSpec } from "./types.js";
import { mandatory } from "./values/nat-check.js";
import { netmapTo } from "./values/netmap-to.js";
import { saveNetmapTo } from "./values/netmap-save.js";

export const netmapTarget: TargetSpec = {
  kind: "target",
  name: "NETMAP",
  families: ["ipv4", "ipv6"],
  summary: "map a whole network onto another, address by address",
  options: [{ name: "to", arg: "required", value: netmapTo }],
  // oracle: `-j NETMAP` → NETMAP: option "--to" must be specified
  finalCheck: mandatory("NETMAP", "to"),
  // oracle: -t nat PREROUTING, POSTROUTING, INPUT, OUTPUT → accepted (both families, no
  // hook limit); -t filter INPUT → rejected.
  tables: ["nat"],
  save: saveNetmapTo,
};
