/**
 * Every rule's documented examples behave as documented: bad fires exactly this rule, good does
 * not — linted with the configuration the docs name (`docs.settings`, e.g. an intent).
 */
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import { LINT_RULES } from "../../src/rules/index.js";

describe("documented examples", () => {
  it.each(LINT_RULES.map((r) => [r.name, r]))("%s: the bad example fires it, with no error of any other kind", (_n, rule) => {
    const findings = lintText(rule.docs.bad, rule.docs.settings ?? {}).findings;
    expect(findings.filter((f) => f.code === rule.code).length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.code !== rule.code && f.severity === "error")).toEqual([]);
  });

  it.each(LINT_RULES.map((r) => [r.name, r]))("%s: the good example is clean (infos of other rules allowed, none of its own)", (_n, rule) => {
    expect(lintText(rule.docs.good, rule.docs.settings ?? {}).findings.filter((f) => f.severity !== "info" || f.code === rule.code)).toEqual([]);
  });
});
