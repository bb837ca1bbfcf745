/**
 * `-m owner` revision 1 (libxt_owner.c, kernel xt_owner.c: .hooks LOCAL_OUT|POST_ROUTING,
 * the only places a packet still knows its local socket).
 */
import { parseUint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import type { FinalCheck } from "./x6.js";
import { bang } from "./save-helpers.js";
import { given, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/**
 * owner_parse_range: a user/group name (looked up in the host's passwd/group, which we
 * cannot see, so any plausible name passes) or `N[-M]` with numbers below 2^32-1; the
 * kernel refuses a range whose start exceeds its end.
 */
function idRange(option: string): ValueCheck {
  const badValue = (text: string) => bad(`owner: Bad value for "--${option}" option: "${text}"`);
  return (text) => {
    if (/^[A-Za-z_][A-Za-z0-9_.-]*\$?$/.test(text)) return ok({ name: text });
    const [lo, hi, extra] = text.split("-");
    const from = parseUint(lo ?? "", 0, 0xfffffffe);
    const to = hi === undefined ? from : parseUint(hi, 0, 0xfffffffe);
    if (extra !== undefined || from === undefined || to === undefined) return badValue(text);
    if (from > to) return bad(`owner: ${option} range ${text} has min > max (kernel: Invalid argument)`);
    return ok({ from, to });
  };
}

/** XTOPT-free ordering rule of owner_parse: --suppl-groups only after --gid-owner. */
const supplAfterGid: FinalCheck = (ctx) => {
  if (!ctx.options.has("suppl-groups")) return undefined;
  const order = [...ctx.options.keys()];
  const gid = order.indexOf("gid-owner");
  return gid < 0 || gid > order.indexOf("suppl-groups")
    ? `owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"`
    : undefined;
};

const needsOne: FinalCheck = (ctx) =>
  ["uid-owner", "gid-owner", "socket-exists"].some((n) => ctx.options.has(n))
    ? undefined
    : "owner: At least one of --uid-owner, --gid-owner or --socket-exists is required";

/**
 * owner_mt_save: --socket-exists, --uid-owner, --gid-owner, --suppl-groups in that order;
 * ids as numbers, `A-B` for a range. A user or group *name* is resolved by iptables in the
 * host's passwd/group at load time; we cannot (except root, 0 everywhere), so it is printed
 * as written.
 */
function saveOwner(ctx: SaveContext): string {
  const item = (name: string, format: (text: string) => string = (t) => t) => {
    const o = given(ctx, name);
    if (o === undefined) return "";
    return `${bang(o)}--${name}${o.values.length > 0 ? ` ${format(o.values[0]!)}` : ""}`;
  };
  const ids = (option: string) => (text: string) => {
    if (text === "root") return "0"; // uid 0 / gid 0 on every system
    const r = idRange(option)(text, { family: ctx.family });
    if (!r.ok || "name" in (r.value as object)) return text;
    const { from, to } = r.value as { from: number; to: number };
    return from === to ? `${from}` : `${from}-${to}`;
  };
  return words(
    item("socket-exists"),
    item("uid-owner", ids("uid-owner")),
    item("gid-owner", ids("gid-owner")),
    item("suppl-groups"),
  );
}

export const ownerMatch: ExtensionSpec = {
  kind: "match",
  name: "owner",
  families: ["ipv4", "ipv6"],
  summary: "match the user, group or socket of locally generated packets",
  options: [
    { name: "uid-owner", arg: "required", invertible: true, value: idRange("uid-owner") },
    { name: "gid-owner", arg: "required", invertible: true, value: idRange("gid-owner") },
    { name: "socket-exists", arg: "none", invertible: true },
    { name: "suppl-groups", arg: "none" },
  ],
  finalCheck: (ctx) => supplAfterGid(ctx) ?? needsOne(ctx),
  hooks: ["OUTPUT", "POSTROUTING"],
  save: saveOwner,
};
