/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line per
 * finding, which the runner turns into annotations on the changed files. Values are escaped as
 * the runner unescapes them (actions/toolkit, packages/core/src/command.ts): `%`, CR and LF in
 * the message; those and `:` and `,` in properties. Dump text goes through escapeText first, so
 * the only line breaks left are ours. GitHub shows at most 10 annotations of each type per step
 * (and 50 per job), so a plain summary line closes the output with the full counts.
 */
import type { Finding, Severity } from "../findings.js";
import { escapeText } from "../text.js";
import { messageWithDetails, plural, severityCounts } from "./details.js";
import type { FileReport } from "./types.js";

/** GitHub has error, warning and notice annotations; an info finding is a notice. */
const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

/** The per-type limit GitHub applies to annotations from one step. */
const SHOWN_PER_TYPE = 10;

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function githubReport(files: readonly FileReport[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const file of files) {
    suppressed += file.suppressed?.length ?? 0;
    if (file.readError) lines.push(`::error file=${escapeProperty(escapeText(file.path))},title=iptlint::${escapeData(escapeText(file.readError))}`);
    for (const f of file.findings) {
      counts[f.severity]++;
      lines.push(annotation(file.path, f));
    }
  }
  lines.push(summary(counts, suppressed, files.length));
  return lines.join("\n") + "\n";
}

function annotation(path: string, f: Finding): string {
  const properties = [
    `file=${escapeProperty(escapeText(path))}`,
    `line=${f.span.start.line}`,
    `col=${f.span.start.column}`,
    `endLine=${f.span.end.line}`,
    `endColumn=${f.span.end.column}`,
    `title=${escapeProperty(`${f.code} ${f.name}`)}`,
  ].join(",");
  // The message, then help and remediation on their own lines of the annotation.
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(messageWithDetails(f))}`;
}

function summary(counts: Record<Severity, number>, suppressed: number, files: number): string {
  const problems = counts.error + counts.warning + counts.info;
  const parts = [`iptlint: ${plural(problems, "problem")} (${severityCounts(counts)}) in ${plural(files, "file")}`];
  if (suppressed) parts.push(`${suppressed} suppressed`);
  const text = parts.join(", ");
  const over = Object.values(counts).some((n) => n > SHOWN_PER_TYPE);
  return over ? `${text}; GitHub shows only ${SHOWN_PER_TYPE} annotations of each type per step, use --format sarif with github/codeql-action/upload-sarif to see them all` : text;
}
