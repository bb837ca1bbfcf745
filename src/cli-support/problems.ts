/** Problems with the files iptlint reads besides dumps (configuration, baseline, --addr, --routes), one line each. */
import { escapeText } from "../text.js";

export interface LocatedProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** `path:line:col error message`, the position left out when unknown, ready for stderr. */
export function problemLines(path: string, problems: readonly LocatedProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line === undefined ? "" : `:${p.line}${p.column === undefined ? "" : `:${p.column}`}`;
      return `${escapeText(path)}${where} error ${escapeText(p.message)}\n`;
    })
    .join("");
}
