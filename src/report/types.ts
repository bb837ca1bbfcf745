import type { Finding } from "../findings.js";
import type { SourceLines } from "../source.js";

/** What the reporters get for each input: findings, and the text for code frames. */
export interface FileReport {
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly source?: SourceLines;
  /** A one-line description of what was read: format, family, tables. */
  readonly summary?: { format: string; family: string; familySource: string; backend: string; tables: string[]; lines: number };
  /** Set when the file could not be read; findings are then empty. */
  readonly readError?: string;
}
