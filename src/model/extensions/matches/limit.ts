/** `-m limit` (libxt_limit.c, kernel xt_limit.c). */
import { x6Uint } from "../../values/number.js";
import { limitRate } from "../../values/rate.js";
import type { ExtensionSpec } from "../types.js";

export const limitMatch: ExtensionSpec = {
  kind: "match",
  name: "limit",
  families: ["ipv4", "ipv6"],
  summary: "match at a limited average rate with bursts (token bucket)",
  options: [
    { name: "limit", arg: "required", value: limitRate },
    // XT_LIMIT_BURST max 10000. Burst 0 passes nft but the legacy kernel refuses it.
    { name: "limit-burst", arg: "required", value: x6Uint("limit", "limit-burst", 0, 10000) },
  ],
};
