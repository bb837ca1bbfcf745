/**
 * The lint-rule registry: every lint rule, ordered by code (the order of `iptlint rules` and
 * of the docs). Codes are never reused; a retired rule leaves a comment here.
 */
import type { LintRule } from "./define.js";
import dockerUserJumpMissing from "./docker-user-jump-missing.js";

export const LINT_RULES: readonly LintRule[] = [dockerUserJumpMissing];

export function findLintRule(codeOrName: string): LintRule | undefined {
  const key = codeOrName.trim();
  return LINT_RULES.find((r) => r.code === key.toUpperCase() || r.name === key);
}
