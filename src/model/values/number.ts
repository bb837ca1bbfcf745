/**
 * Unsigned integers the way iptables reads them: glibc strtoul/strtoumax wrapped by
 * xtables_strtoul_base (libxtables/xtables.c), which skips leading white space, refuses a
 * leading '-', accepts '+', detects the base from the prefix when base is 0 ("0x1f" hex,
 * "017" octal) and requires the whole word to be consumed.
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

export const UINT8_MAX = 0xff;
export const UINT16_MAX = 0xffff;
export const UINT32_MAX = 0xffffffff;
export const UINT64_MAX = 0xffffffffffffffffn;

export interface StrtoulResult {
  /** The parsed value; saturated at UINT64_MAX when `overflow` (errno ERANGE). */
  readonly value: bigint;
  /** Index of the first character not consumed; 0 when no digits were read. */
  readonly end: number;
  readonly overflow: boolean;
  readonly negative: boolean;
}

const C_SPACE = /^[ \t\n\v\f\r]*/;

function digitValue(ch: string): number {
  const code = ch.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return 99;
}

/** C strtoumax(text, &end, base) for base 0, 8, 10 or 16, including its quirks. */
export function strtoul(text: string, base: 0 | 8 | 10 | 16 = 0): StrtoulResult {
  let i = (C_SPACE.exec(text)?.[0] ?? "").length;
  let negative = false;
  if (text[i] === "+" || text[i] === "-") {
    negative = text[i] === "-";
    i++;
  }
  let radix: number = base;
  const hexPrefix = text[i] === "0" && (text[i + 1] === "x" || text[i + 1] === "X");
  if ((base === 0 || base === 16) && hexPrefix && digitValue(text[i + 2] ?? "") < 16) {
    i += 2;
    radix = 16;
  } else if (base === 0) {
    radix = text[i] === "0" ? 8 : 10;
  }
  const start = i;
  let value = 0n;
  let overflow = false;
  while (i < text.length && digitValue(text[i]!) < radix) {
    value = value * BigInt(radix) + BigInt(digitValue(text[i]!));
    if (value > UINT64_MAX) overflow = true;
    i++;
  }
  if (i === start) return { value: 0n, end: 0, overflow: false, negative };
  if (overflow) value = UINT64_MAX;
  return { value, end: i, overflow, negative };
}

/**
 * xtables_strtoul_base(text, NULL, &v, min, max, base): the whole word must be a number in
 * min..max. Returns undefined where iptables' helper returns false.
 */
export function parseUnsigned(
  text: string,
  min: bigint | number,
  max: bigint | number,
  base: 0 | 8 | 10 | 16 = 0,
): bigint | undefined {
  const afterSpace = text.slice((C_SPACE.exec(text)?.[0] ?? "").length);
  if (afterSpace.startsWith("-")) return undefined;
  const r = strtoul(text, base);
  if (r.end === 0 || r.end !== text.length || r.overflow) return undefined;
  if (r.value < BigInt(min) || r.value > BigInt(max)) return undefined;
  return r.value;
}

/** parseUnsigned for values that fit a JS number (up to 32 bits in practice). */
export function parseUint(text: string, min: number, max: number, base: 0 | 8 | 10 | 16 = 0): number | undefined {
  const v = parseUnsigned(text, min, max, base);
  return v === undefined ? undefined : Number(v);
}

/**
 * An unsigned integer min..max, base 0 as xtables_strtoui. On failure the message follows
 * the common iptables wording "invalid WHAT `TEXT' specified".
 */
export function uint(min: number, max: number, what: string): ValueCheck {
  return (text) => {
    const v = parseUint(text, min, max);
    return v === undefined ? bad(`invalid ${what} \`${text}' specified`) : ok(v);
  };
}

/**
 * The value of an XTTYPE_UINT8/16/32/64 option (xtoptions.c xtopt_parse_int): base 0,
 * bounds from the option's min/max (max 0 means the type's maximum). Message as iptables:
 * `limit: bad value for option "--limit-burst", or out of range (0-10000).`
 */
export function x6Uint(ext: string, option: string, min: number | bigint, max: number | bigint): ValueCheck {
  return (text) => {
    const v = parseUnsigned(text, min, max);
    if (v === undefined) {
      return bad(`${ext}: bad value for option "--${option}", or out of range (${min}-${max}).`);
    }
    return ok(v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
  };
}

/**
 * The value of an XTTYPE_UINT*RC option (xtoptions.c xtopt_parse_mint): at most two
 * ':'-separated parts, an empty part meaning 0 (first) or the type's maximum (second);
 * min > max is left for the extension or kernel to judge.
 */
export function x6UintRange(ext: string, option: string, max: number | bigint): ValueCheck {
  return (text) => {
    const parts = text.split(":");
    if (parts.length > 2) {
      return bad(`${ext}: Too many components for option "--${option}" (max: 2)`);
    }
    const values: bigint[] = [];
    for (const [i, part] of parts.entries()) {
      if (part === "") {
        values.push(i === 0 ? 0n : BigInt(max));
        continue;
      }
      const v = parseUnsigned(part, 0, max);
      if (v === undefined) {
        return bad(`${ext}: bad value for option "--${option}" near "${part}", or out of range (0-${max}).`);
      }
      values.push(v);
    }
    const lo = values[0]!;
    return ok({ from: lo, to: values[1] ?? lo });
  };
}
