/** `-m esp` (libxt_esp.c, kernel xt_esp.c). */
import { UINT32_MAX, x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { rangeUnlessFull } from "./save-helpers.js";
import { given } from "../save-text.js";

export const espMatch: ExtensionSpec = {
  kind: "match",
  name: "esp",
  families: ["ipv4", "ipv6"],
  summary: "match the SPI of ESP packets (range)",
  options: [{ name: "espspi", arg: "required", invertible: true, value: x6UintRange("esp", "espspi", UINT32_MAX) }],
  // xt_esp.c esp_mt_check and .proto = IPPROTO_ESP
  requiresProtocol: ["esp"],
  // esp_save: the SPI range unless it is the full 0:4294967295
  save: (ctx) => rangeUnlessFull(given(ctx, "espspi"), UINT32_MAX),
};
