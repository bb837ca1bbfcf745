/** `-m tos` revision 1 (libxt_tos.c, XTTYPE_TOSMASK: value[/mask] or a symbolic name). */
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import { parseUint } from "../../values/number.js";
import type { ValueCheck } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";
import { hex } from "../save-text.js";

const TOS_NAMES = ["Minimize-Delay", "Maximize-Throughput", "Maximize-Reliability", "Minimize-Cost", "Normal-Service"];
/** xtopt_parse_tosmask: VALUE[/MASK] (8 bits each) or a symbolic name (strcasecmp). */
const tosValue: ValueCheck = (text) => {
  if (TOS_NAMES.some((n) => n.toLowerCase() === text.toLowerCase())) return ok(text);
  const [v, m, extra] = text.split("/");
  const okParts = extra === undefined && parseUint(v ?? "", 0, 255) !== undefined && (m === undefined || parseUint(m, 0, 255) !== undefined);
  if (okParts) return ok(text);
  return /^[0-9]/.test(text) ? bad(`tos: bad value for option "--tos", or out of range (0-255).`) : bad(`Symbolic name "${text}" is unknown`);
};

const TOS_VALUES: Readonly<Record<string, number>> = {
  "minimize-delay": 0x10, "maximize-throughput": 0x08, "maximize-reliability": 0x04, "minimize-cost": 0x02, "normal-service": 0,
};

function formatTos(text: string): string {
  const named = TOS_VALUES[text.toLowerCase()];
  if (named !== undefined) return `${hex(named, 2)}/0x3f`;
  const [v = "", m] = text.split("/");
  return `${hex(parseUint(v, 0, 255)!, 2)}/${hex(m === undefined ? 0xff : parseUint(m, 0, 255)!, 2)}`;
}

export const tosMatch: ExtensionSpec = {
  kind: "match",
  name: "tos",
  families: ["ipv4", "ipv6"],
  summary: "match the IPv4 TOS / IPv6 traffic class field",
  options: [{ name: "tos", arg: "required", invertible: true, value: tosValue }],
  finalCheck: mandatory("tos", "tos"),
  // tos_mt_save: `0xVV/0xMM`; a symbolic name has mask 0x3f, a bare value 0xff
  save: (ctx) => flagged(ctx, "tos", (o) => formatTos(o.values[0]!)),
};
