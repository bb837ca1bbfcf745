/** `-m state` (libxt_state.c; iptables 1.8.9 loads it as conntrack revision 3). */
import { stateList } from "../../values/conntrack.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";

export const stateMatch: ExtensionSpec = {
  kind: "match",
  name: "state",
  families: ["ipv4", "ipv6"],
  summary: "match the connection tracking state of the packet",
  options: [{ name: "state", arg: "required", invertible: true, value: stateList }],
  finalCheck: mandatory("state", "state"),
};
