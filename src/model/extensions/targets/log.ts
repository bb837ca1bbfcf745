/**
 * LOG (extensions/libxt_LOG.c; kernel net/netfilter/xt_LOG.c, no table or hook limit:
 * oracle accepts it in nat PREROUTING and raw PREROUTING). iptables-nft 1.8.9 turns it into
 * a native nf_tables `log` expression. Save order: --log-prefix, --log-level (number, only
 * when not 4), --log-tcp-sequence, --log-tcp-options, --log-ip-options, --log-uid,
 * --log-macdecode. A prefix longer than 29 bytes is accepted and truncated (cut inside a
 * UTF-8 character, iptables-save prints the lone lead byte; iptlint prints U+FFFD there).
 */
import type { SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { saveString } from "../../../format/save-string.js";
import { syslogLevel } from "./values/log-level.js";
import { saveFlags, truncateBytes } from "./values/save-text.js";
import { parsed, valueOf, words } from "../save-text.js";
import { logPrefix } from "./values/xt-string.js";

/** struct xt_log_info: char prefix[30]. */
const LOG_PREFIX_MAX = 29;
/** LOG_init: level 4 (warning), which LOG_save leaves out. */
const DEFAULT_LOG_LEVEL = 4;

/**
 * LOG_save. iptables-nft turns LOG into an nf_tables `log` expression and back, with the
 * same result. oracle: `--log-level debug --log-prefix x --log-uid --log-macdecode
 * --log-tcp-sequence` → `--log-prefix x --log-level 7 --log-tcp-sequence --log-uid
 * --log-macdecode`; `--log-level warning` → nothing; a 36-byte prefix → its first 29 bytes.
 */
function saveLog(ctx: SaveContext): string {
  const prefix = valueOf(ctx, "log-prefix");
  const levelText = valueOf(ctx, "log-level");
  const level = levelText === undefined ? DEFAULT_LOG_LEVEL : parsed<number>(syslogLevel, levelText, ctx.family);
  return words(
    prefix !== undefined && `--log-prefix ${saveString(truncateBytes(prefix, LOG_PREFIX_MAX))}`,
    level !== DEFAULT_LOG_LEVEL && `--log-level ${level}`,
    ...saveFlags(ctx, ["log-tcp-sequence", "log-tcp-options", "log-ip-options", "log-uid", "log-macdecode"]),
  );
}

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
  save: saveLog,
};
