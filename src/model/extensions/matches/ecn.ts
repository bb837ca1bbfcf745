/** `-m ecn` (libxt_ecn.c; kernel xt_ecn.c wants -p tcp for the TCP bits, not modelled per option). */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { decimal, flagged, words } from "./save-helpers.js";

export const ecnMatch: ExtensionSpec = {
  kind: "match",
  name: "ecn",
  families: ["ipv4", "ipv6"],
  summary: "match the ECN bits of the IP and TCP headers",
  options: [
    { name: "ecn-tcp-cwr", arg: "none", invertible: true },
    { name: "ecn-tcp-ece", arg: "none", invertible: true },
    { name: "ecn-ip-ect", arg: "required", invertible: true, value: x6Uint("ecn", "ecn-ip-ect", 0, 3) },
  ],
  finalCheck: (ctx) => (ctx.options.size === 0 ? "ECN match: some option required" : undefined),
  // ecn_save: --ecn-tcp-ece, --ecn-tcp-cwr, --ecn-ip-ect, in that order
  save: (ctx) =>
    words(
      flagged(ctx, "ecn-tcp-ece", () => ""),
      flagged(ctx, "ecn-tcp-cwr", () => ""),
      flagged(ctx, "ecn-ip-ect", (o) => decimal(o.values[0]!)),
    ),
};
