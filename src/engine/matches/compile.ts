/**
 * Shared machinery of the match evaluators. Each extension instance is compiled once into a
 * closure over its parsed option values (a WeakMap keyed by the ExtensionNode), because the
 * engine asks the same rule about many packets: parsing "8000:8010" or "10.0.0.0/8" on
 * every packet of a 100k-rule dump would dominate the walk.
 */
import type { ExtensionNode, OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import type { MatchContext, MatchEvaluator } from "../match-types.js";
import type { Packet } from "../packet.js";
import { triInvert, type Tri } from "../tri.js";

/** One extension instance with its values parsed: asks only the packet. */
export type CompiledMatch = (ctx: MatchContext) => Tri;

/** Turns one `-m NAME …` into its compiled form; `family` is the rule's (the packet's). */
export type MatchCompiler = (extension: ExtensionNode, family: Family) => CompiledMatch;

export const ALWAYS: CompiledMatch = () => true;
export const NEVER: CompiledMatch = () => false;
export const UNDECIDABLE: CompiledMatch = () => "unknown";

/** An evaluator that compiles each ExtensionNode the first time it is asked about it. */
export function cachedEvaluator(compile: MatchCompiler): MatchEvaluator {
  const cache = new WeakMap<ExtensionNode, CompiledMatch>();
  return (extension, ctx) => {
    let compiled = cache.get(extension);
    if (compiled === undefined) {
      compiled = compile(extension, ctx.packet.family);
      cache.set(extension, compiled);
    }
    return compiled(ctx);
  };
}

/** Kleene AND of the parts, stopping at the first false (the kernel returns there too). */
export function allOf(parts: readonly CompiledMatch[]): CompiledMatch {
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0]!;
  return (ctx) => {
    let result: Tri = true;
    for (const part of parts) {
      const r = part(ctx);
      if (r === false) return false;
      if (r === "unknown") result = "unknown";
    }
    return result;
  };
}

/**
 * Compiles one option to a test of the packet, before `!` is applied; undefined when the
 * value does not parse (iptables would have refused the rule, so nothing can be said).
 */
export type OptionCompiler = (option: OptionNode, family: Family) => CompiledMatch | undefined;

/**
 * The common shape of an xt match: every given option is one test, `!` inverts that test
 * alone, and the match is their AND (e.g. xt_tcpudp.c tcp_mt, xt_iprange.c). An option the
 * table does not know, or a value that does not parse, makes the match undecidable.
 */
export function optionwise(handlers: Readonly<Record<string, OptionCompiler>>, extension: ExtensionNode, family: Family): CompiledMatch {
  return allOf(
    extension.options.map((option) => {
      const handler = Object.hasOwn(handlers, option.name) ? handlers[option.name] : undefined;
      const test = handler?.(option, family);
      if (test === undefined) return UNDECIDABLE;
      return option.inverted ? (ctx: MatchContext) => triInvert(test(ctx), true) : test;
    }),
  );
}

/** A field of the packet inside [from, to], unknown when the packet does not carry it. */
export function fieldInRange(read: (packet: Packet) => number | undefined, from: number, to: number): CompiledMatch {
  return ({ packet }) => {
    const value = read(packet);
    return value === undefined ? "unknown" : value >= from && value <= to;
  };
}

/** An option that the packet model cannot answer (TTL, a string in the payload, …). */
export const undecidableOption: OptionCompiler = () => UNDECIDABLE;

/** The option's first value word, as iptables received it. */
export function firstValue(option: OptionNode): string | undefined {
  return option.values[0]?.text;
}
