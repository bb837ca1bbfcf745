/** `-m cgroup` revision 2 (libxt_cgroup.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { saveString } from "../../../format/save-string.js";
import { decimal, flagged, words } from "./save-helpers.js";

export const cgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "cgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the cgroup (v2 path or v1 classid) of the local socket",
  options: [
    { name: "path", arg: "required", invertible: true },
    { name: "cgroup", arg: "required", invertible: true, value: x6Uint("cgroup", "cgroup", 0, UINT32_MAX) },
  ],
  // cgroup_save_v2: --path (xtables_save_string) then --cgroup in decimal
  save: (ctx) =>
    words(flagged(ctx, "path", (o) => saveString(o.values[0]!)), flagged(ctx, "cgroup", (o) => decimal(o.values[0]!))),
};
