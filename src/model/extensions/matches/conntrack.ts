/** `-m conntrack` revision 3 (libxt_conntrack.c, kernel xt_conntrack.c). */
import { singleAddress } from "../../values/address.js";
import { CTSTATE_NAMES, CTSTATUS_NAMES, ctdir, ctstateList, ctstatusList } from "../../values/conntrack.js";
import { UINT32_MAX, x6UintRange } from "../../values/number.js";
import { x6PortRange } from "../../values/port.js";
import { protocolExact } from "../../values/protocol.js";
import type { ExtensionSpec, OptionSpec } from "../types.js";
import { canonicalHostMask, flagged, range } from "./save-helpers.js";
import { parsed, words } from "../save-text.js";
import type { SaveContext } from "../types.js";
import type { PortRange } from "../../values/port.js";

const address = (name: string): OptionSpec => ({ name, arg: "required", invertible: true, value: singleAddress });
const portOption = (name: string): OptionSpec => ({
  name,
  arg: "required",
  invertible: true,
  value: x6PortRange("conntrack", name),
});

/** Keeps the names given, in the fixed order the printer walks the bits. */
function inOrder(order: readonly string[], names: readonly string[]): string {
  return order.filter((n) => names.includes(n)).join(",");
}

/** conntrack_dump_ports: one port or `A:B`. */
function ports(ctx: SaveContext, name: string): string {
  return flagged(ctx, name, (o) => {
    const p = parsed<PortRange>(x6PortRange("conntrack", name), o.values[0]!, ctx.family);
    return range(p.from, p.to);
  });
}

/**
 * conntrack_dump (revision 3, "--" prefix): a fixed option order; states and statuses in
 * bit order; --ctproto as a number; addresses numeric with the mask as a prefix length.
 */
function saveConntrack(ctx: SaveContext): string {
  const addr = (name: string) => flagged(ctx, name, (o) => canonicalHostMask(o.values[0]!, ctx.family));
  return words(
    flagged(ctx, "ctstate", (o) => inOrder(CTSTATE_NAMES, parsed<string[]>(ctstateList, o.values[0]!, ctx.family))),
    flagged(ctx, "ctproto", (o) => `${parsed<number>(protocolExact, o.values[0]!, ctx.family)}`),
    addr("ctorigsrc"),
    addr("ctorigdst"),
    addr("ctreplsrc"),
    addr("ctrepldst"),
    ports(ctx, "ctorigsrcport"),
    ports(ctx, "ctorigdstport"),
    ports(ctx, "ctreplsrcport"),
    ports(ctx, "ctrepldstport"),
    flagged(ctx, "ctstatus", (o) => {
      const names = parsed<string[]>(ctstatusList, o.values[0]!, ctx.family).filter((n) => n !== "NONE");
      return names.length === 0 ? "NONE" : inOrder(CTSTATUS_NAMES, names);
    }),
    flagged(ctx, "ctexpire", (o) => {
      const r = parsed<{ from: bigint; to: bigint }>(x6UintRange("conntrack", "ctexpire", UINT32_MAX), o.values[0]!, ctx.family);
      return range(r.from, r.to);
    }),
    flagged(ctx, "ctdir", (o) => o.values[0]!.toUpperCase()),
  );
}

export const conntrackMatch: ExtensionSpec = {
  kind: "match",
  name: "conntrack",
  families: ["ipv4", "ipv6"],
  summary: "match connection tracking state, status, direction and original/reply tuples",
  options: [
    { name: "ctstate", arg: "required", invertible: true, value: ctstateList },
    { name: "ctproto", arg: "required", invertible: true, value: protocolExact },
    address("ctorigsrc"),
    address("ctorigdst"),
    address("ctreplsrc"),
    address("ctrepldst"),
    { name: "ctstatus", arg: "required", invertible: true, value: ctstatusList },
    { name: "ctexpire", arg: "required", invertible: true, value: x6UintRange("conntrack", "ctexpire", UINT32_MAX) },
    portOption("ctorigsrcport"),
    portOption("ctorigdstport"),
    portOption("ctreplsrcport"),
    portOption("ctrepldstport"),
    { name: "ctdir", arg: "required", value: ctdir },
  ],
  // conntrack_mt_check: "conntrack: At least one option is required"
  finalCheck: (ctx) => (ctx.options.size === 0 ? "conntrack: At least one option is required" : undefined),
  save: saveConntrack,
};
