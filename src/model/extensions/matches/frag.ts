/** `-m frag` (libip6t_frag.c). */
import { UINT32_MAX, x6Uint, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { decimal, flagged, rangeUnlessFull } from "./save-helpers.js";
import { given, has, words } from "../save-text.js";

export const fragMatch: ExtensionSpec = {
  kind: "match",
  name: "frag",
  families: ["ipv6"],
  summary: "match fields of the IPv6 fragment header",
  options: [
    { name: "fragid", arg: "required", invertible: true, value: x6UintRange("frag", "fragid", UINT32_MAX) },
    { name: "fraglen", arg: "required", invertible: true, value: x6Uint("frag", "fraglen", 0, UINT32_MAX) },
    { name: "fragres", arg: "none" },
    { name: "fragfirst", arg: "none" },
    { name: "fragmore", arg: "none", excludes: ["fraglast"] },
    { name: "fraglast", arg: "none", excludes: ["fragmore"] },
  ],
  // frag_save: --fragid unless the full range, --fraglen, then the flags in this order
  save: (ctx) =>
    words(
      rangeUnlessFull(given(ctx, "fragid"), UINT32_MAX),
      flagged(ctx, "fraglen", (o) => decimal(o.values[0]!)),
      ...["fragres", "fragfirst", "fragmore", "fraglast"].map((f) => has(ctx, f) && `--${f}`),
    ),
};
