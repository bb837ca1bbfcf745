/**
 * The human report: `path:line:col severity CODE message`, the offending line with a caret
 * under the span, and a `help:` line. Colour only through kleur, and only when asked.
 */
import kleur from "kleur";
import type { Finding, Severity } from "../findings.js";
import { escapeText } from "../text.js";
import { codeFrame } from "./code-frame.js";
import type { FileReport } from "./types.js";

const SEVERITY_COLOUR: Readonly<Record<Severity, (s: string) => string>> = {
  error: (s) => kleur.red().bold(s),
  warning: (s) => kleur.yellow().bold(s),
  info: (s) => kleur.cyan(s),
};

export function textReport(files: readonly FileReport[], colour: boolean): string {
  kleur.enabled = colour;
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const file of files) {
    for (const f of file.findings) {
      counts[f.severity]++;
      out.push(...formatFinding(file, f));
    }
  }
  const total = counts.error + counts.warning + counts.info;
  if (total > 0) {
    out.push(kleur.bold(`${total} finding${total === 1 ? "" : "s"} (${counts.error} error${counts.error === 1 ? "" : "s"}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"}, ${counts.info} info) in ${files.length} file${files.length === 1 ? "" : "s"}`));
  }
  return out.length ? out.join("\n") + "\n" : "";
}

function formatFinding(file: FileReport, f: Finding): string[] {
  const where = `${escapeText(file.path)}:${f.span.start.line}:${f.span.start.column}`;
  const lines = [`${kleur.bold(where)} ${SEVERITY_COLOUR[f.severity](f.severity)} ${kleur.dim(f.code)} ${escapeText(f.message)} ${kleur.dim(`[${f.name}]`)}`];
  const source = file.source?.line(f.span.start.line);
  if (source !== undefined && source.length > 0) {
    const end = f.span.end.line === f.span.start.line ? f.span.end.column : source.length + 1;
    const frame = codeFrame(source, f.span.start.column, end);
    lines.push(`  ${frame.text}`, `  ${SEVERITY_COLOUR[f.severity](frame.underline)}`);
  }
  if (f.help) lines.push(`  ${kleur.green("help:")} ${escapeText(f.help)}`);
  for (const command of f.remediation?.now ?? []) lines.push(`  ${kleur.green("fix now:")} ${escapeText(command)}`);
  if (f.remediation?.durable) lines.push(`  ${kleur.green("durable fix:")} ${escapeText(f.remediation.durable)}`);
  return lines;
}
