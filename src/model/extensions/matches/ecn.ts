/** `-m ecn` (libxt_ecn.c, kernel xt_ecn.c). */
import { x6Uint } from "../../values/number.js";
import { protocolNumber } from "../../values/protocol.js";
import type { ExtensionSpec, FinalCheckContext } from "../types.js";
import { decimal, flagged } from "./save-helpers.js";
import { words } from "../save-text.js";

const IPPROTO_TCP = 6;

/**
 * ecn_mt_check4/6: the TCP bits need `-p tcp` (not inverted), else "cannot match TCP bits
 * for non-tcp packets" at load (oracle: no -p and `! -p tcp` fail on both backends, `-p 6`
 * and `-p TCP` load; --ecn-ip-ect alone needs no protocol).
 */
function tcpBitsNeedTcp(ctx: FinalCheckContext): string | undefined {
  if (!ctx.options.has("ecn-tcp-cwr") && !ctx.options.has("ecn-tcp-ece")) return undefined;
  const tcp = ctx.protocol !== undefined && !ctx.protocolInverted && protocolNumber(ctx.protocol) === IPPROTO_TCP;
  return tcp
    ? undefined
    : "cannot match TCP bits for non-tcp packets: --ecn-tcp-cwr/--ecn-tcp-ece need -p tcp (the kernel rejects this rule when the ruleset is loaded)";
}

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
  finalCheck: (ctx) => (ctx.options.size === 0 ? "ECN match: some option required" : tcpBitsNeedTcp(ctx)),
  // ecn_save: --ecn-tcp-ece, --ecn-tcp-cwr, --ecn-ip-ect, in that order
  save: (ctx) =>
    words(
      flagged(ctx, "ecn-tcp-ece", () => ""),
      flagged(ctx, "ecn-tcp-cwr", () => ""),
      flagged(ctx, "ecn-ip-ect", (o) => decimal(o.values[0]!)),
    ),
};
