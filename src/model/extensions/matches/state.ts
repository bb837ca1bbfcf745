/** `-m state` (libxt_state.c; iptables 1.8.9 loads it as conntrack revision 3). */
import { stateList } from "../../values/conntrack.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";
import { parsed } from "../save-text.js";

/** state_print_state prints the bits in this order. */
const STATE_ORDER: readonly string[] = ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED"];

export const stateMatch: ExtensionSpec = {
  kind: "match",
  name: "state",
  families: ["ipv4", "ipv6"],
  summary: "match the connection tracking state of the packet",
  options: [{ name: "state", arg: "required", invertible: true, value: stateList }],
  finalCheck: mandatory("state", "state"),
  // state_save / state_print_state: fixed order, whatever order the states were given in
  save: (ctx) => flagged(ctx, "state", (o) => {
    const names = parsed<string[]>(stateList, o.values[0]!, ctx.family);
    return STATE_ORDER.filter((s) => names.includes(s)).join(",");
  }),
};
