/** `-m u32` (libxt_u32.c); the test grammar is not checked here. */
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";

export const u32Match: ExtensionSpec = {
  kind: "match",
  name: "u32",
  families: ["ipv4", "ipv6"],
  summary: "match arbitrary bytes of the packet with u32 tests",
  options: [{ name: "u32", arg: "required", invertible: true }],
  finalCheck: mandatory("u32", "u32"),
};
