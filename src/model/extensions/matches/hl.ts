/** `-m hl` (libip6t_hl.c): IPv6 hop limit; `--hl` is a hidden alias of `--hl-eq`. */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { bang } from "./save-helpers.js";
import { parsed } from "../save-text.js";
import type { SaveContext } from "../types.js";

const EXCLUSIVE = ["hl-eq", "hl-lt", "hl-gt"];
const others = (n: string) => EXCLUSIVE.filter((o) => o !== n);

/** hl_save: one of --hl-eq (`!` allowed), --hl-lt, --hl-gt with a decimal value. */
function saveHl(ctx: SaveContext): string {
  const o = ctx.options[ctx.options.length - 1]!;
  return `${bang(o)}--${o.name} ${parsed<number>(x6Uint("hl", o.name, 0, 255), o.values[0]!, ctx.family)}`;
}

export const hlMatch: ExtensionSpec = {
  kind: "match",
  name: "hl",
  families: ["ipv6"],
  summary: "match the IPv6 hop limit",
  options: [
    { name: "hl-eq", aliases: ["hl"], arg: "required", invertible: true, value: x6Uint("hl", "hl-eq", 0, 255), excludes: others("hl-eq") },
    { name: "hl-lt", arg: "required", value: x6Uint("hl", "hl-lt", 0, 255), excludes: others("hl-lt") },
    { name: "hl-gt", arg: "required", value: x6Uint("hl", "hl-gt", 0, 255), excludes: others("hl-gt") },
  ],
  finalCheck: (ctx) => (ctx.options.size === 0 ? "HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'" : undefined),
  save: saveHl,
};
