/** `-m addrtype` revision 1 (libxt_addrtype.c, kernel xt_addrtype.c). */
import { prefixKeywordList } from "../../values/keywords.js";
import type { ExtensionSpec } from "../types.js";
import { bang } from "./save-helpers.js";
import { given, has, parsed, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/** rtn_names order; parse_type compares with strncasecmp, so "LOC" is LOCAL. */
export const ADDRESS_TYPES = [
  "UNSPEC",
  "UNICAST",
  "LOCAL",
  "BROADCAST",
  "ANYCAST",
  "MULTICAST",
  "BLACKHOLE",
  "UNREACHABLE",
  "PROHIBIT",
  "THROW",
  "NAT",
  "XRESOLVE",
] as const;

/** parse_types: "addrtype: bad type \"X\"" quotes only the bad element. */
const typeList = (text: string, ctx: Parameters<ReturnType<typeof prefixKeywordList>>[1]) => {
  const check = prefixKeywordList({ names: ADDRESS_TYPES, badElement: (rest) => rest });
  const r = check(text, ctx);
  if (r.ok) return r;
  const element = r.message.split(",")[0] ?? "";
  return { ok: false as const, message: `addrtype: bad type "${element}"` };
};

/** print_types: the bits in rtn_names order, upper case, comma-separated. */
function saveTypes(ctx: SaveContext, name: string): string {
  const o = given(ctx, name);
  if (o === undefined) return "";
  const types = parsed<string[]>(typeList, o.values[0]!, ctx.family);
  return `${bang(o)}--${name} ${ADDRESS_TYPES.filter((t) => types.includes(t)).join(",")}`;
}

/** addrtype_mt_save_v1: --src-type, --dst-type, --limit-iface-in, --limit-iface-out. */
function saveAddrtype(ctx: SaveContext): string {
  return words(
    saveTypes(ctx, "src-type"),
    saveTypes(ctx, "dst-type"),
    has(ctx, "limit-iface-in") && "--limit-iface-in",
    has(ctx, "limit-iface-out") && "--limit-iface-out",
  );
}

export const addrtypeMatch: ExtensionSpec = {
  kind: "match",
  name: "addrtype",
  families: ["ipv4", "ipv6"],
  summary: "match the routing type (LOCAL, BROADCAST, ...) of the source or destination address",
  options: [
    { name: "src-type", arg: "required", invertible: true, value: typeList },
    { name: "dst-type", arg: "required", invertible: true, value: typeList },
    { name: "limit-iface-in", arg: "none", excludes: ["limit-iface-out"] },
    { name: "limit-iface-out", arg: "none", excludes: ["limit-iface-in"] },
  ],
  finalCheck: (ctx) =>
    ctx.options.has("src-type") || ctx.options.has("dst-type")
      ? undefined
      : "addrtype: you must specify --src-type or --dst-type",
  // kernel addrtype_mt_checkentry_v1: "output interface limitation not valid in PREROUTING
  // and INPUT", "input interface limitation not valid in POSTROUTING and OUTPUT".
  optionHooks: {
    "limit-iface-in": ["PREROUTING", "INPUT", "FORWARD"],
    "limit-iface-out": ["FORWARD", "OUTPUT", "POSTROUTING"],
  },
  save: saveAddrtype,
};
