/**
 * `-m icmp6`, loaded by `-p icmpv6` or `-p ipv6-icmp` (libip6t_icmp6.c, kernel
 * ip6_tables.c icmp6_checkentry). Note `-p icmp6` itself is no protocol name (oracle).
 */
import { icmpv6Type } from "../../values/icmp.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { formatIcmpType, type IcmpType } from "../../values/icmp.js";
import { flagged } from "./save-helpers.js";
import { parsed } from "../save-text.js";

export const icmp6Match: ExtensionSpec = {
  kind: "match",
  name: "icmp6",
  families: ["ipv6"],
  summary: "match the ICMPv6 type and code",
  options: [{ name: "icmpv6-type", arg: "required", invertible: true, value: icmpv6Type }],
  finalCheck: mandatory("icmp6", "icmpv6-type"),
  requiresProtocol: ["icmpv6", "ipv6-icmp"],
  save: (ctx) =>
    flagged(ctx, "icmpv6-type", (o) => formatIcmpType(parsed<IcmpType>(icmpv6Type, o.values[0]!, ctx.family), "ipv6")),
};
