/**
 * CLASSIFY (extensions/libxt_CLASSIFY.c; kernel net/netfilter/xt_CLASSIFY.c: hooks
 * LOCAL_OUT, FORWARD, POST_ROUTING in any table; its .table is not set).
 */
import type { TargetSpec } from "./types.js";
import { mandatory } from "./values/nat-check.js";
import { hex, parsed, valueOf } from "../save-text.js";
import { classValue, type ClassId } from "./values/tos-values.js";

export const classifyTarget: TargetSpec = {
  kind: "target",
  name: "CLASSIFY",
  families: ["ipv4", "ipv6"],
  summary: "set the packet's traffic-control class (skb->priority)",
  options: [{ name: "set-class", arg: "required", value: classValue }],
  // oracle: `-j CLASSIFY` → CLASSIFY: option "--set-class" must be specified
  finalCheck: mandatory("CLASSIFY", "set-class"),
  // oracle: mangle POSTROUTING, filter OUTPUT/FORWARD, nat POSTROUTING, raw OUTPUT → accepted;
  // mangle INPUT, filter INPUT → rejected.
  hooks: ["FORWARD", "OUTPUT", "POSTROUTING"],
  // CLASSIFY_save: `--set-class %04x:%04x`. oracle: `1:10` → `0001:0010`, `0x10:0x1` →
  // `0010:0001`, `10000:1` → `0000:0001`.
  save: (ctx) => {
    const id = parsed<ClassId>(classValue, valueOf(ctx, "set-class") ?? "", ctx.family);
    return `--set-class ${hex(id.major, 4).slice(2)}:${hex(id.minor, 4).slice(2)}`;
  },
};
