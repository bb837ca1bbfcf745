/**
 * `-m ah`: two extensions under one name. IPv4 (libipt_ah.c, kernel ipt_ah.c with
 * .proto = IPPROTO_AH) needs `-p ah`; IPv6 (libip6t_ah.c, ip6t_ah.c) walks the extension
 * headers itself and adds --ahlen and --ahres.
 */
import { UINT32_MAX, x6Uint, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { decimal, flagged, rangeUnlessFull } from "./save-helpers.js";
import { given, has, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

const ahspi = { name: "ahspi", arg: "required", invertible: true, value: x6UintRange("ah", "ahspi", UINT32_MAX) } as const;

export const ahMatch: ExtensionSpec = {
  kind: "match",
  name: "ah",
  families: ["ipv4"],
  summary: "match the SPI of IPsec AH packets (range)",
  options: [ahspi],
  requiresProtocol: ["ah"],
  // ah_save: the SPI range unless it is the full 0:4294967295
  save: (ctx) => rangeUnlessFull(given(ctx, "ahspi"), UINT32_MAX),
};

export const ah6Match: ExtensionSpec = {
  kind: "match",
  name: "ah",
  families: ["ipv6"],
  summary: "match the SPI, length or reserved field of the IPv6 AH header",
  options: [
    ahspi,
    { name: "ahlen", arg: "required", invertible: true, value: x6Uint("ah", "ahlen", 0, UINT32_MAX) },
    { name: "ahres", arg: "none" },
  ],
  save: (ctx: SaveContext) =>
    words(rangeUnlessFull(given(ctx, "ahspi"), UINT32_MAX), flagged(ctx, "ahlen", (o) => decimal(o.values[0]!)), has(ctx, "ahres") && "--ahres"),
};
