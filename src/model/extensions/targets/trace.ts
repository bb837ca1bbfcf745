/**
 * TRACE (extensions/libxt_TRACE.c, no options; kernel net/netfilter/xt_TRACE.c with
 * .table = "raw"). iptables-nft 1.8.9 does not use xt_TRACE: it emits the native
 * `meta nftrace set 1`, which any table accepts, so only legacy enforces the table.
 * oracle: -t raw PREROUTING → accepted by both; -t mangle PREROUTING → nft accepted,
 * legacy rejected (line N failed).
 */
import type { TargetSpec } from "./types.js";

export const traceTarget: TargetSpec = {
  kind: "target",
  name: "TRACE",
  families: ["ipv4", "ipv6"],
  summary: "mark the packet for rule tracing (nftrace / TRACE log lines)",
  options: [],
  tables: ["raw"],
  placementBackends: ["legacy"],
  // No options. iptables-nft reads `meta nftrace set 1` back as `-j TRACE` (oracle).
  save: () => "",
};
