/**
 * NFLOG (extensions/libxt_NFLOG.c; kernel net/netfilter/xt_NFLOG.c, no table or hook limit:
 * oracle accepts it in nat POSTROUTING). A prefix longer than the field is accepted and
 * truncated (oracle: a 70-byte prefix loads).
 */
import type { SaveContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { parseUint, UINT16_MAX, UINT32_MAX, x6Uint } from "../../values/number.js";
import { saveString } from "../../../format/save-string.js";
import { truncateBytes } from "./values/save-text.js";
import { has, valueOf, words } from "../save-text.js";
import { logPrefix } from "./values/xt-string.js";

/**
 * iptables-nft turns NFLOG into an nf_tables `log group` expression, whose prefix holds 127
 * bytes; legacy's xt_nflog_info holds 63 (oracle: a 150-byte prefix is saved with 127 bytes
 * by nft, 63 by legacy).
 */
const NFT_PREFIX_MAX = 127;

function numberOf(ctx: SaveContext, option: string): number | undefined {
  const text = valueOf(ctx, option);
  return text === undefined ? undefined : parseUint(text, 0, UINT32_MAX);
}

/**
 * NFLOG_save as iptables-nft prints the `log` expression back: --nflog-prefix, --nflog-group
 * (not 0), --nflog-size (whenever given, 0 included), --nflog-threshold (not 0). nft has no
 * room for --nflog-range, which it drops; legacy saves it (oracle: `--nflog-range 5` →
 * nft `-j NFLOG`, legacy `-j NFLOG --nflog-range 5`). oracle: `--nflog-size 5
 * --nflog-prefix "x y" --nflog-threshold 3 --nflog-group 2` → `--nflog-prefix "x y"
 * --nflog-group 2 --nflog-size 5 --nflog-threshold 3`; `--nflog-threshold 1` is kept.
 */
function saveNflog(ctx: SaveContext): string {
  const prefix = valueOf(ctx, "nflog-prefix");
  const group = numberOf(ctx, "nflog-group") ?? 0;
  const threshold = numberOf(ctx, "nflog-threshold") ?? 0;
  return words(
    prefix !== undefined && `--nflog-prefix ${saveString(truncateBytes(prefix, NFT_PREFIX_MAX))}`,
    group !== 0 && `--nflog-group ${group}`,
    has(ctx, "nflog-size") && `--nflog-size ${numberOf(ctx, "nflog-size")}`,
    threshold !== 0 && `--nflog-threshold ${threshold}`,
  );
}

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
  save: saveNflog,
};
