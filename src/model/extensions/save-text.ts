/**
 * Primitives every extension's save function uses (matches and targets alike): reading the
 * options as given — a repeated option counts as its last occurrence, as iptables' parsers
 * overwrite the earlier value — and joining the printed words.
 */
import type { Family } from "../netfilter.js";
import type { GivenOption, SaveContext, ValueCheck } from "./types.js";

/** The last occurrence of any of `names` (a repeated option overwrites the earlier value). */
export function given(ctx: SaveContext, ...names: readonly string[]): GivenOption | undefined {
  for (let i = ctx.options.length - 1; i >= 0; i--) {
    const option = ctx.options[i] as GivenOption;
    if (names.includes(option.name)) return option;
  }
  return undefined;
}

export function has(ctx: SaveContext, name: string): boolean {
  return given(ctx, name) !== undefined;
}

/** The first value word of the last `--name VALUE`, or undefined when not given. */
export function valueOf(ctx: SaveContext, name: string): string | undefined {
  return given(ctx, name)?.values[0];
}

/** Joins the non-empty pieces with one space. */
export function words(...parts: ReadonlyArray<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" ");
}

/** printf("0x%x") — "0x%02x" with digits = 2; a negative number is read as unsigned 32-bit. */
export function hex(value: number | bigint, digits = 1): string {
  const n = typeof value === "number" && value < 0 ? value >>> 0 : value;
  return `0x${n.toString(16).padStart(digits, "0")}`;
}

/**
 * The parsed value of a word the parser already accepted; save functions only run on rules
 * that parsed, so a failure here is a bug in the caller.
 */
export function parsed<T>(check: ValueCheck, text: string, family: Family): T {
  const r = check(text, { family });
  if (!r.ok) throw new Error(`save: cannot re-read "${text}": ${r.message}`);
  return r.value as T;
}
