/** `-m u32` (libxt_u32.c); the test language is in u32-grammar.ts. */
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { mandatory } from "./x6.js";
import { flagged } from "./save-helpers.js";
import { formatU32, parseU32 } from "./u32-grammar.js";

/** u32_parse: oracle `--u32 "garbage"` → "u32: at char 0: not a number or out of range". */
const u32Tests: ValueCheck = (text) => {
  const tests = parseU32(text);
  return typeof tests === "string" ? bad(tests) : ok(tests);
};

export const u32Match: ExtensionSpec = {
  kind: "match",
  name: "u32",
  families: ["ipv4", "ipv6"],
  summary: "match arbitrary bytes of the packet with u32 tests",
  options: [{ name: "u32", arg: "required", invertible: true, value: u32Tests }],
  finalCheck: mandatory("u32", "u32"),
  // u32_save: the tests as u32_dump prints them, in double quotes
  save: (ctx) =>
    flagged(ctx, "u32", (o) => {
      const tests = parseU32(o.values[0]!);
      return typeof tests === "string" ? `"${o.values[0]!}"` : `"${formatU32(tests)}"`;
    }),
};
