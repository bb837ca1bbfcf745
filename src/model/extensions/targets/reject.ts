/**
 * REJECT (extensions/libipt_REJECT.c, libip6t_REJECT.c; kernel
 * net/ipv4/netfilter/ipt_REJECT.c, net/ipv6/netfilter/ip6t_REJECT.c). Kube-proxy writes
 * `--reject-with icmp-port-unreachable` (icmp6-port-unreachable in IPv6). iptables-save
 * always prints --reject-with with the canonical name, also when it was omitted.
 */
import type { FinalCheckContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { isProtocol } from "./values/rule.js";
import { DEFAULT_REJECT_TYPE, parseRejectType, rejectType } from "./values/reject-type.js";
import { valueOf } from "../save-text.js";

/** reject_tg_check: "TCP_RESET invalid for non-tcp" unless `-p tcp` (not inverted). */
function tcpResetNeedsTcp(ctx: FinalCheckContext): string | undefined {
  const text = ctx.options.get("reject-with")?.values[0];
  if (text === undefined) return undefined;
  const type = parseRejectType(text, ctx.family);
  if (!type.ok || type.value !== "tcp-reset") return undefined;
  return isProtocol(ctx, 6) ? undefined : "REJECT: --reject-with tcp-reset is only valid with -p tcp";
}

export const rejectTarget: TargetSpec = {
  kind: "target",
  name: "REJECT",
  families: ["ipv4", "ipv6"],
  summary: "drop the packet and answer with an ICMP error or a TCP reset",
  options: [{ name: "reject-with", arg: "required", value: rejectType }],
  // oracle: `-j REJECT --reject-with tcp-reset` without -p, and with `! -p tcp` → rejected by
  // the kernel (RULE_APPEND failed (Invalid argument)); `-p tcp` / `-p 6` → accepted.
  kernelChecks: [{ check: tcpResetNeedsTcp }],
  // oracle: filter INPUT / FORWARD / OUTPUT → accepted; -t mangle INPUT, -t raw PREROUTING,
  // -t security INPUT → rejected (both families): ipt_REJECT has .table = "filter".
  tables: ["filter"],
  hooks: ["INPUT", "FORWARD", "OUTPUT"],
  // REJECT_save: the canonical name of the type, the default (REJECT_init) when none was
  // given. oracle: `-j REJECT` → `--reject-with icmp-port-unreachable` (IPv6:
  // icmp6-port-unreachable); `tcp-rst` → tcp-reset; `""` → icmp-net-unreachable.
  save: (ctx) => {
    const text = valueOf(ctx, "reject-with");
    const type = text === undefined ? undefined : parseRejectType(text, ctx.family);
    return `--reject-with ${type?.ok ? type.value : DEFAULT_REJECT_TYPE[ctx.family]}`;
  },
};
