import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allEntries, rulesMarkdown } from "../../src/report/rules.js";

describe("docs/rules.md", () => {
  const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");

  it("is generated from the registry (npm run gen:docs)", () => {
    expect(doc).toBe(rulesMarkdown());
  });

  it("has the anchor SARIF's helpUri points at for every code", () => {
    for (const e of allEntries()) expect(doc).toContain(`<a id="${e.code.toLowerCase()}"></a>`);
  });
});
