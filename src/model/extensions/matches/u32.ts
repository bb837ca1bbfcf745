/** `-m u32` (libxt_u32.c); the test grammar is not checked here. */
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";
import { parseUnsigned } from "../../values/number.js";

const hexNumber = (text: string) => `0x${(parseUnsigned(text, 0, 0xffffffff) ?? 0n).toString(16)}`;

/**
 * u32_save / print_u32: white space dropped, every number in lower-case hex, tests joined by
 * "&&", each `LOCATION=VALUES` with the location's operators (&, <<, >>, @) kept in order.
 */
function formatU32(text: string): string {
  return text
    .replace(/\s+/g, "")
    .split("&&")
    .map((test) => {
      const [location = "", values = ""] = test.split("=");
      const loc = location.replace(/[0-9A-Za-z]+/g, (n) => hexNumber(n));
      const vals = values.split(",").map((v) => {
        const [lo = "", hi] = v.split(":");
        return hi === undefined || hexNumber(lo) === hexNumber(hi) ? hexNumber(lo) : `${hexNumber(lo)}:${hexNumber(hi)}`;
      });
      return `${loc}=${vals.join(",")}`;
    })
    .join("&&");
}

export const u32Match: ExtensionSpec = {
  kind: "match",
  name: "u32",
  families: ["ipv4", "ipv6"],
  summary: "match arbitrary bytes of the packet with u32 tests",
  options: [{ name: "u32", arg: "required", invertible: true }],
  finalCheck: mandatory("u32", "u32"),
  save: (ctx) => flagged(ctx, "u32", (o) => `"${formatU32(o.values[0]!)}"`),
};
