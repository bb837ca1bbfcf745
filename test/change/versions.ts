/**
 * Versions for the change-gate tests: dumps linted as the CLI lints them (lintText, findings
 * as lint reports them before suppressions), and the pairs under fixtures/change/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compareVersions, type AbsentVersion, type CompareOptions, type FileChange, type LoadedVersion } from "../../src/change/compare.js";
import { lintText, type LintOptions } from "../../src/lint.js";
import { SourceLines } from "../../src/source.js";

export const CHANGE_FIXTURES = new URL("../../fixtures/change/", import.meta.url).pathname;

export function fixtureText(name: string): string {
  return readFileSync(join(CHANGE_FIXTURES, name), "utf8");
}

export function loaded(name: string, text: string, options: LintOptions = {}): LoadedVersion {
  const result = lintText(text, options);
  return { name, result, findings: result.findings, source: new SourceLines(text) };
}

export function absent(name: string): AbsentVersion {
  return { name, absent: true };
}

/** Both versions as text, compared with exposure. */
export function compareTexts(oldText: string, newText: string, options: Partial<CompareOptions> = {}): FileChange {
  const r = compareVersions(loaded("old", oldText), loaded("new", newText), { exposure: true, ...options });
  if ("error" in r) throw new Error(r.error);
  return r;
}

/** A fixture pair, fixtures/change/<name>/old.rules and new.rules (or another NEW file). */
export function compareFixture(name: string, newFile = "new.rules"): FileChange {
  return compareTexts(fixtureText(`${name}/old.rules`), fixtureText(`${name}/${newFile}`));
}
