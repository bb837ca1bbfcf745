/**
 * testLintRule, after ESLint's RuleTester: `valid` dumps must give no finding of the rule,
 * each `invalid` dump exactly the listed findings (line, column, end column and the rendered
 * message), nothing more. The tester refuses an empty valid or invalid list and duplicate
 * cases, so a rule test cannot pass by testing nothing.
 */
import { describe, expect, it } from "vitest";
import { lintText, type LintOptions } from "../../src/lint.js";
import type { LintRule } from "../../src/rules/define.js";

export interface ExpectedFinding {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly message: string | RegExp;
}

export interface InvalidCase {
  readonly name: string;
  readonly dump: string;
  readonly findings: readonly ExpectedFinding[];
  readonly options?: LintOptions;
}

export interface ValidCase {
  readonly name: string;
  readonly dump: string;
  readonly options?: LintOptions;
}

/**
 * Dedents a template literal dump (by the indentation of its literal text, so interpolated
 * multi-line values are not indented twice) and ends it with a newline.
 */
export function dump(strings: TemplateStringsArray, ...values: unknown[]): string {
  const literal = strings.raw.join("").split("\n").filter((l) => l.trim());
  const indent = Math.min(...literal.map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length));
  const dedent = (t: string) => t.split("\n").map((l) => (l.startsWith(" ".repeat(indent)) ? l.slice(indent) : l)).join("\n");
  const text = strings.raw.map(dedent).reduce((acc, part, i) => acc + part + (i < values.length ? String(values[i]) : ""), "");
  return text.replace(/^\n/, "").replace(/\s*$/, "\n");
}

export function testLintRule(rule: LintRule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(`${rule.code} ${rule.name}`, () => {
    it("has valid and invalid cases, none of them twice", () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const dumps = [...cases.valid, ...cases.invalid].map((c) => c.dump + JSON.stringify(c.options ?? {}));
      expect(new Set(dumps).size).toBe(dumps.length);
      for (const c of cases.invalid) expect(c.findings.length).toBeGreaterThan(0);
    });

    it.each(cases.valid.map((c) => [c.name, c]))("valid: %s", (_n, c) => {
      const result = lintText(c.dump, c.options ?? {});
      expect(result.findings.filter((f) => f.code === rule.code)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.name, c]))("invalid: %s", (_n, c) => {
      const result = lintText(c.dump, c.options ?? {});
      const mine = result.findings.filter((f) => f.code === rule.code);
      expect(mine.map((f) => ({ line: f.span.start.line, column: f.span.start.column, endColumn: f.span.end.column }))).toEqual(
        c.findings.map((f) => ({ line: f.line, column: f.column, endColumn: f.endColumn })),
      );
      c.findings.forEach((f, i) => expect(mine[i]?.message).toMatch(f.message instanceof RegExp ? f.message : new RegExp(`^${escapeRegExp(f.message)}$`)));
      for (const f of mine) expect(f.remediation?.now.length ?? 0, "every finding carries the commands that fix it now").toBeGreaterThan(0);
    });
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
