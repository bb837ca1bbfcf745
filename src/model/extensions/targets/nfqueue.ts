/**
 * NFQUEUE (extensions/libxt_NFQUEUE.c revision 3; kernel net/netfilter/xt_NFQUEUE.c, no
 * table or hook limit). A bare `-j NFQUEUE` loads (queue 0).
 */
import type { TargetSpec } from "./types.js";
import { UINT16_MAX, x6Uint } from "../../values/number.js";
import { queueRange } from "./values/tos-values.js";

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
};
