/** `-m ipv6header` (libip6t_ipv6header.c). */
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import type { ValueCheck } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";
import { has, words } from "../save-text.js";

const HEADERS = ["hop", "dst", "route", "frag", "auth", "esp", "none", "prot", "hop-by-hop", "ipv6-opts",
  "ipv6-route", "ipv6-frag", "ah", "ipv6-nonxt", "protocol", "0", "60", "43", "44", "51", "50", "59", "255"];
/** parse_header: comma list of names or numbers. */
const headerList: ValueCheck = (text) => {
  for (const h of text.split(",")) if (!HEADERS.includes(h)) return bad(`unknown header \`${h}' specified`);
  return ok(text);
};

/** chain_headers: the printed name of each header, in the order print_header walks them. */
const HEADER_ORDER: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["hop-by-hop", ["hop", "hop-by-hop", "0"]],
  ["ipv6-opts", ["dst", "ipv6-opts", "60"]],
  ["ipv6-route", ["route", "ipv6-route", "43"]],
  ["ipv6-frag", ["frag", "ipv6-frag", "44"]],
  ["ah", ["auth", "ah", "51"]],
  ["esp", ["esp", "50"]],
  ["ipv6-nonxt", ["none", "ipv6-nonxt", "59"]],
  ["protocol", ["prot", "protocol", "255"]],
];

/** ipv6header_save: the header bits printed by name in chain_headers order. */
function headerNames(text: string): string {
  const given = text.split(",");
  return HEADER_ORDER.filter(([, spellings]) => spellings.some((s) => given.includes(s))).map(([name]) => name).join(",");
}

export const ipv6headerMatch: ExtensionSpec = {
  kind: "match",
  name: "ipv6header",
  families: ["ipv6"],
  summary: "match the set of IPv6 extension headers present",
  options: [
    { name: "header", arg: "required", invertible: true, value: headerList },
    { name: "soft", arg: "none" },
  ],
  finalCheck: mandatory("ipv6header", "header"),
  save: (ctx) =>
    words(flagged(ctx, "header", (o) => headerNames(o.values[0]!)), has(ctx, "soft") && "--soft"),
};
