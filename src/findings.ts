/**
 * Findings are data: what is wrong, where, and how bad. Wording for humans is in the
 * message; colour and layout come only in src/report/.
 */

export type Severity = "error" | "warning" | "info";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** 1-based line and column; `end` is exclusive (the column after the last character). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/** How to fix what a finding reports: commands that fix it now, and the durable fix. */
export interface Remediation {
  /** Exact commands to run now (iptables …), in order. */
  readonly now: readonly string[];
  /** The fix that survives restarts: a daemon.json key, a compose change, a saved-rules edit. */
  readonly durable?: string;
}

/**
 * A container or network a finding is about, by Docker's names (--docker-inspect): read from
 * the rule the finding points at. Every field is optional; only what is known is given.
 */
export interface DockerSubject {
  readonly container?: string;
  readonly image?: string;
  readonly network?: string;
  /** The Linux bridge of the network. */
  readonly bridge?: string;
  /** The container's address in the rule. */
  readonly address?: string;
}

export interface Finding {
  /** Stable code: IPT0xx syntax and structure, IPT1xx ruleset logic, IPT2xx Docker. */
  readonly code: string;
  /** Kebab-case name of the problem, e.g. `undefined-chain`. */
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** What to do about it, when there is something specific to say. */
  readonly help?: string;
  readonly related?: readonly RelatedSpan[];
  readonly remediation?: Remediation;
  /** Docker's names for what it is about (--docker-inspect). */
  readonly docker?: readonly DockerSubject[];
  /** Set when the input cannot fully support the finding (an iptables -L listing without -v or -n). */
  readonly confidence?: Confidence;
}

/** How sure a finding is, when less than usual, and why. */
export interface Confidence {
  readonly level: "low";
  /** What the input does not show, e.g. "the listing has no interface columns (run iptables -L -v)". */
  readonly reason: string;
}

export function span(line: number, column: number, endColumn: number, endLine = line): Span {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

/** A zero-width span at the start of the file, for whole-file findings. */
export const FILE_START: Span = span(1, 1, 1);

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.span.start.line - b.span.start.line ||
    a.span.start.column - b.span.start.column ||
    a.code.localeCompare(b.code)
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
