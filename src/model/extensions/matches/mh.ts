/** `-m mh` (libip6t_mh.c, kernel ip6t_mh.c). */
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { flagged, range } from "./save-helpers.js";
import { parseUint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";

/** mh_names (libip6t_mh.c), in its order: the order decides which prefix wins. */
const MH_NAMES: ReadonlyArray<readonly [string, number]> = [
  ["binding-refresh-request", 0], ["brr", 0], ["home-test-init", 1], ["hoti", 1],
  ["careof-test-init", 2], ["coti", 2], ["home-test", 3], ["hot", 3], ["careof-test", 4], ["cot", 4],
  ["binding-update", 5], ["bu", 5], ["binding-acknowledgement", 6], ["ba", 6], ["binding-error", 7], ["be", 7],
];

/**
 * name_to_type: the first name the word is a case-insensitive prefix of, unless a later one
 * equals it; else a number 0..255 (xtables_strtoui base 0). oracle: `bind` (0), `HOT` (3),
 * `0x5` load; `foo`, `256` fail with "Invalid MH type".
 */
function mhTypeNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  let match: readonly [string, number] | undefined;
  for (const entry of MH_NAMES) {
    if (entry[0].startsWith(w) && (match === undefined || entry[0].length === w.length)) match = entry;
  }
  return match?.[1] ?? parseUint(word, 0, 255);
}

/** parse_mh_types: TYPE or [TYPE]:[TYPE] (split at the first ':'), min not above max. */
function mhRange(text: string): { from: number; to: number } | string {
  const colon = text.indexOf(":");
  const lo = colon === -1 ? text : text.slice(0, colon);
  const hi = colon === -1 ? text : text.slice(colon + 1);
  const from = colon !== -1 && lo === "" ? 0 : mhTypeNumber(lo);
  if (from === undefined) return `Invalid MH type \`${lo}'`;
  const to = colon !== -1 && hi === "" ? 255 : mhTypeNumber(hi);
  if (to === undefined) return `Invalid MH type \`${hi}'`;
  return from > to ? "Invalid MH type range (min > max)" : { from, to };
}

const mhTypes: ValueCheck = (text) => {
  const r = mhRange(text);
  return typeof r === "string" ? bad(r) : ok(r);
};

export const mhMatch: ExtensionSpec = {
  kind: "match",
  name: "mh",
  families: ["ipv6"],
  summary: "match the IPv6 mobility header type",
  options: [{ name: "mh-type", arg: "required", invertible: true, value: mhTypes }],
  // ip6t_mh.c .proto = IPPROTO_MH
  requiresProtocol: ["mh", "ipv6-mh", "mobility-header"],
  // mh_save: `A` or `A:B`, type names as their numbers
  save: (ctx) =>
    flagged(ctx, "mh-type", (o) => {
      const r = mhRange(o.values[0]!);
      return typeof r === "string" ? o.values[0]! : range(r.from, r.to);
    }),
};
