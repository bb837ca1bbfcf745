/**
 * LOG (extensions/libxt_LOG.c; kernel net/netfilter/xt_LOG.c, no table or hook limit:
 * oracle accepts it in nat PREROUTING and raw PREROUTING). iptables-nft 1.8.9 turns it into
 * a native nf_tables `log` expression. Save order: --log-prefix, --log-level (number, only
 * when not 4), --log-tcp-sequence, --log-tcp-options, --log-ip-options, --log-uid,
 * --log-macdecode. A prefix longer than 29 bytes is accepted and truncated.
 */
import type { TargetSpec } from "./types.js";
import { syslogLevel } from "./values/log-level.js";
import { logPrefix } from "./values/xt-string.js";

export const logTarget: TargetSpec = {
  kind: "target",
  name: "LOG",
  families: ["ipv4", "ipv6"],
  summary: "log the packet to the kernel log",
  options: [
    { name: "log-level", arg: "required", value: syslogLevel },
    // oracle: `--log-prefix ""` → Argument must have a minimum length of 1 characters
    { name: "log-prefix", arg: "required", value: logPrefix() },
    { name: "log-tcp-sequence", arg: "none" },
    { name: "log-tcp-options", arg: "none" },
    { name: "log-ip-options", arg: "none" },
    { name: "log-uid", arg: "none" },
    { name: "log-macdecode", arg: "none" },
  ],
};
