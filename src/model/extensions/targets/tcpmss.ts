/**
 * TCPMSS (extensions/libxt_TCPMSS.c; kernel net/netfilter/xt_TCPMSS.c tcpmss_tg4_check /
 * tcpmss_tg6_check). The two options do not exclude each other in userspace: with both,
 * the later one wins (oracle: `--set-mss 1000 --clamp-mss-to-pmtu` accepted).
 * The --set-mss maximum is 65535 minus the IP header: 65515 (IPv4), 65495 (IPv6).
 */
import type { GivenOption, SaveContext } from "../types.js";
import type { KernelCheckContext, TargetSpec } from "./types.js";
import { parseUint, x6Uint } from "../../values/number.js";
import { given } from "../save-text.js";
import { tcpFlagList } from "../../values/tcpflags.js";

const SYN = 0x02;

/** The bits of a `--tcp-flags` list (libxt_tcp.c parse_tcp_flag), 0 when it does not parse. */
function flagBits(list: string): number {
  const parsed = tcpFlagList(list, { family: "ipv4" });
  return parsed.ok ? (parsed.value as number) : 0;
}

/** A tcp match whose compared flags include SYN and are not inverted (find_syn_match). */
function isSynMatch(options: ReadonlyMap<string, GivenOption>): boolean {
  const syn = options.get("syn");
  if (syn !== undefined) return !syn.inverted;
  const flags = options.get("tcp-flags");
  if (flags === undefined || flags.inverted) return false;
  return (flagBits(flags.values[1] ?? "") & SYN) !== 0;
}

/**
 * tcpmss_tg4_check: "Only works on TCP SYN packets" unless a tcp match compares SYN set.
 * Only legacy enforces it: nft_compat hands the check an entry without the rule's matches
 * and iptables-nft skips it. oracle: `-p tcp -j TCPMSS --set-mss 1400`, `--tcp-flags SYN
 * NONE`, `--tcp-flags FIN FIN`, `! --syn` → nft accepted, legacy rejected;
 * `--tcp-flags ALL SYN,ACK`, `--syn`, `--tcp-flags SYN,RST SYN` → both accepted.
 */
function needsSynMatch(ctx: KernelCheckContext): string | undefined {
  const found = ctx.matchOptions.some((m) => m.name === "tcp" && isSynMatch(m.options));
  return found ? undefined : "TCPMSS: Only works on TCP SYN packets";
}

/**
 * TCPMSS_save: both options write the one mss field (0xffff for clamping), so the last one
 * given is saved. oracle: `--set-mss 1000 --clamp-mss-to-pmtu` → `--clamp-mss-to-pmtu`;
 * `--clamp-mss-to-pmtu --set-mss 1000` → `--set-mss 1000`; `--set-mss 0x500` → 1280.
 */
function saveTcpmss(ctx: SaveContext): string {
  const last = given(ctx, "set-mss", "clamp-mss-to-pmtu");
  if (last === undefined) return "";
  if (last.name === "clamp-mss-to-pmtu") return "--clamp-mss-to-pmtu";
  return `--set-mss ${parseUint(last.values[0] ?? "", 0, 0xffff)}`;
}

export const tcpmssTarget: TargetSpec = {
  kind: "target",
  name: "TCPMSS",
  families: ["ipv4", "ipv6"],
  summary: "rewrite the MSS option of TCP SYN packets",
  options: [
    {
      name: "set-mss",
      arg: "required",
      value: (text, ctx) => x6Uint("TCPMSS", "set-mss", 0, ctx.family === "ipv4" ? 65515 : 65495)(text, ctx),
    },
    { name: "clamp-mss-to-pmtu", arg: "none" },
  ],
  // oracle: `-p tcp --syn -j TCPMSS` → TCPMSS target: At least one parameter is required
  finalCheck: (ctx) => (ctx.options.size === 0 ? "TCPMSS target: At least one parameter is required" : undefined),
  // oracle: `-p udp`, `! -p tcp`, no -p → rejected by both backends (RULE_APPEND failed).
  requiresProtocol: ["tcp"],
  // oracle: --clamp-mss-to-pmtu in mangle PREROUTING / INPUT → rejected by both; in mangle
  // FORWARD / OUTPUT / POSTROUTING, filter FORWARD, nat POSTROUTING → accepted. --set-mss
  // in mangle PREROUTING → accepted: the hook limit only concerns clamping.
  optionHooks: { "clamp-mss-to-pmtu": ["FORWARD", "OUTPUT", "POSTROUTING"] },
  kernelChecks: [{ backends: ["legacy"], check: needsSynMatch }],
  save: saveTcpmss,
};
