/** `-m mac` (libxt_mac.c, kernel xt_mac.c). */
import { macAddress } from "../../values/mac.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { bang } from "./save-helpers.js";
import { given } from "../save-text.js";

export const macMatch: ExtensionSpec = {
  kind: "match",
  name: "mac",
  families: ["ipv4", "ipv6"],
  summary: "match the Ethernet source address of the packet",
  options: [{ name: "mac-source", arg: "required", invertible: true, value: macAddress }],
  finalCheck: mandatory("mac", "mac-source"),
  // xt_mac.c .hooks: a source MAC exists only on received packets
  hooks: ["PREROUTING", "INPUT", "FORWARD"],
  // mac_save prints xtables_print_mac: "%02x" bytes, lower case
  save: (ctx) => {
    const o = given(ctx, "mac-source")!;
    const mac = o.values[0]!.split(":").map((h) => h.padStart(2, "0").toLowerCase()).join(":");
    return `${bang(o)}--mac-source ${mac}`;
  },
};
