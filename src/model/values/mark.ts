/**
 * `VALUE[/MASK]` of 32-bit marks: XTTYPE_MARKMASK32 (xtoptions.c xtopt_parse_markmask),
 * the parser of mark, connmark and the MARK/CONNMARK targets' --set-xmark and friends.
 * Both parts are strtoul base 0 without '-', the mask defaults to 0xffffffff.
 */
import { hex } from "../extensions/save-text.js";
import type { ValueCheck } from "../extensions/types.js";
import { strtoul, UINT32_MAX } from "./number.js";
import { bad, ok } from "./result.js";

export interface MarkMask {
  readonly value: number;
  readonly mask: number;
}

/** xtables_strtoul with an end pointer: a leading number, whatever follows it. */
function leadingUint32(text: string): { value: number; rest: string } | undefined {
  if (/^[ \t\n\v\f\r]*-/.test(text)) return undefined;
  const r = strtoul(text, 0);
  if (r.end === 0 || r.overflow || r.value > BigInt(UINT32_MAX)) return undefined;
  return { value: Number(r.value), rest: text.slice(r.end) };
}

/** A MARKMASK32 value; messages name the extension and option as iptables does. */
export function markMaskFor(ext: string, option: string): ValueCheck {
  const badInteger = bad(`${ext}: bad integer value for option "--${option}", or out of range.`);
  const garbage = bad(`${ext}: trailing garbage after value for option "--${option}".`);
  return (text) => {
    const value = leadingUint32(text);
    if (value === undefined) return badInteger;
    let rest = value.rest;
    let mask = UINT32_MAX;
    if (rest.startsWith("/")) {
      const m = leadingUint32(rest.slice(1));
      if (m === undefined) return badInteger;
      mask = m.value;
      rest = m.rest;
    }
    if (rest !== "") return garbage;
    return ok<MarkMask>({ value: value.value, mask });
  };
}

/**
 * xtables_parse_val_mask with a name map (devgroup's /etc/iproute2/group): a word whose
 * leading number is missing, or is followed by anything but `/`, is looked up whole as a
 * name ("default/0xf" and "1x" are names too), case-sensitively (xtables_lmap_name2id).
 */
export function markMaskOrName(ext: string, option: string, names: Readonly<Record<string, number>>): ValueCheck {
  const numeric = markMaskFor(ext, option);
  return (text, ctx) => {
    const value = leadingUint32(text);
    if (value !== undefined && (value.rest === "" || value.rest.startsWith("/"))) return numeric(text, ctx);
    const id = Object.hasOwn(names, text) ? names[text] : undefined;
    if (id === undefined) return bad(`${ext}: could not map name ${text} to an integer value for option "--${option}".`);
    return ok<MarkMask>({ value: id, mask: UINT32_MAX });
  };
}

/** The mark match's `--mark`. */
export const markMask: ValueCheck = markMaskFor("mark", "mark");

/** mark_mt_save / connmark_mt_save print_mark: `0xVALUE`, `/0xMASK` unless the mask is full. */
export function formatMarkMask(m: MarkMask): string {
  return m.mask === UINT32_MAX ? hex(m.value) : `${hex(m.value)}/${hex(m.mask)}`;
}
