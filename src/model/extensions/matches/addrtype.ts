/** `-m addrtype` revision 1 (libxt_addrtype.c, kernel xt_addrtype.c). */
import { prefixKeywordList } from "../../values/keywords.js";
import type { ExtensionSpec } from "../types.js";

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

export const addrtypeMatch: ExtensionSpec = {
  kind: "match",
  name: "addrtype",
  families: ["ipv4", "ipv6"],
  summary: "match the routing type (LOCAL, BROADCAST, ...) of the source or destination address",
  options: [
    { name: "src-type", arg: "required", invertible: true, value: typeList },
    { name: "dst-type", arg: "required", invertible: true, value: typeList },
    // kernel addrtype_mt_checkentry_v1 also refuses --limit-iface-in in OUTPUT/POSTROUTING
    // and --limit-iface-out in PREROUTING/INPUT; per-option hooks are not modelled here.
    { name: "limit-iface-in", arg: "none", excludes: ["limit-iface-out"] },
    { name: "limit-iface-out", arg: "none", excludes: ["limit-iface-in"] },
  ],
  finalCheck: (ctx) =>
    ctx.options.has("src-type") || ctx.options.has("dst-type")
      ? undefined
      : "addrtype: you must specify --src-type or --dst-type",
};
