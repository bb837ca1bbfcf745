/**
 * `-m icmp` (kernel xt_tcpudp.c icmp_match) and `-m icmp6` (ip6_tables.c icmp6_match).
 * Both return false for a non-first fragment before looking at `!`, then compare
 * `(type == test_type && min_code <= code <= max_code) ^ invert`. Only the IPv4 match knows
 * type 0xFF as "any" (icmp_type_code_match: `test_type == 0xFF ||`), so `! --icmp-type any`
 * matches nothing; icmp6 has no such shortcut.
 */
import type { OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { icmpType, icmpv6Type, type IcmpType } from "../../model/values/icmp.js";
import type { ValueCheck } from "../../model/extensions/types.js";
import { ALWAYS, cachedEvaluator, firstValue, optionwise, type CompiledMatch, type OptionCompiler } from "./compile.js";

function typeCodeTest(t: IcmpType, anyType: boolean): CompiledMatch {
  if (anyType && t.type === 0xff) return ALWAYS;
  const [minCode, maxCode] = t.codes;
  return ({ packet }) => {
    if (packet.icmpType === undefined) return "unknown";
    if (packet.icmpType !== t.type) return false;
    if (packet.icmpCode === undefined) return minCode === 0 && maxCode === 0xff ? true : "unknown";
    return packet.icmpCode >= minCode && packet.icmpCode <= maxCode;
  };
}

function typeOption(parse: ValueCheck, anyType: boolean): OptionCompiler {
  return (option: OptionNode, family: Family) => {
    const r = parse(firstValue(option) ?? "", { family });
    return r.ok ? typeCodeTest(r.value as IcmpType, anyType) : undefined;
  };
}

function icmpFamilyMatch(protocol: number, handlers: Readonly<Record<string, OptionCompiler>>) {
  return cachedEvaluator((extension, family) => {
    const options = optionwise(handlers, extension, family);
    return (ctx) => (ctx.packet.proto !== protocol || ctx.packet.fragment ? false : options(ctx));
  });
}

export const icmpEvaluator = icmpFamilyMatch(1, { "icmp-type": typeOption(icmpType, true) });

export const icmp6Evaluator = icmpFamilyMatch(58, { "icmpv6-type": typeOption(icmpv6Type, false) });
