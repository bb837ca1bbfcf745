/** `-m mark` revision 1 (libxt_mark.c, XTTYPE_MARKMASK32). */
import { formatMarkMask, markMask } from "../../values/mark.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import type { MarkMask } from "../../values/mark.js";
import { flagged } from "./save-helpers.js";
import { parsed } from "../save-text.js";

export const markMatch: ExtensionSpec = {
  kind: "match",
  name: "mark",
  families: ["ipv4", "ipv6"],
  summary: "match the packet's netfilter mark (value/mask)",
  options: [{ name: "mark", arg: "required", invertible: true, value: markMask }],
  finalCheck: mandatory("mark", "mark"),
  save: (ctx) => flagged(ctx, "mark", (o) => formatMarkMask(parsed<MarkMask>(markMask, o.values[0]!, ctx.family))),
};
