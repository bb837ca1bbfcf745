import type { Finding } from "../findings.js";
import type { SourceLines } from "../source.js";

/** How a finding was suppressed: in the dump itself, or from outside it (baseline, config). */
export interface SuppressedFinding {
  readonly finding: Finding;
  /** SARIF's suppression kinds: "inSource" for comments in the dump, "external" for a baseline or config. */
  readonly kind: "inSource" | "external";
  /** Which mechanism: `# iptlint-disable…`, a rule's `-m comment`, a baseline entry. */
  readonly via: "comment" | "rule-comment" | "baseline" | "config";
  /** The reason the user wrote, when there is one. */
  readonly justification?: string;
}

/** What the reporters get for each input: findings, and the text for code frames. */
export interface FileReport {
  readonly path: string;
  /** Findings still active after suppressions, sorted by position. */
  readonly findings: readonly Finding[];
  /** Findings a suppression silenced: never counted, listed by formats that can say so (SARIF, JSON). */
  readonly suppressed?: readonly SuppressedFinding[];
  readonly source?: SourceLines;
  /** A one-line description of what was read: format, family, tables. */
  readonly summary?: { format: string; family: string; familySource: string; backend: string; tables: string[]; lines: number };
  /** Set when the file could not be read; findings are then empty. */
  readonly readError?: string;
}
