/** `-m string` revision 1 (libxt_string.c, kernel xt_string.c + textsearch algorithms). */
import { UINT16_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { allOf, mandatory } from "./x6.js";

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
  ),
};
