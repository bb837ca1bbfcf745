/**
 * Turning bytes into text: a dump may hold invalid UTF-8 (pasted from a web page, latin-1
 * comments) or be a binary file given by mistake. Both are reported, never thrown.
 */
import { finding } from "./checks.js";
import { span, type Finding } from "./findings.js";

export interface DecodedSource {
  readonly text: string;
  readonly findings: Finding[];
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false });

export function decodeSource(bytes: Uint8Array): DecodedSource {
  try {
    return { text: strictUtf8.decode(bytes), findings: [] };
  } catch {
    const text = lenientUtf8.decode(bytes);
    const at = firstReplacement(text);
    return {
      text,
      findings: [
        finding("invalidEncoding", span(at.line, at.column, at.column + 1), `the input is not valid UTF-8 (first bad byte at line ${at.line}, column ${at.column}); it is read with U+FFFD in place of the bad bytes`, {
          help: "iptables itself reads bytes, so this only matters inside comments and log prefixes; convert the file with iconv -f latin1 -t utf-8",
        }),
      ],
    };
  }
}

function firstReplacement(text: string): { line: number; column: number } {
  const i = text.indexOf("\uFFFD");
  const before = text.slice(0, Math.max(i, 0));
  const line = before.split("\n").length;
  const column = i - before.lastIndexOf("\n");
  return { line, column };
}

/** Source text split into lines on demand, for code frames. */
export class SourceLines {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  line(n: number): string {
    const starts = (this.starts ??= lineStarts(this.text));
    const start = starts[n - 1];
    if (start === undefined) return "";
    const end = this.text.indexOf("\n", start);
    return this.text.slice(start, end < 0 ? undefined : end);
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
