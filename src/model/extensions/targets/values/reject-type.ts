/**
 * --reject-with types (extensions/libipt_REJECT.c, libip6t_REJECT.c REJECT_parse). The word
 * is matched case-insensitively as a PREFIX of each name or alias, in table order, so ""
 * picks the first entry and "icmp" picks icmp-net-unreachable.
 * oracle (canon): `--reject-with ""` → icmp-net-unreachable, `Host-P` →
 * icmp-host-prohibited, `ad` → icmp-admin-prohibited; IPv6 `P` → icmp6-port-unreachable,
 * `r` → icmp6-reject-route. The IPv6 alias of icmp6-adm-prohibited is "adm-prohibited"
 * ("admin-prohibited" is only nft's spelling: rejected).
 */
import type { Family } from "../../../netfilter.js";
import type { ValueCheck } from "../../types.js";
import { bad, ok, type ValueResult } from "../../../values/result.js";

interface RejectType {
  readonly name: string;
  readonly alias: string;
}

/** In enum ipt_reject_with order; IPT_ICMP_ECHOREPLY has no entry (#if 0). */
export const IPV4_REJECT_TYPES: readonly RejectType[] = [
  { name: "icmp-net-unreachable", alias: "net-unreach" },
  { name: "icmp-host-unreachable", alias: "host-unreach" },
  { name: "icmp-proto-unreachable", alias: "proto-unreach" },
  { name: "icmp-port-unreachable", alias: "port-unreach" },
  { name: "icmp-net-prohibited", alias: "net-prohib" },
  { name: "icmp-host-prohibited", alias: "host-prohib" },
  { name: "tcp-reset", alias: "tcp-rst" },
  { name: "icmp-admin-prohibited", alias: "admin-prohib" },
];

export const IPV6_REJECT_TYPES: readonly RejectType[] = [
  { name: "icmp6-no-route", alias: "no-route" },
  { name: "icmp6-adm-prohibited", alias: "adm-prohibited" },
  { name: "icmp6-addr-unreachable", alias: "addr-unreach" },
  { name: "icmp6-port-unreachable", alias: "port-unreach" },
  { name: "tcp-reset", alias: "tcp-reset" },
  { name: "icmp6-policy-fail", alias: "policy-fail" },
  { name: "icmp6-reject-route", alias: "reject-route" },
];

/** What REJECT does without --reject-with (REJECT_init). */
export const DEFAULT_REJECT_TYPE: Readonly<Record<Family, string>> = {
  ipv4: "icmp-port-unreachable",
  ipv6: "icmp6-port-unreachable",
};

function isPrefix(word: string, of: string): boolean {
  return of.toLowerCase().startsWith(word.toLowerCase());
}

/** The canonical name the word selects, or iptables' error. */
export function parseRejectType(text: string, family: Family): ValueResult<string> {
  const table = family === "ipv4" ? IPV4_REJECT_TYPES : IPV6_REJECT_TYPES;
  const found = table.find((t) => isPrefix(text, t.name) || isPrefix(text, t.alias));
  if (found !== undefined) return ok(found.name);
  // libipt_REJECT.c also prints "--reject-with echo-reply no longer supported" first.
  return bad(`unknown reject type "${text}"`);
}

export const rejectType: ValueCheck = (text, ctx) => parseRejectType(text, ctx.family);
