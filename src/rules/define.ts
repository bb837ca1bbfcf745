/**
 * A lint rule is one file under src/rules/: its code, a name that names the problem, a
 * default severity, its documentation with executed examples, and a check over the model.
 * Detection returns data; the wording lives in the rule's messages; reporters format.
 */
import type { Dump } from "../ast/nodes.js";
import type { Finding, RelatedSpan, Remediation, Severity, Span } from "../findings.js";
import type { Ruleset } from "../model/ruleset.js";

export interface LintRuleDocs {
  /** Why it matters (ShellCheck's "Rationale"). */
  readonly why: string;
  /** When it is fine to ignore. */
  readonly exceptions?: string;
  /** A dump that must produce exactly this rule's findings (executed by test/rules/docs-examples.test.ts). */
  readonly bad: string;
  /** The same dump fixed: must produce none of this rule's findings. */
  readonly good: string;
  readonly references: readonly string[];
}

export interface Report {
  readonly span: Span;
  readonly message: string;
  readonly help?: string;
  readonly related?: readonly RelatedSpan[];
  readonly remediation?: Remediation;
}

export interface RuleContext {
  readonly ruleset: Ruleset;
  readonly dump: Dump;
  report(r: Report): void;
}

export interface LintRule {
  /** `IPT2xx` for Docker rules, `IPT1xx` for generic ruleset logic. Never reused. */
  readonly code: string;
  /** Kebab-case, names the problem; equal to the file name. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence, no final period. */
  readonly summary: string;
  readonly docs: LintRuleDocs;
  /**
   * The rule reasons about the whole ruleset (something is absent): skipped on fragments,
   * where absence cannot be known.
   */
  readonly wholeRuleset: boolean;
  readonly check: (ctx: RuleContext) => void;
}

/** Identity helper: gives the rule object its type where it is written. */
export function defineLintRule(rule: LintRule): LintRule {
  return rule;
}

/** Runs one rule and turns its reports into findings. */
export function runLintRule(rule: LintRule, ruleset: Ruleset, dump: Dump): Finding[] {
  const findings: Finding[] = [];
  if (rule.wholeRuleset && dump.format === "fragment") return findings;
  rule.check({
    ruleset,
    dump,
    report: (r) =>
      findings.push({
        code: rule.code,
        name: rule.name,
        severity: rule.severity,
        message: r.message,
        span: r.span,
        ...(r.help !== undefined ? { help: r.help } : {}),
        ...(r.related !== undefined ? { related: r.related } : {}),
        ...(r.remediation !== undefined ? { remediation: r.remediation } : {}),
      }),
  });
  return findings;
}
