/** `-m ttl` (libipt_ttl.c): IPv4 TTL; `--ttl` is a hidden alias of `--ttl-eq`. Its final-check message lacks the closing quote (sic, 1.8.9). */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";

const EXCLUSIVE = ["ttl-eq", "ttl-lt", "ttl-gt"];
const others = (n: string) => EXCLUSIVE.filter((o) => o !== n);

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
};
