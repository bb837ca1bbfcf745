/**
 * Small questions target checks ask about the rule around them: which protocol `-p` names
 * (as a number, the way the kernel's ipt_entry.ip.proto holds it) and whether it is inverted.
 */
import type { FinalCheckContext } from "../../types.js";
import { protocolNumber as lookUpProtocol } from "../../../values/protocol.js";

/** The protocol number of `-p` (xtables_parse_protocol), or undefined when absent or "all". */
export function protocolNumber(ctx: FinalCheckContext): number | undefined {
  if (ctx.protocol === undefined) return undefined;
  const n = lookUpProtocol(ctx.protocol.toLowerCase());
  return n === 0 ? undefined : n;
}

/** The kernel's usual test: `e->ip.proto == X && !(e->ip.invflags & XT_INV_PROTO)`. */
export function isProtocol(ctx: FinalCheckContext, ...numbers: number[]): boolean {
  const n = protocolNumber(ctx);
  return n !== undefined && numbers.includes(n) && !ctx.protocolInverted;
}

/** True when the option was given (canonical name). */
export function has(ctx: FinalCheckContext, option: string): boolean {
  return ctx.options.has(option);
}

/** The first value of a given option. */
export function valueOf(ctx: FinalCheckContext, option: string): string | undefined {
  return ctx.options.get(option)?.values[0];
}
