/**
 * The JSON report, version 1 (documented in README.md). Additive changes keep the version;
 * anything that renames or removes a field bumps it.
 */
import type { Finding } from "../findings.js";
import { escapeText } from "../text.js";
import { escapedDockerSubjects, escapedRemediation } from "./details.js";
import type { FileReport, SuppressedFinding } from "./types.js";

export const JSON_REPORT_VERSION = 1;

export function jsonReport(files: readonly FileReport[], toolVersion: string): string {
  const counts = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const f of files) {
    for (const x of f.findings) counts[x.severity]++;
    suppressed += f.suppressed?.length ?? 0;
  }
  const report = {
    version: JSON_REPORT_VERSION,
    tool: { name: "iptlint", version: toolVersion },
    files: files.map((f) => ({
      path: f.path,
      ...(f.summary ? { input: f.summary } : {}),
      ...(f.readError ? { readError: f.readError } : {}),
      findings: f.findings.map(jsonFinding),
      suppressed: (f.suppressed ?? []).map(jsonSuppressed),
    })),
    summary: { files: files.length, errors: counts.error, warnings: counts.warning, infos: counts.info, suppressed },
  };
  return JSON.stringify(report, null, 2) + "\n";
}

/** A suppressed finding: the finding's fields plus how it was suppressed (added in version 1). */
function jsonSuppressed(s: SuppressedFinding): object {
  return { ...jsonFinding(s.finding), suppression: { kind: s.kind, via: s.via, ...(s.justification !== undefined ? { justification: escapeText(s.justification) } : {}) } };
}

function jsonFinding(f: Finding): object {
  return {
    code: f.code,
    name: f.name,
    severity: f.severity,
    message: escapeText(f.message),
    ...(f.help ? { help: escapeText(f.help) } : {}),
    line: f.span.start.line,
    column: f.span.start.column,
    endLine: f.span.end.line,
    endColumn: f.span.end.column,
    ...(f.remediation ? { remediation: escapedRemediation(f.remediation) } : {}),
    ...(f.docker?.length ? { docker: escapedDockerSubjects(f.docker) } : {}),
    ...(f.confidence ? { confidence: { level: f.confidence.level, reason: escapeText(f.confidence.reason) } } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ message: escapeText(r.message), line: r.span.start.line, column: r.span.start.column, endLine: r.span.end.line, endColumn: r.span.end.column })) } : {}),
  };
}
