/** `-m connlimit` revision 1 (libxt_connlimit.c, kernel xt_connlimit.c). */
import { parseIPv6 } from "../../values/address.js";
import { inetAton } from "../../values/address.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { given, has, valueOf, words } from "../save-text.js";
import { parseUint } from "../../values/number.js";
import type { SaveContext } from "../types.js";

/** The prefix length of a contiguous mask; the full length for any other address. */
function maskBits(bytes: readonly number[]): number {
  const bits = bytes.map((b) => b.toString(2).padStart(8, "0")).join("");
  return /^1*0*$/.test(bits) ? bits.indexOf("0") === -1 ? bits.length : bits.indexOf("0") : bits.length;
}

/**
 * XTTYPE_PLENMASK (xtopt_parse_plen): a prefix length 0..32|128 (xtables_strtoui base 0),
 * else any numeric address of the family taken as a mask (xtopt_parse_mask: getaddrinfo
 * AI_NUMERICHOST, so IPv4 "33" is 0.0.0.33). A mask that is not contiguous keeps the full
 * length (oracle, IPv4: 33, 128, 4294967295 and 255.0.255.0 load and save as 32,
 * 255.255.0.0 as 16, 255.255 (inet_aton: 255.0.0.255) as 32, 0x10 as 16, 010 as 8; 4294967296, abc and -1 fail; IPv6: 129 fails).
 */
const prefixMask: ValueCheck = (text, ctx) => {
  const max = ctx.family === "ipv4" ? 32 : 128;
  const bits = parseUint(text, 0, max);
  if (bits !== undefined) return ok(bits);
  const mask = ctx.family === "ipv4" ? inetAton(text) : parseIPv6(text);
  if (mask === undefined) {
    return bad(`connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-${max}).`);
  }
  return ok(maskBits(mask));
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
