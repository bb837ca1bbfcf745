/**
 * NFQUEUE (extensions/libxt_NFQUEUE.c revision 3; kernel net/netfilter/xt_NFQUEUE.c, no
 * table or hook limit). A bare `-j NFQUEUE` loads (queue 0).
 */
import type { SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { parseUint, UINT16_MAX, x6Uint } from "../../values/number.js";
import { saveFlags } from "./values/save-text.js";
import { parsed, valueOf, words } from "../save-text.js";
import { queueRange } from "./values/tos-values.js";

/**
 * NFQUEUE_save_v3: `--queue-balance FIRST:LAST` or else `--queue-num N` (0 when not given),
 * then --queue-bypass, --queue-cpu-fanout. oracle: `-j NFQUEUE` → `--queue-num 0`;
 * `--queue-balance 0:3 --queue-cpu-fanout --queue-bypass` → `--queue-balance 0:3
 * --queue-bypass --queue-cpu-fanout`.
 */
function queueText(ctx: SaveContext): string {
  const balance = valueOf(ctx, "queue-balance");
  if (balance === undefined) return `--queue-num ${parseUint(valueOf(ctx, "queue-num") ?? "0", 0, UINT16_MAX)}`;
  const range = parsed<{ first: number; last: number }>(queueRange, balance, ctx.family);
  return `--queue-balance ${range.first}:${range.last}`;
}

function saveNfqueue(ctx: SaveContext): string {
  return words(queueText(ctx), ...saveFlags(ctx, ["queue-bypass", "queue-cpu-fanout"]));
}

export const nfqueueTarget: TargetSpec = {
  kind: "target",
  name: "NFQUEUE",
  families: ["ipv4", "ipv6"],
  summary: "hand the packet to a userspace program through an nfnetlink queue",
  options: [
    // oracle: NFQUEUE: option "--queue-num" cannot be used together with "--queue-balance".
    { name: "queue-num", arg: "required", value: x6Uint("NFQUEUE", "queue-num", 0, UINT16_MAX), excludes: ["queue-balance"] },
    { name: "queue-balance", arg: "required", value: queueRange, excludes: ["queue-num"] },
    { name: "queue-bypass", arg: "none" },
    { name: "queue-cpu-fanout", arg: "none" },
  ],
  // XTOPT `also`: oracle: `-j NFQUEUE --queue-cpu-fanout` →
  // NFQUEUE: option "--queue-cpu-fanout" also requires "--queue-balance".
  finalCheck: (ctx) =>
    ctx.options.has("queue-cpu-fanout") && !ctx.options.has("queue-balance")
      ? 'NFQUEUE: option "--queue-cpu-fanout" also requires "--queue-balance".'
      : undefined,
  save: saveNfqueue,
};
