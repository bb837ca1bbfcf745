/** `-m helper` (libxt_helper.c). */
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { saveString } from "../../../format/save-string.js";
import { flagged } from "./save-helpers.js";

export const helperMatch: ExtensionSpec = {
  kind: "match",
  name: "helper",
  families: ["ipv4", "ipv6"],
  summary: "match connections by the conntrack helper that handles them",
  options: [{ name: "helper", arg: "required", invertible: true }],
  finalCheck: mandatory("helper", "helper"),
  // helper_save: xtables_save_string of the name
  save: (ctx) => flagged(ctx, "helper", (o) => saveString(o.values[0]!)),
};
