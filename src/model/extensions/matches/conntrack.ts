/** `-m conntrack` revision 3 (libxt_conntrack.c, kernel xt_conntrack.c). */
import { singleAddress } from "../../values/address.js";
import { ctdir, ctstateList, ctstatusList } from "../../values/conntrack.js";
import { UINT32_MAX, x6UintRange } from "../../values/number.js";
import { x6PortRange } from "../../values/port.js";
import { protocolExact } from "../../values/protocol.js";
import type { ExtensionSpec, OptionSpec } from "../types.js";

const address = (name: string): OptionSpec => ({ name, arg: "required", invertible: true, value: singleAddress });
const portOption = (name: string): OptionSpec => ({
  name,
  arg: "required",
  invertible: true,
  value: x6PortRange("conntrack", name),
});

export const conntrackMatch: ExtensionSpec = {
  kind: "match",
  name: "conntrack",
  families: ["ipv4", "ipv6"],
  summary: "match connection tracking state, status, direction and original/reply tuples",
  options: [
    { name: "ctstate", arg: "required", invertible: true, value: ctstateList },
    { name: "ctproto", arg: "required", invertible: true, value: protocolExact },
    address("ctorigsrc"),
    address("ctorigdst"),
    address("ctreplsrc"),
    address("ctrepldst"),
    { name: "ctstatus", arg: "required", invertible: true, value: ctstatusList },
    { name: "ctexpire", arg: "required", invertible: true, value: x6UintRange("conntrack", "ctexpire", UINT32_MAX) },
    portOption("ctorigsrcport"),
    portOption("ctorigdstport"),
    portOption("ctreplsrcport"),
    portOption("ctrepldstport"),
    { name: "ctdir", arg: "required", value: ctdir },
  ],
  // conntrack_mt_check: "conntrack: At least one option is required"
  finalCheck: (ctx) => (ctx.options.size === 0 ? "conntrack: At least one option is required" : undefined),
};
