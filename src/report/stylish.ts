/**
 * The ESLint-"stylish"-like report for terminals: findings grouped under a file header, each
 * as `line:col  severity  message  [name CODE]` with the offending line underlined, help and
 * remediation beneath it, and one summary line at the end. Colour only through kleur, and only
 * when asked. Files without findings get no header (as in ESLint), so a clean run prints nothing
 * unless findings were suppressed.
 */
import kleur from "kleur";
import type { Finding } from "../findings.js";
import { escapeText } from "../text.js";
import { findingFrame } from "./code-frame.js";
import { detailLines, plural, severityCounts } from "./details.js";
import { SEVERITY_COLOUR } from "./severity-colour.js";
import type { FileReport } from "./types.js";

/** Details under a finding start here, so they stand apart from the next finding's position. */
const DETAIL_INDENT = "    ";

interface Tally {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  unread: number;
}

export function stylishReport(files: readonly FileReport[], colour: boolean): string {
  kleur.enabled = colour;
  const tally: Tally = { error: 0, warning: 0, info: 0, suppressed: 0, unread: 0 };
  const blocks: string[] = [];
  for (const file of files) {
    tally.suppressed += file.suppressed?.length ?? 0;
    if (file.readError) tally.unread++;
    for (const f of file.findings) tally[f.severity]++;
    if (file.findings.length > 0) blocks.push(fileBlock(file));
  }
  const summary = summaryLine(tally);
  if (summary) blocks.push(summary);
  return blocks.length ? blocks.join("\n\n") + "\n" : "";
}

function fileBlock(file: FileReport): string {
  const positions = file.findings.map((f) => `${f.span.start.line}:${f.span.start.column}`);
  const positionWidth = Math.max(...positions.map((p) => p.length));
  const severityWidth = Math.max(...file.findings.map((f) => f.severity.length));
  const lines = [kleur.underline(escapeText(file.path))];
  file.findings.forEach((f, i) => {
    const position = kleur.dim((positions[i] as string).padEnd(positionWidth));
    const severity = SEVERITY_COLOUR[f.severity](f.severity.padEnd(severityWidth));
    lines.push(`  ${position}  ${severity}  ${escapeText(f.message)}  ${kleur.dim(`[${f.name} ${f.code}]`)}`);
    lines.push(...details(file, f));
  });
  return lines.join("\n");
}

function details(file: FileReport, f: Finding): string[] {
  const frame = findingFrame(file.source, f.span);
  const lines = frame ? [frame.text, SEVERITY_COLOUR[f.severity](frame.underline)] : [];
  lines.push(...detailLines(f, (s) => kleur.green(s)));
  return lines.map((l) => `${DETAIL_INDENT}${l}`);
}

/** `✖ 3 problems (1 error, 1 warning, 1 info)`, plus what was suppressed or not read. */
function summaryLine(t: Tally): string | undefined {
  const problems = t.error + t.warning + t.info;
  const extras = [...(t.suppressed ? [`${t.suppressed} suppressed`] : []), ...(t.unread ? [`${plural(t.unread, "file")} not read`] : [])];
  if (problems === 0 && extras.length === 0) return undefined;
  const mark = problems === 0 ? "✔" : "✖";
  const counts = `${mark} ${plural(problems, "problem")} (${severityCounts(t)})`;
  const text = [counts, ...extras].join(", ");
  if (t.error > 0 || t.unread > 0) return kleur.red().bold(text);
  if (t.warning > 0) return kleur.yellow().bold(text);
  return problems > 0 ? kleur.cyan().bold(text) : kleur.green().bold(text);
}
