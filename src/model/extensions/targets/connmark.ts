/**
 * CONNMARK (extensions/libxt_CONNMARK.c revision 2 options; kernel
 * net/netfilter/xt_connmark.c, no table or hook limit: oracle accepts it in filter, nat,
 * raw). Canonical (connmark_tg_save_v2): `--set-xmark 0xV/0xM`, or
 * `--save-mark|--restore-mark --nfmask 0xN --ctmask 0xC`, then `--left|right-shift-mark N`
 * when not 0: `--save-mark --mask 0xff` → `--save-mark --nfmask 0xff --ctmask 0xff`,
 * `--set-mark 1/2` → `--set-xmark 0x1/0x3`, `--or-mark 3` → `--set-xmark 0x3/0x3`.
 */
import type { FinalCheckContext, SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { markMaskFor } from "../../values/mark.js";
import { parseUint, UINT32_MAX, x6Uint } from "../../values/number.js";
import { hex, words } from "../save-text.js";
import { XMARK_OPERATIONS, xmarkOf, xmarkText } from "./values/xmark.js";

/** F_OP_ANY: the operations, each excluding all the others. */
const OPERATIONS = [...XMARK_OPERATIONS, "save-mark", "restore-mark"];

function others(name: string): readonly string[] {
  return OPERATIONS.filter((o) => o !== name);
}

const u32 = (option: string) => x6Uint("CONNMARK", option, 0, UINT32_MAX);

/** connmark_tg_check: "CONNMARK target: No operation specified". */
function needsOperation(ctx: FinalCheckContext): string | undefined {
  return OPERATIONS.some((o) => ctx.options.has(o)) ? undefined : "CONNMARK target: No operation specified";
}

/**
 * connmark_tg_check (kernel) refuses shift_bits > 31 although userspace takes 0-32.
 * oracle: `--set-xmark 1/2 --left-shift-mark 32` → RULE_APPEND failed (Invalid argument);
 * 33 → userspace "bad value … (0-32)".
 */
function shiftFitsKernel(ctx: FinalCheckContext): string | undefined {
  for (const option of ["left-shift-mark", "right-shift-mark"]) {
    const text = ctx.options.get(option)?.values[0];
    if (text !== undefined && parseUint(text, 32, 32) === 32) {
      return `CONNMARK: --${option} 32 is refused by the kernel (at most 31 bits)`;
    }
  }
  return undefined;
}

/** What connmark_tg_parse leaves in xt_connmark_tginfo2, option by option in the order given. */
interface ConnmarkInfo {
  operation: string;
  ctmark: number;
  ctmask: number;
  nfmask: number;
  shift: string;
}

function numberOf(text: string): number {
  return parseUint(text, 0, UINT32_MAX) ?? 0;
}

function applyOption(info: ConnmarkInfo, name: string, text: string, ctx: SaveContext): void {
  const pair = xmarkOf(name, text, ctx);
  if (pair !== undefined) {
    [info.operation, info.ctmark, info.ctmask] = ["set-xmark", pair.value, pair.mask];
  } else if (name === "save-mark" || name === "restore-mark") {
    info.operation = name;
  } else if (name === "mask") {
    info.nfmask = info.ctmask = numberOf(text);
  } else if (name === "nfmask" || name === "ctmask") {
    info[name] = numberOf(text);
  } else if (name === "left-shift-mark" || name === "right-shift-mark") {
    // One direction field and one bit count: the last shift given wins; 0 bits print nothing.
    info.shift = numberOf(text) === 0 ? "" : `--${name} ${numberOf(text)}`;
  }
}

/**
 * connmark_tg_save_v2. The masks start as 0xffffffff (connmark_tg_init); --ctmask and
 * --nfmask are stored where they are read, so a later --set-xmark replaces --ctmask and a
 * later --ctmask replaces the --set-xmark mask. oracle: `--set-xmark 1/2 --nfmask 3
 * --ctmask 4` → `--set-xmark 0x1/0x4`; `--restore-mark --ctmask 0xff` → `--restore-mark
 * --nfmask 0xffffffff --ctmask 0xff`; `--right-shift-mark 3 --left-shift-mark 2` →
 * `--left-shift-mark 2`.
 */
function saveConnmark(ctx: SaveContext): string {
  const info: ConnmarkInfo = { operation: "", ctmark: 0, ctmask: UINT32_MAX, nfmask: UINT32_MAX, shift: "" };
  for (const option of ctx.options) applyOption(info, option.name, option.values[0] ?? "", ctx);
  const operation =
    info.operation === "set-xmark"
      ? xmarkText({ value: info.ctmark, mask: info.ctmask })
      : `--${info.operation} --nfmask ${hex(info.nfmask)} --ctmask ${hex(info.ctmask)}`;
  return words(info.operation !== "" && operation, info.shift);
}

export const connmarkTarget: TargetSpec = {
  kind: "target",
  name: "CONNMARK",
  families: ["ipv4", "ipv6"],
  summary: "set, save or restore the connection's mark (ctmark)",
  options: [
    { name: "set-xmark", arg: "required", value: markMaskFor("CONNMARK", "set-xmark"), excludes: others("set-xmark") },
    { name: "set-mark", arg: "required", value: markMaskFor("CONNMARK", "set-mark"), excludes: others("set-mark") },
    { name: "and-mark", arg: "required", value: u32("and-mark"), excludes: others("and-mark") },
    { name: "or-mark", arg: "required", value: u32("or-mark"), excludes: others("or-mark") },
    { name: "xor-mark", arg: "required", value: u32("xor-mark"), excludes: others("xor-mark") },
    { name: "save-mark", arg: "none", excludes: others("save-mark") },
    { name: "restore-mark", arg: "none", excludes: others("restore-mark") },
    // Both shifts may be given; the last one wins (oracle: accepted).
    { name: "left-shift-mark", arg: "required", value: x6Uint("CONNMARK", "left-shift-mark", 0, 32) },
    { name: "right-shift-mark", arg: "required", value: x6Uint("CONNMARK", "right-shift-mark", 0, 32) },
    // oracle: `--save-mark --mask 0xff --ctmask 1` →
    // CONNMARK: option "--ctmask" cannot be used together with "--mask".
    { name: "ctmask", arg: "required", value: u32("ctmask"), excludes: ["mask"] },
    { name: "nfmask", arg: "required", value: u32("nfmask"), excludes: ["mask"] },
    { name: "mask", arg: "required", value: u32("mask"), excludes: ["ctmask", "nfmask"] },
  ],
  finalCheck: needsOperation,
  kernelChecks: [{ check: shiftFitsKernel }],
  save: saveConnmark,
};
