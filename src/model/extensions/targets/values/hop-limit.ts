/**
 * TTL (libipt_TTL.c) and HL (libip6t_HL.c) share one shape: --X-set 0-255, --X-dec and
 * --X-inc 1-255 (XTTYPE_UINT8 with .min = 1), mutually exclusive, one required
 * ("TTL: You must specify an action"). Kernel xt_HL.c: .table = "mangle".
 */
import type { OptionSpec, SaveContext } from "../../types.js";
import { parseUint, x6Uint } from "../../../values/number.js";
import { given } from "../../save-text.js";

export function hopLimitOptions(ext: string, prefix: string): OptionSpec[] {
  const names = ["set", "dec", "inc"].map((op) => `${prefix}-${op}`);
  return names.map((name) => ({
    name,
    arg: "required" as const,
    value: x6Uint(ext, name, name.endsWith("-set") ? 0 : 1, 255),
    excludes: names.filter((n) => n !== name),
  }));
}

export function needsAction(ext: string) {
  return (ctx: { options: ReadonlyMap<string, unknown> }): string | undefined =>
    ctx.options.size === 0 ? `${ext}: You must specify an action` : undefined;
}

/**
 * TTL_save / HL_save: the one action, its value in decimal. oracle: `--ttl-dec 0x5` →
 * `--ttl-dec 5`; `--hl-set 5` → `--hl-set 5`.
 */
export function saveHopLimit(prefix: string) {
  return (ctx: SaveContext): string => {
    const action = given(ctx, ...["set", "dec", "inc"].map((op) => `${prefix}-${op}`));
    return action === undefined ? "" : `--${action.name} ${parseUint(action.values[0] ?? "", 0, 255)}`;
  };
}
