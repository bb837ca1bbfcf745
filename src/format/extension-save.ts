/**
 * Calls an extension's save function with what the parser kept of it: the canonical text
 * after `-m NAME` / `-j NAME`, or undefined when the extension has no save function.
 */
import { givenOption, ruleProtocol } from "../ast/extension-context.js";
import type { ExtensionNode, RuleSpec } from "../ast/nodes.js";
import type { SaveContext } from "../model/extensions/types.js";
import type { Family } from "../model/netfilter.js";

export function saveContext(ext: ExtensionNode, rule: RuleSpec, family: Family): SaveContext {
  return { family, options: ext.options.map(givenOption), ...ruleProtocol(rule) };
}

export function saveExtension(ext: ExtensionNode, rule: RuleSpec, family: Family): string | undefined {
  return ext.spec?.save?.(saveContext(ext, rule, family));
}
