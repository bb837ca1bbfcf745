/** `-m cgroup` revision 2 (libxt_cgroup.c). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import type { ExtensionSpec, FinalCheckContext } from "../types.js";
import { saveString } from "../../../format/save-string.js";
import { decimal, flagged } from "./save-helpers.js";
import { words } from "../save-text.js";

/**
 * kernel cgroup_mt_check_v2: exactly one of --path and --cgroup ("no path or classid
 * specified", "path and classid specified"). That the path exists is the host's business.
 */
function pathOrClassid(ctx: FinalCheckContext): string | undefined {
  const path = ctx.options.has("path");
  const classid = ctx.options.has("cgroup");
  if (path === classid) {
    const what = path ? "--path and --cgroup cannot be combined" : "--path or --cgroup is required";
    return `${what} (the kernel rejects this rule when the ruleset is loaded)`;
  }
  return undefined;
}

export const cgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "cgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the cgroup (v2 path or v1 classid) of the local socket",
  options: [
    { name: "path", arg: "required", invertible: true },
    { name: "cgroup", arg: "required", invertible: true, value: x6Uint("cgroup", "cgroup", 0, UINT32_MAX) },
  ],
  finalCheck: pathOrClassid,
  // cgroup_save_v2: --path (xtables_save_string) then --cgroup in decimal
  save: (ctx) =>
    words(flagged(ctx, "path", (o) => saveString(o.values[0]!)), flagged(ctx, "cgroup", (o) => decimal(o.values[0]!))),
};
