/** `-m udp`, also loaded by `-p udp` (libxt_udp.c, XTTYPE_PORTRC; kernel xt_tcpudp.c). */
import { x6PortRange } from "../../values/port.js";
import type { ExtensionSpec } from "../types.js";
import type { PortRange } from "../../values/port.js";
import { bang, range } from "./save-helpers.js";
import { given, parsed, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

function savePorts(ctx: SaveContext, name: string): string {
  const o = given(ctx, name);
  if (o === undefined) return "";
  const { from, to } = parsed<PortRange>(x6PortRange("udp", name), o.values[0]!, ctx.family);
  return from === 0 && to === 65535 ? "" : `${bang(o)}--${name} ${range(from, to)}`;
}

export const udpMatch: ExtensionSpec = {
  kind: "match",
  name: "udp",
  families: ["ipv4", "ipv6"],
  summary: "match UDP source and destination ports",
  options: [
    {
      name: "sport",
      aliases: ["source-port"],
      arg: "required",
      invertible: true,
      value: x6PortRange("udp", "source-port"),
    },
    {
      name: "dport",
      aliases: ["destination-port"],
      arg: "required",
      invertible: true,
      value: x6PortRange("udp", "destination-port"),
    },
  ],
  requiresProtocol: ["udp"],
  // udp_save: --sport then --dport, each unless it is the full range 0:65535
  save: (ctx) => words(savePorts(ctx, "sport"), savePorts(ctx, "dport")),
};
