/** `-m length` (libxt_length.c, XTTYPE_UINT16RC). */
import { UINT16_MAX, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";

export const lengthMatch: ExtensionSpec = {
  kind: "match",
  name: "length",
  families: ["ipv4", "ipv6"],
  summary: "match the packet's layer-3 payload length (range)",
  options: [{ name: "length", arg: "required", invertible: true, value: x6UintRange("length", "length", UINT16_MAX) }],
  finalCheck: mandatory("length", "length"),
};
