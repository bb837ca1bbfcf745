/**
 * `-m iprange` revision 1 (libxt_iprange.c iprange_parse_range): `FROM[-TO]`, each end a
 * numeric address only (xtables_numeric_to_ipaddr: no names, no inet_aton forms).
 */
import { parseIPv6 } from "../../values/address.js";
import { parseUint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { bang, formatAddress } from "./save-helpers.js";
import { given, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/** __numeric_to_ipaddr without masks: 1-4 parts, each 0..255 base 0. */
function numericIPv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length > 4) return undefined;
  const bytes = parts.map((p) => parseUint(p, 0, 255));
  if (bytes.some((b) => b === undefined)) return undefined;
  return [...(bytes as number[]), 0, 0, 0].slice(0, 4);
}

function range(option: string): ValueCheck {
  return (text, ctx) => {
    const dash = text.indexOf("-");
    const ends = dash < 0 ? [text] : [text.slice(0, dash), text.slice(dash + 1)];
    const parsed: number[][] = [];
    for (const end of ends) {
      const bytes = ctx.family === "ipv4" ? numericIPv4(end) : parseIPv6(end);
      if (bytes === undefined) return bad(`iprange: Bad value for "--${option}" option: "${end}"`);
      parsed.push(bytes);
    }
    return ok({ from: parsed[0], to: parsed[1] ?? parsed[0] });
  };
}

/** iprange_mt_save: `[! ]--src-range FROM-TO` then the same for dst; always both ends. */
function saveIprange(ctx: SaveContext): string {
  const item = (name: string) => {
    const o = given(ctx, name);
    if (o === undefined) return "";
    const r = range(name)(o.values[0]!, { family: ctx.family });
    if (!r.ok) return "";
    const { from, to } = r.value as { from: number[]; to: number[] };
    return `${bang(o)}--${name} ${formatAddress(from, ctx.family)}-${formatAddress(to, ctx.family)}`;
  };
  return words(item("src-range"), item("dst-range"));
}

export const iprangeMatch: ExtensionSpec = {
  kind: "match",
  name: "iprange",
  families: ["ipv4", "ipv6"],
  summary: "match a source or destination address in an arbitrary range",
  options: [
    { name: "src-range", arg: "required", invertible: true, value: range("src-range") },
    { name: "dst-range", arg: "required", invertible: true, value: range("dst-range") },
  ],
  finalCheck: (ctx) =>
    ctx.options.has("src-range") || ctx.options.has("dst-range")
      ? undefined
      : "iprange match: You must specify `--src-range' or `--dst-range'",
  save: saveIprange,
};
