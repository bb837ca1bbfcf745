/** `-m connmark` revision 1 (libxt_connmark.c, XTTYPE_MARKMASK32). */
import { markMaskFor } from "../../values/mark.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { formatMarkMask, type MarkMask } from "../../values/mark.js";
import { flagged } from "./save-helpers.js";
import { parsed } from "../save-text.js";

export const connmarkMatch: ExtensionSpec = {
  kind: "match",
  name: "connmark",
  families: ["ipv4", "ipv6"],
  summary: "match the connection's mark (value/mask)",
  options: [{ name: "mark", arg: "required", invertible: true, value: markMaskFor("connmark", "mark") }],
  finalCheck: mandatory("connmark", "mark"),
  save: (ctx) =>
    flagged(ctx, "mark", (o) => formatMarkMask(parsed<MarkMask>(markMaskFor("connmark", "mark"), o.values[0]!, ctx.family))),
};
