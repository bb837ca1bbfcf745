/** `-m connlimit` revision 1 (libxt_connlimit.c, kernel xt_connlimit.c). */
import { parseMask } from "../../values/address.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { given, has, valueOf, words } from "./save-helpers.js";
import { parseUint } from "../../values/number.js";
import type { SaveContext } from "../types.js";

/** XTTYPE_PLENMASK: a prefix length up to the family's address size. */
const prefixMask: ValueCheck = (text, ctx) => {
  const r = parseMask(text, ctx.family);
  if (!r.ok || typeof r.value !== "number") {
    const max = ctx.family === "ipv4" ? 32 : 128;
    return bad(`connlimit: bad value for option "--connlimit-mask", or out of range (0-${max}).`);
  }
  return ok(r.value);
};

/**
 * connlimit_save4/6 (revision 1): the kernel keeps one "inverse" bit, so `! --connlimit-above`
 * comes back as --connlimit-upto and `! --connlimit-upto` as --connlimit-above; the mask
 * (default the whole address) and --connlimit-saddr/daddr (default saddr) are always printed.
 */
function saveConnlimit(ctx: SaveContext): string {
  const o = given(ctx, "connlimit-upto") ?? given(ctx, "connlimit-above")!;
  const above = (o.name === "connlimit-above") !== o.inverted;
  const count = parseUint(o.values[0]!, 0, 0xffffffff);
  const maskText = valueOf(ctx, "connlimit-mask");
  const mask = maskText === undefined ? (ctx.family === "ipv4" ? 32 : 128) : prefixMask(maskText, { family: ctx.family });
  const bits = typeof mask === "number" ? mask : mask.ok ? (mask.value as number) : 32;
  return words(
    `--connlimit-${above ? "above" : "upto"} ${count}`,
    `--connlimit-mask ${bits}`,
    has(ctx, "connlimit-daddr") ? "--connlimit-daddr" : "--connlimit-saddr",
  );
}

export const connlimitMatch: ExtensionSpec = {
  kind: "match",
  name: "connlimit",
  families: ["ipv4", "ipv6"],
  summary: "match on the number of connections per address group",
  options: [
    { name: "connlimit-upto", arg: "required", invertible: true, value: x6Uint("connlimit", "connlimit-upto", 0, UINT32_MAX), excludes: ["connlimit-above"] },
    { name: "connlimit-above", arg: "required", invertible: true, value: x6Uint("connlimit", "connlimit-above", 0, UINT32_MAX), excludes: ["connlimit-upto"] },
    { name: "connlimit-mask", arg: "required", value: prefixMask },
    { name: "connlimit-saddr", arg: "none", excludes: ["connlimit-daddr"] },
    { name: "connlimit-daddr", arg: "none", excludes: ["connlimit-saddr"] },
  ],
  finalCheck: (ctx) =>
    ctx.options.has("connlimit-upto") || ctx.options.has("connlimit-above")
      ? undefined
      : "You must specify \"--connlimit-above\" or \"--connlimit-upto\".",
  save: saveConnlimit,
};
