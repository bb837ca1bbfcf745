/** `-m string` revision 1 (libxt_string.c, kernel xt_string.c + textsearch algorithms). */
import { UINT16_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, FinalCheckContext, GivenOption, ValueCheck } from "../types.js";
import { allOf, mandatory } from "./x6.js";
import { bang } from "./save-helpers.js";
import { given, has, valueOf, words } from "../save-text.js";
import { parseUint } from "../../values/number.js";
import type { SaveContext } from "../types.js";

/** The kernel's textsearch knows bm and kmp; another name fails with ENOENT. */
const algo: ValueCheck = (text) =>
  text === "bm" || text === "kmp" ? ok(text) : bad(`string: unknown algorithm "${text}" (kernel: No such file or directory)`);

/** parse_hex_string: text with |hex pairs| blocks; a block needs whole byte pairs. */
const hexString: ValueCheck = (text) => {
  const blocks = text.split("|");
  if (blocks.length % 2 === 0) return bad("Invalid hex block");
  for (let i = 1; i < blocks.length; i += 2) {
    const hex = blocks[i]!.replace(/ /g, "");
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) return bad("Invalid hex block");
  }
  return ok(text);
};

/** parse_hex_string: `|hex pairs|` blocks (spaces inside ignored), `\\c` a literal c, other bytes as is. */
function hexPattern(text: string): number[] {
  const s = [...Buffer.from(text, "utf8")];
  const out: number[] = [];
  let hexMode = false;
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === 0x7c) { hexMode = !hexMode; i++; continue; } // '|'
    if (hexMode) {
      if (c === 0x20) { i++; continue; }
      out.push(parseInt(String.fromCharCode(c, s[i + 1]!), 16));
      i += 2;
    } else if (c === 0x5c) { // '\\': the next byte literally
      out.push(s[i + 1]!);
      i += 2;
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
}

/**
 * string_save: the pattern as `--string "TEXT"` (always quoted, `"` and `\\` escaped) when
 * every byte is printable and it does not end in `\\`, else `--hex-string "|HEX|"` whichever
 * option was used; then --algo, --from unless 0, --to unless 65535, --icase.
 */
function saveStringMatch(ctx: SaveContext): string {
  const o = given(ctx, "string") ?? given(ctx, "hex-string")!;
  const bytes = o.name === "string" ? [...Buffer.from(o.values[0]!, "utf8")] : hexPattern(o.values[0]!);
  const printable = bytes.every((b) => b >= 0x20 && b <= 0x7e) && bytes[bytes.length - 1] !== 0x5c;
  const pattern = printable
    ? `--string "${String.fromCharCode(...bytes).replace(/["\\]/g, (c) => `\\${c}`)}"`
    : `--hex-string "|${bytes.map((b) => b.toString(16).padStart(2, "0")).join("")}|"`;
  const from = parseUint(valueOf(ctx, "from") ?? "0", 0, 65535);
  const to = parseUint(valueOf(ctx, "to") ?? "65535", 0, 65535);
  return words(
    `${bang(o)}${pattern}`,
    `--algo ${valueOf(ctx, "algo")}`,
    from !== 0 && `--from ${from}`,
    to !== 65535 && `--to ${to}`,
    has(ctx, "icase") && "--icase",
  );
}

/** The pattern's length in bytes as the kernel receives it (--string raw, --hex-string decoded). */
function patternLength(o: GivenOption): number {
  return o.name === "string" ? Buffer.byteLength(o.values[0]!, "utf8") : hexPattern(o.values[0]!).length;
}

/**
 * kernel string_mt_check: --from beyond --to is refused, and textsearch_prepare refuses an
 * empty pattern (oracle: `--string ""` and `--from 10 --to 5` fail at load on both backends;
 * `--from 10 --to 10` loads).
 */
function kernelCheck(ctx: FinalCheckContext): string | undefined {
  const from = parseUint(ctx.options.get("from")?.values[0] ?? "0", 0, UINT16_MAX) ?? 0;
  const to = parseUint(ctx.options.get("to")?.values[0] ?? `${UINT16_MAX}`, 0, UINT16_MAX) ?? UINT16_MAX;
  if (from > to) return `--from ${from} is beyond --to ${to} (the kernel rejects this rule when the ruleset is loaded)`;
  const pattern = ctx.options.get("string") ?? ctx.options.get("hex-string");
  if (pattern && patternLength(pattern) === 0) return "the pattern is empty (the kernel rejects this rule when the ruleset is loaded)";
  return undefined;
}

export const stringMatch: ExtensionSpec = {
  kind: "match",
  name: "string",
  families: ["ipv4", "ipv6"],
  summary: "match a string or hex pattern in the packet payload",
  options: [
    { name: "from", arg: "required", value: x6Uint("string", "from", 0, UINT16_MAX) },
    { name: "to", arg: "required", value: x6Uint("string", "to", 0, UINT16_MAX) },
    { name: "algo", arg: "required", value: algo },
    { name: "string", arg: "required", invertible: true, excludes: ["hex-string"] },
    { name: "hex-string", arg: "required", invertible: true, value: hexString, excludes: ["string"] },
    { name: "icase", arg: "none" },
  ],
  finalCheck: allOf(
    (ctx) =>
      ctx.options.has("string") || ctx.options.has("hex-string")
        ? undefined
        : "STRING match: You must specify `--string' or `--hex-string'",
    mandatory("string", "algo"),
    kernelCheck,
  ),
  save: saveStringMatch,
};
