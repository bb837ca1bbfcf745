/** `-m mh` (libip6t_mh.c); type names are not checked here. */
import type { ExtensionSpec } from "../types.js";
import { flagged, range } from "./save-helpers.js";
import { parseUint } from "../../values/number.js";

/** mh_names (libip6t_mh.c). */
const MH_TYPES: Readonly<Record<string, number>> = {
  "binding-refresh-request": 0, brr: 0, "home-test-init": 1, hoti: 1, "careof-test-init": 2, coti: 2,
  "home-test": 3, hot: 3, "careof-test": 4, cot: 4, "binding-update": 5, bu: 5,
  "binding-acknowledgement": 6, ba: 6, "binding-error": 7, be: 7,
};
const mhType = (text: string) => MH_TYPES[text.toLowerCase()] ?? parseUint(text, 0, 255) ?? 0;

export const mhMatch: ExtensionSpec = {
  kind: "match",
  name: "mh",
  families: ["ipv6"],
  summary: "match the IPv6 mobility header type",
  options: [{ name: "mh-type", arg: "required", invertible: true }],
  // ip6t_mh.c .proto = IPPROTO_MH
  requiresProtocol: ["mh", "ipv6-mh", "mobility-header"],
  // mh_save: `A` or `A:B`, type names as their numbers
  save: (ctx) =>
    flagged(ctx, "mh-type", (o) => {
      const [lo = "", hi] = o.values[0]!.split(":");
      const from = lo === "" ? 0 : mhType(lo);
      return range(from, hi === undefined ? from : hi === "" ? 255 : mhType(hi));
    }),
};
