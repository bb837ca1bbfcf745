/**
 * `-m policy` (libxt_policy.c, kernel xt_policy.c). The kernel also ties `--dir in` to
 * PREROUTING/INPUT/FORWARD and `--dir out` to FORWARD/OUTPUT/POSTROUTING; per-option hooks
 * are not modelled by ExtensionSpec.
 */
import { singleAddress } from "../../values/address.js";
import { exactChoice } from "../../values/keywords.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { protocolNumber } from "../../values/protocol.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { allOf, alsoRequires, type FinalCheck } from "./x6.js";
import { bang, canonicalHostMask, has, valueOf, words } from "./save-helpers.js";
import type { GivenOption, SaveContext } from "../types.js";
import { parseUint } from "../../values/number.js";

/** --proto: XTTYPE_PROTOCOL, then "protocol must be ah/esp/ipcomp" (50, 51, 108). */
const ipsecProto: ValueCheck = (text) => {
  const n = protocolNumber(text);
  if (n === undefined) return bad(`unknown protocol "${text}" specified`);
  return [50, 51, 108].includes(n) ? ok(n) : bad("policy match: protocol must be ah/esp/ipcomp");
};

const needsDir: FinalCheck = (ctx) =>
  ctx.options.has("dir") ? undefined : "policy match: neither --dir in nor --dir out specified";

/** print_entry's order within one policy element, and how each value is printed. */
const ELEMENT_FIELDS: ReadonlyArray<readonly [string, (text: string, ctx: SaveContext) => string]> = [
  ["reqid", (t) => `${parseUint(t, 0, 0xffffffff)}`],
  ["spi", (t) => `0x${parseUint(t, 0, 0xffffffff)!.toString(16)}`],
  ["proto", (t) => ({ 50: "esp", 51: "ah", 108: "ipcomp" })[protocolNumber(t) as 50 | 51 | 108]],
  ["mode", (t) => t],
  ["tunnel-dst", (t, ctx) => canonicalHostMask(t, ctx.family)],
  ["tunnel-src", (t, ctx) => canonicalHostMask(t, ctx.family)],
];

function saveElement(options: readonly GivenOption[], ctx: SaveContext): string {
  return words(
    ...ELEMENT_FIELDS.map(([name, format]) => {
      const o = [...options].reverse().find((x) => x.name === name);
      return o && `${bang(o)}--${name} ${format(o.values[0]!, ctx)}`;
    }),
  );
}

/**
 * policy4_save / policy6_save: --dir, --pol, --strict, then each element's options in a fixed
 * order (--spi in hex, --proto by name), elements separated by --next.
 */
function savePolicy(ctx: SaveContext): string {
  const elements: GivenOption[][] = [[]];
  for (const o of ctx.options) {
    if (o.name === "next") elements.push([]);
    else elements[elements.length - 1]!.push(o);
  }
  const body = valueOf(ctx, "pol") === "none" ? [] : elements.map((e) => saveElement(e, ctx));
  return words(
    `--dir ${valueOf(ctx, "dir")}`,
    `--pol ${valueOf(ctx, "pol") ?? "ipsec"}`,
    has(ctx, "strict") && "--strict",
    body.map((e) => e).join(" --next ").trim().replace(/ {2,}/g, " "),
  );
}

export const policyMatch: ExtensionSpec = {
  kind: "match",
  name: "policy",
  families: ["ipv4", "ipv6"],
  summary: "match the IPsec policy used for decapsulation or encapsulation",
  options: [
    { name: "dir", arg: "required", value: exactChoice(["in", "out"], (t) => `policy_match: invalid dir "${t}"`) },
    { name: "pol", arg: "required", value: exactChoice(["none", "ipsec"], (t) => `policy match: invalid policy "${t}"`) },
    { name: "strict", arg: "none" },
    { name: "reqid", arg: "required", invertible: true, multi: true, value: x6Uint("policy", "reqid", 0, UINT32_MAX) },
    { name: "spi", arg: "required", invertible: true, multi: true, value: x6Uint("policy", "spi", 0, UINT32_MAX) },
    { name: "tunnel-src", arg: "required", invertible: true, multi: true, value: singleAddress },
    { name: "tunnel-dst", arg: "required", invertible: true, multi: true, value: singleAddress },
    { name: "proto", arg: "required", invertible: true, multi: true, value: ipsecProto },
    {
      name: "mode",
      arg: "required",
      invertible: true,
      multi: true,
      value: exactChoice(["transport", "tunnel"], (t) => `policy match: invalid mode "${t}"`),
    },
    { name: "next", arg: "none", multi: true },
  ],
  finalCheck: allOf(needsDir, alsoRequires("policy", "next", "strict")),
  save: savePolicy,
};
