/** `-m tcpmss` (libxt_tcpmss.c; kernel xt_tcpmss.c matches TCP only). */
import { UINT16_MAX, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { allOf, mandatory } from "./x6.js";
import { flagged, range, uintRange } from "./save-helpers.js";

/** tcpmss_check (userspace): "invalid range given" when min > max. */
const mssCheck = allOf(
  (ctx) => {
    const [lo, hi] = (ctx.options.get("mss")?.values[0] ?? "").split(":");
    return hi !== undefined && lo !== "" && hi !== "" && Number(lo) > Number(hi) ? "tcpmss: invalid range given" : undefined;
  },
  mandatory("tcpmss", "mss"),
);

export const tcpmssMatch: ExtensionSpec = {
  kind: "match",
  name: "tcpmss",
  families: ["ipv4", "ipv6"],
  summary: "match the MSS option of TCP SYN packets (range)",
  options: [{ name: "mss", arg: "required", invertible: true, value: x6UintRange("tcpmss", "mss", UINT16_MAX) }],
  finalCheck: mssCheck,
  // xt_tcpmss.c .proto = IPPROTO_TCP
  requiresProtocol: ["tcp"],
  // tcpmss_save: `A` or `A:B`, open ends filled in
  save: (ctx) => flagged(ctx, "mss", (o) => {
    const r = uintRange(o.values[0]!, UINT16_MAX);
    return range(r.from, r.to);
  }),
};
