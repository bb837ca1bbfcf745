/**
 * What an extension's callbacks (final check, kernel checks, save) see of a parsed rule:
 * its extensions, their options as plain words, and the rule's `-p`. One place, so that the
 * final checks, the load checks and the canonical printer read a rule the same way.
 */
import type { GivenOption } from "../model/extensions/types.js";
import type { ExtensionNode, OptionNode, RuleSpec } from "./nodes.js";

/** The matches, then the target extension if the rule jumps to one (verdicts and chains are none). */
export function extensionsOf(rule: RuleSpec): ExtensionNode[] {
  const list = [...rule.matches];
  if (rule.jump?.kind === "extension") list.push(rule.jump.extension);
  return list;
}

export function givenOption(o: OptionNode): GivenOption {
  return { name: o.name, inverted: o.inverted, values: o.values.map((v) => v.text) };
}

/** By name; a repeated option keeps its last occurrence, as iptables' parsers overwrite the value. */
export function givenOptions(options: readonly OptionNode[]): Map<string, GivenOption> {
  return new Map(options.map((o) => [o.name, givenOption(o)]));
}

/** `-p` as written, lower-cased (name or number), and whether it is inverted. */
export function ruleProtocol(rule: RuleSpec): { readonly protocol: string | undefined; readonly protocolInverted: boolean } {
  const proto = rule.protocol;
  return { protocol: proto?.values[0]?.text.toLowerCase(), protocolInverted: proto?.inverted ?? false };
}
