/** `-m rpfilter` (libxt_rpfilter.c; kernel ipt_rpfilter.c: raw/mangle PREROUTING only). */
import type { ExtensionSpec } from "../types.js";
import { has, words } from "../save-text.js";

export const rpfilterMatch: ExtensionSpec = {
  kind: "match",
  name: "rpfilter",
  families: ["ipv4", "ipv6"],
  summary: "reverse-path filter: match packets whose source is reachable by the incoming interface",
  options: [
    { name: "loose", arg: "none" },
    { name: "validmark", arg: "none" },
    { name: "accept-local", arg: "none" },
    { name: "invert", arg: "none" },
  ],
  tables: ["raw", "mangle"],
  hooks: ["PREROUTING"],
  // rpfilter_save: the flags in bit order, whatever order they were given in
  save: (ctx) => words(...["loose", "validmark", "accept-local", "invert"].map((f) => has(ctx, f) && `--${f}`)),
};
