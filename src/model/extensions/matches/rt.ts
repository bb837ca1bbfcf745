/** `-m rt` (libip6t_rt.c): the IPv6 routing header. */
import { parseUint, UINT32_MAX, x6Uint, x6UintRange } from "../../values/number.js";
import { parseIPv6 } from "../../values/address.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, FinalCheckContext, ValueCheck } from "../types.js";
import { formatIPv6 } from "../../../format/address.js";
import { bang, range } from "./save-helpers.js";
import { given, has, parsed, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/** --rt-0-addrs: up to 16 numeric IPv6 addresses (IP6T_RT_HOPS). */
const addressList: ValueCheck = (text) => {
  const items = text.split(",");
  if (items.length > 16) return bad("too many addresses specified");
  for (const item of items) {
    if (parseIPv6(item) === undefined) return bad(`bad address: ${item}`);
  }
  return ok(items);
};

/**
 * rt_save: --rt-type, --rt-segsleft (unless the full 0:4294967295), --rt-len, --rt-0-res,
 * --rt-0-addrs (numeric, comma-separated), --rt-0-not-strict.
 */
function saveRt(ctx: SaveContext): string {
  const single = (name: string) => {
    const o = given(ctx, name);
    return o && `${bang(o)}--${name} ${parsed<number>(x6Uint("rt", name, 0, UINT32_MAX), o.values[0]!, ctx.family)}`;
  };
  const segs = given(ctx, "rt-segsleft");
  const seg = segs && parsed<{ from: bigint; to: bigint }>(x6UintRange("rt", "rt-segsleft", UINT32_MAX), segs.values[0]!, ctx.family);
  const addrs = given(ctx, "rt-0-addrs");
  return words(
    single("rt-type"),
    seg && !(seg.from === 0n && seg.to === BigInt(UINT32_MAX)) && `${bang(segs)}--rt-segsleft ${range(seg.from, seg.to)}`,
    single("rt-len"),
    has(ctx, "rt-0-res") && "--rt-0-res",
    addrs && `--rt-0-addrs ${addrs.values[0]!.split(",").map((a) => formatIPv6(parseIPv6(a)!)).join(",")}`,
    has(ctx, "rt-0-not-strict") && "--rt-0-not-strict",
  );
}

/** Whether option `first` was given before option `then` (the Map keeps the order given). */
function givenBefore(ctx: FinalCheckContext, first: string, then: string): boolean {
  const names = [...ctx.options.keys()];
  return names.includes(first) && names.indexOf(first) < names.indexOf(then);
}

/**
 * rt_parse checks as each option is read, so order matters: --rt-0-res and --rt-0-addrs
 * need a non-inverted `--rt-type 0` before them, --rt-0-not-strict needs --rt-0-addrs
 * before it (oracle: `--rt-0-addrs ::1 --rt-type 0` fails, `--rt-type 0x0 --rt-0-addrs ::1`
 * loads).
 */
function typeZeroFirst(ctx: FinalCheckContext): string | undefined {
  const type = ctx.options.get("rt-type");
  const zero = type !== undefined && !type.inverted && parseUint(type.values[0]!, 0, UINT32_MAX) === 0;
  for (const name of ["rt-0-res", "rt-0-addrs"]) {
    if (ctx.options.has(name) && !(zero && givenBefore(ctx, "rt-type", name))) return `\`--rt-type 0' required before \`--${name}'`;
  }
  if (ctx.options.has("rt-0-not-strict") && !givenBefore(ctx, "rt-0-addrs", "rt-0-not-strict")) {
    return "`--rt-0-addr ...' required before `--rt-0-not-strict'";
  }
  return undefined;
}

export const rtMatch: ExtensionSpec = {
  kind: "match",
  name: "rt",
  families: ["ipv6"],
  summary: "match the IPv6 routing header (type, segments left, length, addresses)",
  options: [
    { name: "rt-type", arg: "required", invertible: true, value: x6Uint("rt", "rt-type", 0, UINT32_MAX) },
    { name: "rt-segsleft", arg: "required", invertible: true, value: x6UintRange("rt", "rt-segsleft", UINT32_MAX) },
    { name: "rt-len", arg: "required", invertible: true, value: x6Uint("rt", "rt-len", 0, UINT32_MAX) },
    { name: "rt-0-res", arg: "none" },
    { name: "rt-0-addrs", arg: "required", value: addressList },
    { name: "rt-0-not-strict", arg: "none" },
  ],
  finalCheck: typeZeroFirst,
  save: saveRt,
};
