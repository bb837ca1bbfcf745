/**
 * Values of the TOS, DSCP and CLASSIFY targets.
 */
import type { ValueCheck } from "../../types.js";
import { parseUint, strtoul, UINT8_MAX } from "../../../values/number.js";
import { bad, ok } from "../../../values/result.js";

/** xtoptions.c tos_symbol_names, compared with strcasecmp. */
const TOS_SYMBOLS: Readonly<Record<string, number>> = {
  "minimize-delay": 0x10,
  "maximize-throughput": 0x08,
  "maximize-reliability": 0x04,
  "minimize-cost": 0x02,
  "normal-service": 0x00,
};

/** xtables_strtoui with an end pointer: a leading 0..max number and the rest, or undefined. */
function leading(text: string, max: number): { value: number; rest: string } | undefined {
  if (/^[ \t\n\v\f\r]*-/.test(text)) return undefined;
  const r = strtoul(text);
  if (r.end === 0 || r.overflow || r.value > BigInt(max)) return undefined;
  return { value: Number(r.value), rest: text.slice(r.end) };
}

export interface TosMask {
  readonly value: number;
  readonly mask: number;
}

/** xtopt_parse_tosmask: a symbolic name only touches the TOS bits proper (0x3f). */
const SYMBOL_MASK = 0x3f;

/**
 * XTTYPE_TOSMASK (xtopt_parse_tosmask): VALUE[/MASK] 0-255 (mask 0xff when omitted), else a
 * symbolic name (mask 0x3f). oracle: `--set-tos 256` and `foo` → Symbolic name "…" is
 * unknown; `0x10/0x3f`, `Minimize-Delay` → accepted; saved as `0x10/0x3f` both.
 */
export const tosMask: ValueCheck = (text) => {
  const value = leading(text, UINT8_MAX);
  if (value === undefined) {
    const symbol = Object.hasOwn(TOS_SYMBOLS, text.toLowerCase()) ? TOS_SYMBOLS[text.toLowerCase()] : undefined;
    return symbol === undefined ? bad(`Symbolic name "${text}" is unknown`) : ok<TosMask>({ value: symbol, mask: SYMBOL_MASK });
  }
  if (value.rest === "") return ok<TosMask>({ value: value.value, mask: UINT8_MAX });
  if (!value.rest.startsWith("/")) return bad(`Illegal value: "${text}"`);
  const mask = leading(value.rest.slice(1), UINT8_MAX);
  if (mask === undefined || mask.rest !== "") return bad(`Illegal value: "${text}"`);
  return ok<TosMask>({ value: value.value, mask: mask.value });
};

/** libxt_DSCP.c / xtables dscp helpers class_to_dscp: DiffServ class names, any case. */
const DSCP_CLASSES: Readonly<Record<string, number>> = {
  cs0: 0x00, cs1: 0x08, cs2: 0x10, cs3: 0x18, cs4: 0x20, cs5: 0x28, cs6: 0x30, cs7: 0x38,
  be: 0x00,
  af11: 0x0a, af12: 0x0c, af13: 0x0e,
  af21: 0x12, af22: 0x14, af23: 0x16,
  af31: 0x1a, af32: 0x1c, af33: 0x1e,
  af41: 0x22, af42: 0x24, af43: 0x26,
  ef: 0x2e,
};

/** oracle: `--set-dscp-class xx` → Invalid DSCP value `xx'; `af41`, `EF`, `cs7` → accepted. */
export const dscpClass: ValueCheck = (text) => {
  const value = Object.hasOwn(DSCP_CLASSES, text.toLowerCase()) ? DSCP_CLASSES[text.toLowerCase()] : undefined;
  return value === undefined ? bad(`Invalid DSCP value \`${text}'`) : ok(value);
};

export interface ClassId {
  readonly major: number;
  readonly minor: number;
}

const HEX_NUMBER = "[ \\t\\n\\v\\f\\r]*([+-]?)(?:0[xX])?([0-9a-fA-F]+)";
const CLASS_ID = new RegExp(`^${HEX_NUMBER}:${HEX_NUMBER}`);
const ULONG_MAX = 0xffffffffffffffffn;

/** One sscanf %x into an unsigned int: strtoul (saturating, '-' negates), cut to 32 bits. */
function scanHex(sign: string, digits: string): number {
  let value = BigInt(`0x${digits}`);
  if (value > ULONG_MAX) value = ULONG_MAX;
  if (sign === "-") value = (ULONG_MAX + 1n - value) & ULONG_MAX;
  return Number(value & 0xffffffffn);
}

/**
 * CLASSIFY --set-class MAJOR:MINOR, read with sscanf("%x:%x") (libxt_CLASSIFY.c
 * CLASSIFY_string_to_priority): hexadecimal, no range check, trailing text ignored; the
 * priority is TC_H_MAKE(major << 16, minor), so each part keeps its low 16 bits.
 * oracle: `1` → Bad class value "1"; `10000:1` → saved as 0000:0001; `1:2xyz` → 0001:0002.
 */
export const classValue: ValueCheck = (text) => {
  const m = CLASS_ID.exec(text);
  if (m === null) return bad(`Bad class value "${text}"`);
  return ok<ClassId>({ major: scanHex(m[1]!, m[2]!) & 0xffff, minor: scanHex(m[3]!, m[4]!) & 0xffff });
};

/** NFQUEUE --queue-balance FIRST:LAST (libxt_NFQUEUE.c parse_num / NFQUEUE_parse_v1). */
export const queueRange: ValueCheck = (text) => {
  const colon = text.indexOf(":");
  if (colon === -1) return bad(`Bad range "${text}"`);
  const first = parseUint(text.slice(0, colon), 0, 0xffff);
  const last = parseUint(text.slice(colon + 1), 0, 0xffff);
  if (first === undefined || last === undefined) return bad(`Bad range "${text}"`);
  // oracle: `--queue-balance 3:1` → "3 should be less than 1", and `3:3` → "3 should be
  // less than 3": a balance needs at least two queues.
  if (first >= last) return bad(`${first} should be less than ${last}`);
  return ok({ first, last });
};
