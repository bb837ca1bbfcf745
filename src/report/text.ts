/**
 * The human report: `path:line:col severity CODE message`, the offending line with a caret
 * under the span, and a `help:` line. Colour only through kleur, and only when asked.
 */
import kleur from "kleur";
import type { Finding } from "../findings.js";
import { escapeText } from "../text.js";
import { findingFrame } from "./code-frame.js";
import { detailLines, plural } from "./details.js";
import { SEVERITY_COLOUR } from "./severity-colour.js";
import type { FileReport } from "./types.js";

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
    out.push(kleur.bold(`${plural(total, "finding")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info) in ${plural(files.length, "file")}`));
  }
  return out.length ? out.join("\n") + "\n" : "";
}

function formatFinding(file: FileReport, f: Finding): string[] {
  const where = `${escapeText(file.path)}:${f.span.start.line}:${f.span.start.column}`;
  const lines = [`${kleur.bold(where)} ${SEVERITY_COLOUR[f.severity](f.severity)} ${kleur.dim(f.code)} ${escapeText(f.message)} ${kleur.dim(`[${f.name}]`)}`];
  const frame = findingFrame(file.source, f.span);
  if (frame) lines.push(`  ${frame.text}`, `  ${SEVERITY_COLOUR[f.severity](frame.underline)}`);
  lines.push(...detailLines(f, (s) => kleur.green(s)).map((l) => `  ${l}`));
  return lines;
}
