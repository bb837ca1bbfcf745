/**
 * Small helpers for the targets' save functions (ExtensionSpec.save): they rebuild what the
 * extension's parse function left in the kernel structure from the options as given, and
 * print it the way the extension's save() in libxt_NAME.c does.
 */
import type { GivenOption, SaveContext, ValueCheck } from "../../types.js";

/**
 * The last time an option (any of the names) was given. The parse callbacks overwrite the structure field by
 * field, so where iptables lets an option repeat or two options share a field, the later
 * one wins (oracle: `TCPMSS --set-mss 1000 --clamp-mss-to-pmtu` saves --clamp-mss-to-pmtu).
 */
export function lastGiven(ctx: SaveContext, ...names: readonly string[]): GivenOption | undefined {
  for (let i = ctx.options.length - 1; i >= 0; i--) {
    const option = ctx.options[i]!;
    if (names.includes(option.name)) return option;
  }
  return undefined;
}

export function isGiven(ctx: SaveContext, name: string): boolean {
  return lastGiven(ctx, name) !== undefined;
}

/** The value of the last `--name VALUE`. */
export function lastValue(ctx: SaveContext, name: string): string | undefined {
  return lastGiven(ctx, name)?.values[0];
}

/**
 * What an option's ValueCheck parsed from a value. A rule reaches save only after its values
 * passed their checks, so a failure here means the caller passed the wrong check.
 */
export function parsedValue<T>(check: ValueCheck, text: string, ctx: SaveContext): T {
  const result = check(text, { family: ctx.family });
  if (!result.ok) throw new Error(`cannot save a value that does not parse: ${result.message}`);
  return result.value as T;
}

/** printf("0x%x") — or "0x%02x" with digits = 2 — of an unsigned 32-bit value. */
export function hex(value: number, digits = 1): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, "0")}`;
}

/** The words of a saved text joined by one space, skipping the empty and absent ones. */
export function words(...parts: readonly (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" ");
}

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
  return names.filter((name) => isGiven(ctx, name)).map((name) => `--${name}`);
}
