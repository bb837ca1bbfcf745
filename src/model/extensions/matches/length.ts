/** `-m length` (libxt_length.c, XTTYPE_UINT16RC). */
import { UINT16_MAX, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged, range, uintRange } from "./save-helpers.js";

export const lengthMatch: ExtensionSpec = {
  kind: "match",
  name: "length",
  families: ["ipv4", "ipv6"],
  summary: "match the packet's layer-3 payload length (range)",
  options: [{ name: "length", arg: "required", invertible: true, value: x6UintRange("length", "length", UINT16_MAX) }],
  finalCheck: mandatory("length", "length"),
  // length_save: `A` or `A:B`, open ends filled in (`5:` is 5:65535)
  save: (ctx) => flagged(ctx, "length", (o) => {
    const r = uintRange(o.values[0]!, UINT16_MAX);
    return range(r.from, r.to);
  }),
};
