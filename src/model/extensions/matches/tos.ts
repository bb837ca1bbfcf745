/** `-m tos` revision 1 (libxt_tos.c, XTTYPE_TOSMASK: value[/mask] or a symbolic name). */
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import { parseUint } from "../../values/number.js";
import type { ValueCheck } from "../types.js";
import { mandatory } from "./x6.js";

const TOS_NAMES = ["Minimize-Delay", "Maximize-Throughput", "Maximize-Reliability", "Minimize-Cost", "Normal-Service"];
/** xtopt_parse_tosmask: VALUE[/MASK] (8 bits each) or a symbolic name (strcasecmp). */
const tosValue: ValueCheck = (text) => {
  if (TOS_NAMES.some((n) => n.toLowerCase() === text.toLowerCase())) return ok(text);
  const [v, m, extra] = text.split("/");
  const okParts = extra === undefined && parseUint(v ?? "", 0, 255) !== undefined && (m === undefined || parseUint(m, 0, 255) !== undefined);
  if (okParts) return ok(text);
  return /^[0-9]/.test(text) ? bad(`tos: bad value for option "--tos", or out of range (0-255).`) : bad(`Symbolic name "${text}" is unknown`);
};

export const tosMatch: ExtensionSpec = {
  kind: "match",
  name: "tos",
  families: ["ipv4", "ipv6"],
  summary: "match the IPv4 TOS / IPv6 traffic class field",
  options: [{ name: "tos", arg: "required", invertible: true, value: tosValue }],
  finalCheck: mandatory("tos", "tos"),
};
