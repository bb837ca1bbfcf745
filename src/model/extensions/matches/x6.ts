/**
 * Final checks shared by many matches: what libxtables' xtables_options_fcheck
 * (xtoptions.c) enforces after parsing from the xt_option_entry flags, with its messages.
 */
import type { FinalCheckContext } from "../types.js";

export type FinalCheck = (ctx: FinalCheckContext) => string | undefined;

/** XTOPT_MAND: `EXT: option "--NAME" must be specified`. */
export function mandatory(ext: string, ...names: string[]): FinalCheck {
  return (ctx) => {
    const missing = names.find((n) => !ctx.options.has(n));
    return missing === undefined ? undefined : `${ext}: option "--${missing}" must be specified`;
  };
}

/** xt_option_entry.also: `EXT: option "--A" also requires "--B".` */
export function alsoRequires(ext: string, option: string, required: string): FinalCheck {
  return (ctx) =>
    ctx.options.has(option) && !ctx.options.has(required)
      ? `${ext}: option "--${option}" also requires "--${required}".`
      : undefined;
}

/** Runs checks in order (x6_fcheck first, then xtables_options_fcheck), first message wins. */
export function allOf(...checks: FinalCheck[]): FinalCheck {
  return (ctx) => {
    for (const check of checks) {
      const message = check(ctx);
      if (message !== undefined) return message;
    }
    return undefined;
  };
}

/** At least one of the options must be given. */
export function atLeastOne(names: readonly string[], message: string): FinalCheck {
  return (ctx) => (names.some((n) => ctx.options.has(n)) ? undefined : message);
}
