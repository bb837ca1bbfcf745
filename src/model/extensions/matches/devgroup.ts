/** `-m devgroup` (libxt_devgroup.c, kernel xt_devgroup.c). */
import type { ExtensionSpec, FinalCheckContext } from "../types.js";
import { flagged } from "./save-helpers.js";
import { words } from "../save-text.js";
import { UINT32_MAX } from "../../values/number.js";
import { formatMarkMask, markMaskOrName, type MarkMask } from "../../values/mark.js";

/**
 * Group names come from the host's /etc/iproute2/group; the file iproute2 ships names only
 * group 0 "default" (oracle: `--src-group default` loads, `foo` and `DEFAULT` fail with
 * "could not map name"). A host with more names in that file accepts them too.
 */
const IPROUTE2_GROUPS: Readonly<Record<string, number>> = { default: 0 };

const group = (option: string) => markMaskOrName("devgroup", option, IPROUTE2_GROUPS);

/** devgroup_check: "You must specify either '--src-group' or '--dst-group'". */
function needsGroup(ctx: FinalCheckContext): string | undefined {
  return ctx.options.has("src-group") || ctx.options.has("dst-group")
    ? undefined
    : "devgroup match: You must specify either '--src-group' or '--dst-group'";
}

/**
 * print_devgroup (devgroup_save, not numeric): `0xID/0xMASK` when masked, else the group's
 * name when the host's file has one (oracle: `0` and `! 0x0/0xffffffff` save as `default`),
 * else `0xID`.
 */
function formatGroup(g: MarkMask): string {
  const name = g.mask === UINT32_MAX ? Object.keys(IPROUTE2_GROUPS).find((n) => IPROUTE2_GROUPS[n] === g.value) : undefined;
  return name ?? formatMarkMask(g);
}

export const devgroupMatch: ExtensionSpec = {
  kind: "match",
  name: "devgroup",
  families: ["ipv4", "ipv6"],
  summary: "match the device group of the incoming or outgoing interface",
  options: [
    { name: "src-group", arg: "required", invertible: true, value: group("src-group") },
    { name: "dst-group", arg: "required", invertible: true, value: group("dst-group") },
  ],
  finalCheck: needsGroup,
  // kernel devgroup_mt_checkentry: the source group needs an input device (PREROUTING,
  // INPUT, FORWARD), the destination group an output device (FORWARD, OUTPUT, POSTROUTING).
  optionHooks: {
    "src-group": ["PREROUTING", "INPUT", "FORWARD"],
    "dst-group": ["FORWARD", "OUTPUT", "POSTROUTING"],
  },
  save: (ctx) => {
    const saved = (name: string) =>
      flagged(ctx, name, (o) => {
        const r = group(name)(o.values[0]!, { family: ctx.family });
        return r.ok ? formatGroup(r.value as MarkMask) : o.values[0]!;
      });
    return words(saved("src-group"), saved("dst-group"));
  },
};
