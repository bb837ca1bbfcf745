/** `-m ttl` (libipt_ttl.c): IPv4 TTL; `--ttl` is a hidden alias of `--ttl-eq`. Its final-check message lacks the closing quote (sic, 1.8.9). */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { bang } from "./save-helpers.js";
import { parsed } from "../save-text.js";
import type { SaveContext } from "../types.js";

const EXCLUSIVE = ["ttl-eq", "ttl-lt", "ttl-gt"];
const others = (n: string) => EXCLUSIVE.filter((o) => o !== n);

/** ttl_save: one of --ttl-eq (`!` allowed), --ttl-lt, --ttl-gt with a decimal value. */
function saveTtl(ctx: SaveContext): string {
  const o = ctx.options[ctx.options.length - 1]!;
  return `${bang(o)}--${o.name} ${parsed<number>(x6Uint("ttl", o.name, 0, 255), o.values[0]!, ctx.family)}`;
}

export const ttlMatch: ExtensionSpec = {
  kind: "match",
  name: "ttl",
  families: ["ipv4"],
  summary: "match the IPv4 time to live",
  options: [
    { name: "ttl-eq", aliases: ["ttl"], arg: "required", invertible: true, value: x6Uint("ttl", "ttl-eq", 0, 255), excludes: others("ttl-eq") },
    { name: "ttl-lt", arg: "required", value: x6Uint("ttl", "ttl-lt", 0, 255), excludes: others("ttl-lt") },
    { name: "ttl-gt", arg: "required", value: x6Uint("ttl", "ttl-gt", 0, 255), excludes: others("ttl-gt") },
  ],
  finalCheck: (ctx) => (ctx.options.size === 0 ? "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt" : undefined),
  save: saveTtl,
};
