/**
 * Invariants of the lint-rule registry (ESLint's checkRuleFiles in one file): unique codes
 * and names across lint rules and parser checks, file name = rule name, every rule file in
 * the registry and tested, documentation present, registry sorted by code.
 */
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/checks.js";
import { LINT_RULES } from "../../src/rules/index.js";

const SRC = new URL("../../src/rules/", import.meta.url).pathname;
const TESTS = new URL("./", import.meta.url).pathname;
const NOT_RULES = new Set(["define.ts", "index.ts"]);

describe("lint-rule registry", () => {
  it("has codes IPT1xx/IPT2xx unique across rules and parser checks, and names unique and kebab-case", () => {
    const codes = [...LINT_RULES.map((r) => r.code), ...Object.values(CHECKS).map((c) => c.code)];
    const names = [...LINT_RULES.map((r) => r.name), ...Object.values(CHECKS).map((c) => c.name)];
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of LINT_RULES) {
      expect(r.code).toMatch(/^IPT[12]\d\d$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("is sorted by code", () => {
    const codes = LINT_RULES.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("lists every rule file, and every listed rule has its file and its test", () => {
    const files = readdirSync(SRC).filter((f) => f.endsWith(".ts") && !NOT_RULES.has(f)).map((f) => f.replace(/\.ts$/, ""));
    expect(LINT_RULES.map((r) => r.name).sort()).toEqual(files.sort());
    for (const name of files) expect(existsSync(`${TESTS}${name}.test.ts`), `test/rules/${name}.test.ts`).toBe(true);
  });

  it("documents every rule: summary without a final period, why, examples, references", () => {
    for (const r of LINT_RULES) {
      expect(r.summary).not.toMatch(/\.$/);
      expect(r.docs.why.length).toBeGreaterThan(40);
      expect(r.docs.bad).not.toBe(r.docs.good);
      expect(r.docs.references.length).toBeGreaterThan(0);
    }
  });
});
