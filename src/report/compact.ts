/**
 * One line per finding, `path:line:col: severity CODE message [name]`: the shape editors'
 * problem matchers and `grep`/`cut` pipelines expect (gcc and ESLint's "unix" layout). No code
 * frame, no summary, no colour. Unreadable files are left to the CLI's stderr message.
 */
import { escapeText } from "../text.js";
import type { FileReport } from "./types.js";

export function compactReport(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    const path = escapeText(file.path);
    for (const f of file.findings) {
      lines.push(`${path}:${f.span.start.line}:${f.span.start.column}: ${f.severity} ${f.code} ${escapeText(f.message)} [${f.name}]`);
    }
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
