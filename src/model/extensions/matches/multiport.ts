/**
 * `-m multiport` (libxt_multiport.c revision 1). The port parser needs the rule's protocol
 * (check_proto, then getservbyname with it), so the protocol part lives in the final check.
 */
import { portList, portListFor } from "../../values/port.js";
import { protocolName, protocolNumber } from "../../values/protocol.js";
import type { ExtensionSpec, FinalCheckContext } from "../types.js";
import { bang } from "./save-helpers.js";
import { parsed } from "../save-text.js";
import type { SaveContext } from "../types.js";

const PORT_OPTIONS = ["sports", "dports", "ports"];
const MULTIPORT_PROTOCOLS = ["tcp", "udp", "udplite", "sctp", "dccp"];

/** check_proto: the rule's -p as the name whose services are looked up, or the error. */
function checkProto(ctx: FinalCheckContext): { name: string } | { message: string } {
  if (ctx.protocolInverted) return { message: "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP" };
  const num = ctx.protocol === undefined ? 0 : (protocolNumber(ctx.protocol) ?? 0);
  const name = protocolName(num);
  if (name !== undefined && MULTIPORT_PROTOCOLS.includes(name)) return { name };
  if (num === 0) return { message: "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'" };
  return { message: "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP" };
}

function multiportFinalCheck(ctx: FinalCheckContext): string | undefined {
  const given = PORT_OPTIONS.filter((n) => ctx.options.has(n));
  if (given.length === 0) return "multiport expection an option"; // sic, iptables 1.8.9
  const proto = checkProto(ctx);
  if ("message" in proto) return proto.message;
  for (const name of given) {
    const r = portListFor(proto.name)(ctx.options.get(name)!.values[0] ?? "", { family: ctx.family });
    if (!r.ok) return r.message;
  }
  return undefined;
}

/**
 * multiport_save1: `[! ]--OPTION p1,p2:p3` with ports as numbers; ranges come back from the
 * kernel's pflags as `A:B`. Only one of the three options can be given.
 */
function saveMultiport(ctx: SaveContext): string {
  const o = ctx.options[ctx.options.length - 1]!;
  const text = o.values[0]!;
  const ports = parsed<number[]>(portList, text, ctx.family);
  let i = 0;
  const items = text.split(",").map((item) => {
    const first = ports[i++]!;
    return item.includes(":") ? `${first}:${ports[i++]!}` : `${first}`;
  });
  return `${bang(o)}--${o.name} ${items.join(",")}`;
}

export const multiportMatch: ExtensionSpec = {
  kind: "match",
  name: "multiport",
  families: ["ipv4", "ipv6"],
  summary: "match a list of up to 15 source or destination ports",
  options: [
    { name: "sports", aliases: ["source-ports"], arg: "required", invertible: true, value: portList, excludes: ["dports", "ports"] },
    { name: "dports", aliases: ["destination-ports"], arg: "required", invertible: true, value: portList, excludes: ["sports", "ports"] },
    { name: "ports", arg: "required", invertible: true, value: portList, excludes: ["sports", "dports"] },
  ],
  finalCheck: multiportFinalCheck,
  save: saveMultiport,
};
