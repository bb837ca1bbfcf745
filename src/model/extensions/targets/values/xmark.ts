/**
 * The five ways MARK and CONNMARK (revision 2) set a mark all end as one pair, value and
 * mask, applied as `mark = (mark & ~mask) ^ value`; their save functions print only that
 * pair as `--set-xmark 0xVALUE/0xMASK` (libxt_MARK.c mark_tg_parse / mark_tg_save,
 * libxt_CONNMARK.c connmark_tg_parse / connmark_tg_save_v2).
 * oracle (MARK and CONNMARK alike): `--set-mark 7/3` → `0x7/0x7`, `--set-mark 5` →
 * `0x5/0xffffffff`, `--and-mark 0xfffffffe` → `0x0/0x1`, `--or-mark 3` → `0x3/0x3`,
 * `--xor-mark 3` → `0x3/0x0`, `--set-xmark 7/3` → `0x7/0x3`.
 */
import type { SaveContext } from "../../types.js";
import { markMask, type MarkMask } from "../../../values/mark.js";
import { parseUint, UINT32_MAX } from "../../../values/number.js";
import { hex, parsed } from "../../save-text.js";

export const XMARK_OPERATIONS = ["set-xmark", "set-mark", "and-mark", "or-mark", "xor-mark"] as const;

function uint32(text: string): number {
  const n = parseUint(text, 0, UINT32_MAX);
  if (n === undefined) throw new Error(`cannot save a mark that does not parse: ${text}`);
  return n;
}

/** The (value, mask) pair one operation leaves in the structure; undefined: not one of them. */
export function xmarkOf(operation: string, text: string, ctx: SaveContext): MarkMask | undefined {
  switch (operation) {
    case "set-xmark":
      return parsed<MarkMask>(markMask, text, ctx.family);
    case "set-mark": {
      const m = parsed<MarkMask>(markMask, text, ctx.family);
      return { value: m.value, mask: (m.value | m.mask) >>> 0 };
    }
    case "and-mark":
      return { value: 0, mask: ~uint32(text) >>> 0 };
    case "or-mark":
      return { value: uint32(text), mask: uint32(text) };
    case "xor-mark":
      return { value: uint32(text), mask: 0 };
    default:
      return undefined;
  }
}

export function xmarkText(pair: MarkMask): string {
  return `--set-xmark ${hex(pair.value)}/${hex(pair.mask)}`;
}
