/** `-m cgroup` revision 2 (libxt_cgroup.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";

export const cgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "cgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the cgroup (v2 path or v1 classid) of the local socket",
  options: [
    { name: "path", arg: "required", invertible: true },
    { name: "cgroup", arg: "required", invertible: true, value: x6Uint("cgroup", "cgroup", 0, UINT32_MAX) },
  ],
};
