/** `-m connbytes` (libxt_connbytes.c). */
import { x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { exactChoice } from "../../values/keywords.js";
import { mandatory } from "./x6.js";
import { bang } from "./save-helpers.js";
import { given, valueOf, words } from "../save-text.js";
import { parseUnsigned } from "../../values/number.js";

export const connbytesMatch: ExtensionSpec = {
  kind: "match",
  name: "connbytes",
  families: ["ipv4", "ipv6"],
  summary: "match the bytes/packets a connection has transferred so far",
  options: [
    { name: "connbytes", arg: "required", invertible: true, value: x6UintRange("connbytes", "connbytes", 0xffffffffffffffffn) },
    { name: "connbytes-dir", arg: "required", value: exactChoice(["original", "reply", "both"], (t) => `Unknown --connbytes-dir `+"`"+`${t}'`) },
    { name: "connbytes-mode", arg: "required", value: exactChoice(["packets", "bytes", "avgpkt"], (t) => `Unknown --connbytes-mode `+"`"+`${t}'`) },
  ],
  finalCheck: mandatory("connbytes", "connbytes", "connbytes-dir", "connbytes-mode"),
  // connbytes_save: `A` when the upper end is open (2^64-1), else `A:B`; then mode, then dir
  save: (ctx) => {
    const o = given(ctx, "connbytes")!;
    const [lo = "", hi] = o.values[0]!.split(":");
    const from = lo === "" ? 0n : parseUnsigned(lo, 0, 0xffffffffffffffffn)!;
    const to = hi === undefined || hi === "" ? 0xffffffffffffffffn : parseUnsigned(hi, 0, 0xffffffffffffffffn)!;
    const bytes = to !== 0n && to < 0xffffffffffffffffn ? `${from}:${to}` : `${from}`;
    return words(`${bang(o)}--connbytes ${bytes}`, `--connbytes-mode ${valueOf(ctx, "connbytes-mode")}`, `--connbytes-dir ${valueOf(ctx, "connbytes-dir")}`);
  },
};
