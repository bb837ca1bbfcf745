/**
 * What every report says about a finding besides its message, in the same order and words:
 * help, then each command to run now, then the durable fix. All of it is dump-derived text
 * (remediation quotes rules and chain names), so it is escaped here, once, for every format.
 */
import type { Finding, Remediation, Severity } from "../findings.js";
import { escapeText } from "../text.js";

/** `help: …`, `fix now: …`, `durable fix: …`; `label` styles the label (colour in the terminal formats). */
export function detailLines(f: Finding, label: (s: string) => string = (s) => s): string[] {
  const lines: string[] = [];
  if (f.help) lines.push(`${label("help:")} ${escapeText(f.help)}`);
  for (const command of f.remediation?.now ?? []) lines.push(`${label("fix now:")} ${escapeText(command)}`);
  if (f.remediation?.durable) lines.push(`${label("durable fix:")} ${escapeText(f.remediation.durable)}`);
  return lines;
}

/** The message, then the details, one item a line: the body of an annotation or a SARIF result. */
export function messageWithDetails(f: Finding): string {
  return [escapeText(f.message), ...detailLines(f)].join("\n");
}

/** The remediation as the JSON formats carry it (json, SARIF properties), escaped. */
export function escapedRemediation(r: Remediation): { now: string[]; durable?: string } {
  return { now: r.now.map(escapeText), ...(r.durable ? { durable: escapeText(r.durable) } : {}) };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `3 errors, 1 warning, 0 info`: the severity counts of a summary line. */
export function severityCounts(counts: Readonly<Record<Severity, number>>): string {
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")}`;
}
