/**
 * NFLOG (extensions/libxt_NFLOG.c; kernel net/netfilter/xt_NFLOG.c, no table or hook limit:
 * oracle accepts it in nat POSTROUTING). Save order: --nflog-prefix, --nflog-group (when not
 * 0), --nflog-size or --nflog-range, --nflog-threshold (when not 1). A prefix longer than
 * 63 bytes is accepted and truncated (oracle: a 70-byte prefix loads).
 */
import type { TargetSpec } from "./types.js";
import { UINT16_MAX, UINT32_MAX, x6Uint } from "../../values/number.js";
import { logPrefix } from "./values/xt-string.js";

export const nflogTarget: TargetSpec = {
  kind: "target",
  name: "NFLOG",
  families: ["ipv4", "ipv6"],
  summary: "send the packet to a netlink log group (ulogd, tcpdump nflog:N)",
  options: [
    { name: "nflog-group", arg: "required", value: x6Uint("NFLOG", "nflog-group", 0, UINT16_MAX) },
    // oracle: `--nflog-prefix ""` → Argument must have a minimum length of 1 characters
    { name: "nflog-prefix", arg: "required", value: logPrefix() },
    // --nflog-range only warns ("has never worked"); with --nflog-size it is an error:
    // oracle: NFLOG: option "--nflog-range" cannot be used together with "--nflog-size".
    { name: "nflog-range", arg: "required", value: x6Uint("NFLOG", "nflog-range", 0, UINT32_MAX), excludes: ["nflog-size"] },
    { name: "nflog-size", arg: "required", value: x6Uint("NFLOG", "nflog-size", 0, UINT32_MAX), excludes: ["nflog-range"] },
    { name: "nflog-threshold", arg: "required", value: x6Uint("NFLOG", "nflog-threshold", 0, UINT16_MAX) },
  ],
};
