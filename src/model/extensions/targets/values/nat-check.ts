/**
 * Final checks shared by the NAT targets (libxt_NAT.c). Whether a port may be given depends
 * on the rule's protocol (__NAT_parse: portok for TCP, UDP, SCTP, DCCP and — in 1.8.9 —
 * ICMP, looking at ip.proto only, so `! -p tcp` still counts as tcp). iptables checks it
 * while parsing the option, before the port's own syntax, so a bad port without a protocol
 * gets our value message instead of "Need TCP…"; both reject the same line.
 * oracle: `-j DNAT --to-destination 1.2.3.4:80` (no -p) → Need TCP, UDP, SCTP or DCCP with
 * port specification; `-p icmp` and `! -p tcp` with the same value → accepted.
 */
import type { FinalCheckContext } from "../../types.js";
import { parseNatPorts, parseNatRange, type NatPorts } from "./nat-range.js";
import { protocolNumber, valueOf } from "./rule.js";

const PORT_PROTOCOLS = [6, 17, 132, 33, 1];

export const NEED_PORT_PROTOCOL = "Need TCP, UDP, SCTP or DCCP with port specification";

function portsOf(ctx: FinalCheckContext, option: string, isRange: boolean): NatPorts | undefined {
  const text = valueOf(ctx, option);
  if (text === undefined) return undefined;
  if (isRange) {
    const r = parseNatRange(text, ctx.family);
    return r.ok ? r.value.ports : undefined;
  }
  const r = parseNatPorts(text);
  return r.ok ? r.value : undefined;
}

/** "Need TCP, UDP, SCTP or DCCP with port specification" when ports come without -p. */
export function portProtocolCheck(option: string, isRange: boolean) {
  return (ctx: FinalCheckContext): string | undefined => {
    if (portsOf(ctx, option, isRange) === undefined) return undefined;
    const proto = protocolNumber(ctx);
    return proto !== undefined && PORT_PROTOCOLS.includes(proto) ? undefined : NEED_PORT_PROTOCOL;
  };
}

/** XTOPT_MAND (xtables_options_fcheck): `DNAT: option "--to-destination" must be specified`. */
export function mandatory(ext: string, option: string) {
  return (ctx: FinalCheckContext): string | undefined =>
    ctx.options.has(option) ? undefined : `${ext}: option "--${option}" must be specified`;
}

/** REDIRECT's fcheck (DNAT_fcheck / DNAT_fcheck6): no shifted port map ("80-90/85"). */
export function noShiftedPorts(option: string, isRange: boolean) {
  return (ctx: FinalCheckContext): string | undefined =>
    portsOf(ctx, option, isRange)?.base !== undefined
      ? "Shifted portmap ranges not supported with this kernel"
      : undefined;
}

/** Runs checks in order and returns the first message, as iptables stops at the first error. */
export function firstOf(...checks: ((ctx: FinalCheckContext) => string | undefined)[]) {
  return (ctx: FinalCheckContext): string | undefined => {
    for (const check of checks) {
      const message = check(ctx);
      if (message !== undefined) return message;
    }
    return undefined;
  };
}
