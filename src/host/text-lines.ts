/**
 * Lines and words of a pasted `ip` output. Pastes come with CRLF line ends and, from
 * `ip -c`, with colour escapes around names and addresses; both are dropped before reading,
 * so columns count the visible characters.
 */

export interface Word {
  readonly text: string;
  /** 1-based column in the line. */
  readonly column: number;
}

export interface TextLine {
  /** 1-based line number. */
  readonly number: number;
  readonly text: string;
}

// ESC [ … m (SGR): the only escapes `ip -c` writes.
const COLOUR = /\x1b\[[0-9;]*m/g;

export function textLines(text: string): TextLine[] {
  return text.split("\n").map((raw, i) => ({ number: i + 1, text: raw.replace(/\r$/, "").replace(COLOUR, "") }));
}

export function words(text: string, offset = 0): Word[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: offset + (m.index ?? 0) + 1 }));
}

/** Line and column (1-based) of character offsets in one text; built once, searched per offset. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
