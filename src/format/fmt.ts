/**
 * `iptlint fmt` as a pure function: the canonical text of a dump, or the reason there is
 * none (syntax errors, or a fragment that has no tables to print). The CLI does the I/O.
 */
import { kernelErrors } from "../checks.js";
import type { Finding } from "../findings.js";
import { lintText, type LintOptions } from "../lint.js";
import { printRuleset } from "./print.js";

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean; readonly findings: Finding[] }
  | { readonly ok: false; readonly reason: string; readonly findings: Finding[] };

export function formatDump(text: string, options: LintOptions = {}): FormatResult {
  const result = lintText(text, options);
  if (kernelErrors(result.findings).length > 0) {
    return { ok: false, reason: "the kernel would reject it; fix the errors first (iptlint never rewrites such a dump)", findings: result.findings };
  }
  if (result.dump.format === "fragment") {
    return { ok: false, reason: "it is a fragment without tables; fmt prints whole dumps", findings: result.findings };
  }
  const canonical = printRuleset(result.ruleset, { trivia: result.dump.trivia });
  return { ok: true, text: canonical, changed: canonical !== text, findings: result.findings };
}
