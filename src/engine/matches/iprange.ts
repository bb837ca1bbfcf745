/**
 * `-m iprange` revision 1 (kernel xt_iprange.c iprange_mt4/iprange_mt6): per option
 * `m = addr < min || addr > max; m ^= invert; if (m) return false;` — inclusive ends, a
 * range with min > max matches nothing, and `!` inverts that option only.
 */
import type { OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { addressToBigint } from "../../model/ip/addresses.js";
import type { Packet } from "../packet.js";
import { cachedEvaluator, firstValue, optionwise, type OptionCompiler } from "./compile.js";

/** The registry's own parser of `FROM[-TO]` (libxt_iprange.c iprange_parse_range). */
function rangeOption(read: (p: Packet) => bigint): OptionCompiler {
  return (option: OptionNode, family: Family) => {
    const parse = option.spec?.value;
    const r = parse?.(firstValue(option) ?? "", { family });
    if (r === undefined || !r.ok) return undefined;
    const { from, to } = r.value as { from: number[]; to: number[] };
    const [min, max] = [addressToBigint(from), addressToBigint(to)];
    return ({ packet }) => {
      const addr = read(packet);
      return addr >= min && addr <= max;
    };
  };
}

const HANDLERS = { "src-range": rangeOption((p) => p.src), "dst-range": rangeOption((p) => p.dst) };

export const iprangeEvaluator = cachedEvaluator((extension, family) => optionwise(HANDLERS, extension, family));
