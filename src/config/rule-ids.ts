/**
 * Rule identifiers as users write them in configs and suppression comments: a code
 * (`IPT202`, any case) or a kebab-case name (`published-on-all-interfaces`), from the parser
 * and model checks (src/checks.ts) and the lint rules (src/rules/) alike.
 */
import { CHECKS } from "../checks.js";
import type { Severity } from "../findings.js";
import { LINT_RULES } from "../rules/index.js";
import { nearest } from "../suggest.js";

export interface RuleId {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
}

let catalogue: readonly RuleId[] | undefined;

function allRules(): readonly RuleId[] {
  return (catalogue ??= [...Object.values(CHECKS), ...LINT_RULES].map(({ code, name, severity }) => ({ code, name, severity })));
}

/** The rule a code or name refers to. */
export function resolveRuleId(text: string): RuleId | undefined {
  const key = text.trim();
  return allRules().find((r) => r.code === key.toUpperCase() || r.name === key.toLowerCase());
}

/** The nearest valid code or name, for "did you mean …?" (codes compared in upper case). */
export function suggestRuleId(text: string): string | undefined {
  const key = text.trim();
  if (/^ipt/i.test(key)) return nearest(key.toUpperCase(), allRules().map((r) => r.code), 1);
  return nearest(key.toLowerCase(), allRules().map((r) => r.name), Math.max(2, Math.floor(key.length / 4)));
}

/** `unknown rule "X"; did you mean "Y"?` (the suggestion only when one is close). */
export function unknownRuleMessage(text: string): string {
  const guess = suggestRuleId(text);
  return `unknown rule "${text}"${guess ? `; did you mean "${guess}"?` : ""} (see iptlint rules)`;
}
