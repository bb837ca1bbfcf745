/**
 * The offending line with a caret underline. The line is untrusted text: control characters
 * are escaped (so the underline is computed on the escaped text) and long lines are cut to a
 * window around the span.
 */
import type { Span } from "../findings.js";
import type { SourceLines } from "../source.js";
import { escapeText } from "../text.js";

const WINDOW = 160;

export interface CodeFrame {
  readonly text: string;
  readonly underline: string;
}

export function codeFrame(line: string, startColumn: number, endColumn: number): CodeFrame {
  let from = 0;
  let to = line.length;
  if (line.length > WINDOW) {
    from = Math.max(0, Math.min(startColumn - 1 - WINDOW / 4, line.length - WINDOW));
    to = Math.min(line.length, from + WINDOW);
  }
  const prefix = from > 0 ? "…" : "";
  const suffix = to < line.length ? "…" : "";
  const shown = [...line.slice(from, to)].map(display);
  const start = Math.max(0, startColumn - 1 - from);
  const end = Math.max(start + 1, Math.min(shown.length, endColumn - 1 - from));
  const lead = prefix.length + shown.slice(0, start).join("").length;
  const width = Math.max(1, shown.slice(start, end).join("").length);
  return { text: prefix + shown.join("") + suffix, underline: " ".repeat(lead) + "^" + "~".repeat(width - 1) };
}

/** The frame under a finding, when its line has text; a span running onto later lines is underlined to the end of its first line. */
export function findingFrame(source: SourceLines | undefined, span: Span): CodeFrame | undefined {
  const line = source?.line(span.start.line);
  if (line === undefined || line.length === 0) return undefined;
  const end = span.end.line === span.start.line ? span.end.column : line.length + 1;
  return codeFrame(line, span.start.column, end);
}

function display(c: string): string {
  return c === "\t" ? " " : escapeText(c);
}
