/** `-m devgroup` (libxt_devgroup.c; values are numbers or names from /etc/iproute2/group, not checked). */
import type { ExtensionSpec } from "../types.js";
import { flagged, words } from "./save-helpers.js";
import { formatMarkMask, markMaskFor, type MarkMask } from "../../values/mark.js";

export const devgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "devgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the device group of the incoming or outgoing interface",
  options: [
    { name: "src-group", arg: "required", invertible: true },
    { name: "dst-group", arg: "required", invertible: true },
  ],
  // devgroup_save: `0xID` with `/0xMASK` unless the mask is full. Group names from
  // /etc/iproute2/group cannot be resolved here and are printed as given.
  save: (ctx) => {
    const group = (name: string) =>
      flagged(ctx, name, (o) => {
        const r = markMaskFor("devgroup", name)(o.values[0]!, { family: ctx.family });
        return r.ok ? formatMarkMask(r.value as MarkMask) : o.values[0]!;
      });
    return words(group("src-group"), group("dst-group"));
  },
};
