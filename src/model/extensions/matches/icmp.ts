/** `-m icmp`, loaded by `-p icmp` (libxt_icmp.c, kernel xt_tcpudp.c icmp_checkentry). */
import { icmpType } from "../../values/icmp.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { formatIcmpType, type IcmpType } from "../../values/icmp.js";
import { flagged } from "./save-helpers.js";
import { parsed } from "../save-text.js";

export const icmpMatch: ExtensionSpec = {
  kind: "match",
  name: "icmp",
  families: ["ipv4"],
  summary: "match the ICMP type and code",
  options: [{ name: "icmp-type", arg: "required", invertible: true, value: icmpType }],
  finalCheck: mandatory("icmp", "icmp-type"),
  requiresProtocol: ["icmp"],
  save: (ctx) => flagged(ctx, "icmp-type", (o) => formatIcmpType(parsed<IcmpType>(icmpType, o.values[0]!, ctx.family), "ipv4")),
};
