/**
 * MARK (extensions/libxt_MARK.c; kernel net/netfilter/xt_mark.c). iptables 1.8.9 uses
 * revision 2, which has no table restriction (the old ipt_MARK revisions were mangle-only).
 * oracle: MARK in filter INPUT, nat POSTROUTING, raw PREROUTING, security INPUT → accepted.
 * All five options exclude each other (.excl = F_ANY_MARK). Canonical: iptables-save 1.8.9
 * always prints `--set-xmark VALUE/MASK` in hex: `--set-mark 010` → `0x8/0xffffffff`,
 * `--set-mark 5/0xff` → `0x5/0xff`, `--and-mark 0xfffffffe` → `0x0/0x1`,
 * `--or-mark 3` → `0x3/0x3`, `--xor-mark 3` → `0x3/0x0`.
 */
import type { SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { XMARK_OPERATIONS, xmarkOf, xmarkText } from "./values/xmark.js";
import { markMaskFor } from "../../values/mark.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";

/** mark_tg_save: the pair the last operation left (they exclude each other anyway). */
function saveMark(ctx: SaveContext): string {
  let text = "";
  for (const option of ctx.options) {
    const pair = xmarkOf(option.name, option.values[0] ?? "", ctx);
    if (pair !== undefined) text = xmarkText(pair);
  }
  return text;
}

function excludesOthers(name: string): readonly string[] {
  return XMARK_OPERATIONS.filter((other) => other !== name);
}

export const markTarget: TargetSpec = {
  kind: "target",
  name: "MARK",
  families: ["ipv4", "ipv6"],
  summary: "set the packet's netfilter mark (nfmark)",
  // In mark_opts[] order (O_SET_MARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_SET_XMARK): the
  // exclusion message names the earlier one first, e.g.
  // `MARK: option "--set-mark" cannot be used together with "--or-mark".`
  options: [
    { name: "set-mark", arg: "required", value: markMaskFor("MARK", "set-mark"), excludes: excludesOthers("set-mark") },
    { name: "and-mark", arg: "required", value: x6Uint("MARK", "and-mark", 0, UINT32_MAX), excludes: excludesOthers("and-mark") },
    { name: "or-mark", arg: "required", value: x6Uint("MARK", "or-mark", 0, UINT32_MAX), excludes: excludesOthers("or-mark") },
    { name: "xor-mark", arg: "required", value: x6Uint("MARK", "xor-mark", 0, UINT32_MAX), excludes: excludesOthers("xor-mark") },
    { name: "set-xmark", arg: "required", value: markMaskFor("MARK", "set-xmark"), excludes: excludesOthers("set-xmark") },
  ],
  // oracle: `-j MARK` → this message (MARK_check, revision 2).
  finalCheck: (ctx) =>
    ctx.options.size === 0 ? "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required" : undefined,
  save: saveMark,
};
