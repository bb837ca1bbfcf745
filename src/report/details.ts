/**
 * What every report says about a finding besides its message, in the same order and words:
 * help, then each command to run now, then the durable fix, then how sure it is when less than usual. All of it is dump-derived text
 * (remediation quotes rules and chain names), so it is escaped here, once, for every format.
 */
import type { DockerSubject, Finding, Remediation, Severity } from "../findings.js";
import { escapeText } from "../text.js";

/** `help: …`, `fix now: …`, `durable fix: …`; `label` styles the label (colour in the terminal formats). */
export function detailLines(f: Finding, label: (s: string) => string = (s) => s): string[] {
  const lines: string[] = [];
  if (f.help) lines.push(`${label("help:")} ${escapeText(f.help)}`);
  for (const command of f.remediation?.now ?? []) lines.push(`${label("fix now:")} ${escapeText(command)}`);
  if (f.remediation?.durable) lines.push(`${label("durable fix:")} ${escapeText(f.remediation.durable)}`);
  if (f.confidence) lines.push(`${label("confidence:")} ${f.confidence.level} — ${escapeText(f.confidence.reason)}`);
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

/** Docker's names of a finding's subjects (--docker-inspect) as the JSON formats carry them, escaped: they come from the user's inspect JSON. */
export function escapedDockerSubjects(subjects: readonly DockerSubject[]): DockerSubject[] {
  return subjects.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, escapeText(v as string)])) as DockerSubject);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `3 errors, 1 warning, 0 info`: the severity counts of a summary line. */
export function severityCounts(counts: Readonly<Record<Severity, number>>): string {
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")}`;
}
