/**
 * Small helpers for the targets' save functions (ExtensionSpec.save): they rebuild what the
 * extension's parse function left in the kernel structure from the options as given, and
 * print it the way the extension's save() in libxt_NAME.c does.
 */
import { has } from "../../save-text.js";
import type { SaveContext } from "../../types.js";

/**
 * A string copied into a fixed char[] field: at most maxBytes bytes of its UTF-8 form
 * (strncpy / XTOPT_PUT into a NUL-terminated buffer of maxBytes + 1).
 */
export function truncateBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  return bytes.length <= maxBytes ? text : bytes.subarray(0, maxBytes).toString("utf8");
}

/** Flags printed by name, in the save function's order (not the order given), when given. */
export function saveFlags(ctx: SaveContext, names: readonly string[]): string[] {
  return names.filter((name) => has(ctx, name)).map((name) => `--${name}`);
}
