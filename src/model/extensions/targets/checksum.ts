/**
 * CHECKSUM (extensions/libxt_CHECKSUM.c; kernel net/netfilter/xt_CHECKSUM.c,
 * .table = "mangle"). libvirt writes `-p udp --dport 68 -j CHECKSUM --checksum-fill`.
 */
import type { TargetSpec } from "./types.js";
import { mandatory } from "./values/nat-check.js";

export const checksumTarget: TargetSpec = {
  kind: "target",
  name: "CHECKSUM",
  families: ["ipv4", "ipv6"],
  summary: "fill in a missing checksum (for old DHCP clients behind virtio)",
  options: [{ name: "checksum-fill", arg: "none" }],
  // oracle: `-j CHECKSUM` → CHECKSUM: option "--checksum-fill" must be specified (XTOPT_MAND)
  finalCheck: mandatory("CHECKSUM", "checksum-fill"),
  // oracle: mangle POSTROUTING / PREROUTING → accepted; filter OUTPUT → rejected.
  tables: ["mangle"],
  // CHECKSUM_save: the only operation, which is mandatory.
  save: () => "--checksum-fill",
};
