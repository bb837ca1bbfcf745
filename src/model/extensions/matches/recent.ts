/** `-m recent` revision 1 (libxt_recent.c, kernel xt_recent.c). */
import { singleHost } from "../../values/address.js";
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { allOf, alsoRequires, type FinalCheck } from "./x6.js";
import { bang, formatAddress } from "./save-helpers.js";
import { given, has, parsed, valueOf, words } from "../save-text.js";
import type { SaveContext } from "../types.js";
import type { ParsedHost } from "../../values/address.js";

const COMMANDS = ["set", "rcheck", "update", "remove"];

/**
 * The kernel refuses an empty list name, and one that cannot be a file of
 * /proc/net/xt_recent: "." , ".." or a name with a "/" (recent_mt_check: EINVAL; oracle,
 * found by fuzz:kernel).
 */
const listName: ValueCheck = (text) => {
  if (text === "") return bad("recent: --name must not be empty (kernel: Invalid argument)");
  if (text === "." || text === ".." || text.includes("/")) return bad(`--name ${text} cannot name a file in /proc/net/xt_recent (kernel: Invalid argument)`);
  return ok(text);
};

const needsCommand: FinalCheck = (ctx) =>
  COMMANDS.some((c) => ctx.options.has(c))
    ? undefined
    : "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'";

/**
 * recent_save: the command (with the match's one `!`), --seconds and --hitcount when not 0,
 * --reap, --rttl, then the defaults spelled out: --name DEFAULT, --mask all ones, --rsource.
 */
function saveRecent(ctx: SaveContext): string {
  const command = COMMANDS.map((c) => given(ctx, c)).find((o) => o !== undefined);
  const mask = valueOf(ctx, "mask");
  const maskHost = mask === undefined ? undefined : parsed<ParsedHost>(singleHost, mask, ctx.family);
  const maskBytes = maskHost?.kind === "address" ? maskHost.bytes : new Array<number>(ctx.family === "ipv4" ? 4 : 16).fill(255);
  const nonZero = (name: string) => {
    const v = valueOf(ctx, name);
    const n = v === undefined ? 0 : parsed<number>(x6Uint("recent", name, 0, UINT32_MAX), v, ctx.family);
    return n !== 0 && `--${name} ${n}`;
  };
  const lastSide = [...ctx.options].reverse().find((o) => o.name === "rsource" || o.name === "rdest");
  return words(
    command && `${bang(command)}--${command.name}`,
    nonZero("seconds"),
    has(ctx, "reap") && "--reap",
    nonZero("hitcount"),
    has(ctx, "rttl") && "--rttl",
    `--name ${valueOf(ctx, "name") ?? "DEFAULT"}`,
    `--mask ${formatAddress(maskBytes, ctx.family)}`,
    lastSide?.name === "rdest" ? "--rdest" : "--rsource",
  );
}

export const recentMatch: ExtensionSpec = {
  kind: "match",
  name: "recent",
  families: ["ipv4", "ipv6"],
  summary: "remember addresses in a named list and match on how recently/often they were seen",
  options: [
    ...COMMANDS.map((name) => ({
      name,
      arg: "none" as const,
      invertible: true,
      excludes: [...COMMANDS.filter((c) => c !== name), ...(name === "set" ? ["rttl"] : [])],
    })),
    { name: "seconds", arg: "required", value: x6Uint("recent", "seconds", 1, UINT32_MAX) },
    { name: "reap", arg: "none" },
    { name: "hitcount", arg: "required", value: x6Uint("recent", "hitcount", 0, UINT32_MAX) },
    { name: "rttl", arg: "none", excludes: ["set"] },
    { name: "name", arg: "required", value: listName },
    { name: "rsource", arg: "none" },
    { name: "rdest", arg: "none" },
    { name: "mask", arg: "required", value: singleHost },
  ],
  finalCheck: allOf(needsCommand, alsoRequires("recent", "reap", "seconds")),
  save: saveRecent,
};
