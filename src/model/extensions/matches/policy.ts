/**
 * `-m policy` (libxt_policy.c, kernel xt_policy.c). The kernel also ties `--dir in` to
 * PREROUTING/INPUT/FORWARD and `--dir out` to FORWARD/OUTPUT/POSTROUTING (policy_mt_check);
 * ExtensionSpec's optionHooks key on option names, not values: `hooksFor` says it instead.
 */
import { singleAddress } from "../../values/address.js";
import { exactChoice } from "../../values/keywords.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { protocolNumber } from "../../values/protocol.js";
import { bad, ok } from "../../values/result.js";
import type { ValueCheck } from "../types.js";
import { allOf, alsoRequires, type FinalCheck } from "./x6.js";
import { bang, canonicalHostMask } from "./save-helpers.js";
import { has, hex, valueOf, words } from "../save-text.js";
import type { ExtensionSpec, GivenOption, SaveContext } from "../types.js";
import { parseUint } from "../../values/number.js";

/** --proto: XTTYPE_PROTOCOL, then "protocol must be ah/esp/ipcomp" (50, 51, 108). */
const ipsecProto: ValueCheck = (text) => {
  const n = protocolNumber(text);
  if (n === undefined) return bad(`unknown protocol "${text}" specified`);
  return [50, 51, 108].includes(n) ? ok(n) : bad("policy match: protocol must be ah/esp/ipcomp");
};

const needsDir: FinalCheck = (ctx) =>
  ctx.options.has("dir") ? undefined : "policy match: neither --dir in nor --dir out specified";

const ELEMENT_OPTIONS = ["reqid", "spi", "tunnel-src", "tunnel-dst", "proto", "mode"];

/**
 * policy_check, the parts that look at one policy element: --pol none takes no --strict;
 * with --strict an element needs one of its options; --tunnel-src/--tunnel-dst need
 * `--mode tunnel` (the default mode is transport; oracle: no --mode, `--mode transport` and
 * `! --mode tunnel` all fail). FinalCheckContext keeps one entry per option name, so the
 * elements of a rule with --next cannot be told apart here: only a single element is checked.
 */
const elementCheck: FinalCheck = (ctx) => {
  const opt = (name: string) => ctx.options.get(name);
  if (opt("pol")?.values[0] === "none") return opt("strict") ? "policy match: policy none but --strict given" : undefined;
  if (opt("next")) return undefined;
  if (opt("strict") && !ELEMENT_OPTIONS.some((n) => opt(n))) {
    return "policy match: empty policy element 0. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.";
  }
  const mode = opt("mode");
  const tunnel = mode !== undefined && (mode.values[0] === "tunnel") !== mode.inverted;
  if ((opt("tunnel-src") || opt("tunnel-dst")) && !tunnel) return "policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode";
  return undefined;
};

/** print_entry's order within one policy element, and how each value is printed. */
const ELEMENT_FIELDS: ReadonlyArray<readonly [string, (text: string, ctx: SaveContext) => string]> = [
  ["reqid", (t) => `${parseUint(t, 0, 0xffffffff)}`],
  ["spi", (t) => hex(parseUint(t, 0, 0xffffffff)!)],
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

/**
 * kernel policy_mt_check: an input policy is refused in OUTPUT/POSTROUTING, an output
 * policy in PREROUTING/INPUT (oracle: INPUT `--dir out`, OUTPUT `--dir in` fail at load).
 */
const hooksOfDir: NonNullable<ExtensionSpec["hooksFor"]> = (options) => {
  const dir = options.get("dir")?.values[0];
  if (dir === "in") return ["PREROUTING", "INPUT", "FORWARD"];
  if (dir === "out") return ["FORWARD", "OUTPUT", "POSTROUTING"];
  return undefined;
};

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
  finalCheck: allOf(needsDir, elementCheck, alsoRequires("policy", "next", "strict")),
  hooksFor: hooksOfDir,
  save: savePolicy,
};
