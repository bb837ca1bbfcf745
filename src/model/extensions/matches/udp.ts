/** `-m udp`, also loaded by `-p udp` (libxt_udp.c, XTTYPE_PORTRC; kernel xt_tcpudp.c). */
import { x6PortRange } from "../../values/port.js";
import type { ExtensionSpec } from "../types.js";

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
};
