/**
 * Packet rates `N[/second|minute|hour|day]` of the limit match (libxt_limit.c parse_rate):
 * the unit may be any case-insensitive prefix ("5/s", "5/MIN"), N is read with atoi (so
 * "5x/s" is 5 and "0x5/s" is 0), 0 is refused, and N above XT_LIMIT_SCALE per unit
 * rounds the kernel's cost to 0: "Rate too fast".
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

export const XT_LIMIT_SCALE = 10000;

const UNIT_SECONDS: ReadonlyArray<readonly [string, number]> = [
  ["second", 1],
  ["minute", 60],
  ["hour", 3600],
  ["day", 86400],
];

/** C atoi: leading space, optional sign, decimal digits, stops at the first other char; int32 wrap. */
export function atoi(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text)!;
  const digits = m[2] ?? "";
  if (digits === "") return 0;
  const big = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  return Number(BigInt.asIntN(32, big));
}

function unitSeconds(unit: string): number | undefined {
  if (unit === "") return undefined;
  return UNIT_SECONDS.find(([name]) => name.startsWith(unit.toLowerCase()))?.[1];
}

export interface Rate {
  /** Packets per `seconds`. */
  readonly count: number;
  readonly seconds: number;
}

/** parse_rate: the rate as `{count, seconds}`, or iptables' message. */
export function parseRate(text: string): { ok: true; rate: Rate } | { ok: false; message: string } {
  const slash = text.indexOf("/");
  const seconds = slash < 0 ? 1 : unitSeconds(text.slice(slash + 1));
  const count = atoi(text);
  if (seconds === undefined || count === 0) return { ok: false, message: `bad rate "${text}"'` };
  // *val = XT_LIMIT_SCALE * mult / r in 32-bit unsigned arithmetic; 0 means too fast.
  const cost = Math.floor((XT_LIMIT_SCALE * seconds) / (count >>> 0));
  if (cost === 0) return { ok: false, message: `Rate too fast "${text}"` };
  return { ok: true, rate: { count, seconds } };
}

/** `-m limit --limit RATE`. */
export const limitRate: ValueCheck = (text) => {
  const r = parseRate(text);
  return r.ok ? ok(r.rate) : bad(r.message);
};
