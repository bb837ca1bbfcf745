/** `-m pkttype` (libxt_pkttype.c parse_pkttype: strcasecmp against its table). */
import { caseInsensitiveChoice } from "../../values/keywords.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";

/** supported_types: "host" is the same as "unicast"; nothing else passes (oracle). */
const PACKET_TYPES = ["unicast", "broadcast", "multicast", "otherhost", "host"];

export const pkttypeMatch: ExtensionSpec = {
  kind: "match",
  name: "pkttype",
  families: ["ipv4", "ipv6"],
  summary: "match the link-layer packet type (unicast, broadcast, multicast, otherhost)",
  options: [
    {
      name: "pkt-type",
      arg: "required",
      invertible: true,
      value: caseInsensitiveChoice(PACKET_TYPES, (text) => `Bad packet type '${text}'`),
    },
  ],
  finalCheck: mandatory("pkttype", "pkt-type"),
  // pkttype_save: the first supported_types name of the value, lower case ("host" is unicast)
  save: (ctx) => flagged(ctx, "pkt-type", (o) => {
    const name = o.values[0]!.toLowerCase();
    return name === "host" ? "unicast" : name;
  }),
};
