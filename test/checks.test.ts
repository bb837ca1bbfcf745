import { describe, expect, it } from "vitest";
import { CHECKS } from "../src/checks.js";

describe("the catalogue of parser and ruleset checks", () => {
  const all = Object.values(CHECKS);

  it("has unique codes in IPT0xx (syntax, structure) and IPT1xx (ruleset logic)", () => {
    const codes = all.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^IPT[01]\d\d$/);
  });

  it("has unique kebab-case names and one-sentence summaries without a final period", () => {
    const names = all.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of all) {
      expect(c.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.summary).not.toMatch(/\.$/);
    }
  });
});
