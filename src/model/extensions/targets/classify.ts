/**
 * CLASSIFY (extensions/libxt_CLASSIFY.c; kernel net/netfilter/xt_CLASSIFY.c:
 * .table = "mangle", hooks LOCAL_OUT, FORWARD, POST_ROUTING).
 */
import type { TargetSpec } from "./types.js";
import { mandatory } from "./values/nat-check.js";
import { classValue } from "./values/tos-values.js";

export const classifyTarget: TargetSpec = {
  kind: "target",
  name: "CLASSIFY",
  families: ["ipv4", "ipv6"],
  summary: "set the packet's traffic-control class (skb->priority)",
  options: [{ name: "set-class", arg: "required", value: classValue }],
  // oracle: `-j CLASSIFY` → CLASSIFY: option "--set-class" must be specified
  finalCheck: mandatory("CLASSIFY", "set-class"),
  // oracle: mangle POSTROUTING → accepted; mangle INPUT, filter INPUT → rejected.
  tables: ["mangle"],
  hooks: ["FORWARD", "OUTPUT", "POSTROUTING"],
};
