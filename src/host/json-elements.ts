/**
 * The elements of `ip -j` output, read so that a damaged paste still gives what it holds.
 * `ip -j` prints one JSON array (`ip -j -p` the same, indented); a paste cut short, two
 * outputs run together (`ip -j -4 addr; ip -j -6 addr`) or a shell prompt after the `]`
 * would fail JSON.parse as a whole, so each top-level array element is cut out by bracket
 * matching and parsed on its own, and only the broken parts become problems.
 */
import { lineIndex } from "./text-lines.js";
import type { HostInputProblem } from "./types.js";

export interface JsonElement {
  readonly value: unknown;
  /** 1-based line the element starts on. */
  readonly line: number;
}

export interface JsonElements {
  readonly elements: JsonElement[];
  readonly problems: HostInputProblem[];
}

/** The offset just past the value starting at `start` ('{' or '['), or -1 when it never closes. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

interface Reader {
  readonly text: string;
  readonly position: (offset: number) => { line: number; column: number };
  readonly out: JsonElements;
}

function problemAt(r: Reader, offset: number, message: string): void {
  const { line, column } = r.position(offset);
  r.out.problems.push({ line, column, message });
}

/** Parses the value at [start, end) on its own. */
function readValue(r: Reader, start: number, end: number): void {
  try {
    r.out.elements.push({ value: JSON.parse(r.text.slice(start, end)), line: r.position(start).line });
  } catch (e) {
    problemAt(r, start, `this JSON object does not parse: ${(e as Error).message}`);
  }
}

/** Reads the elements of one top-level array starting at `open` ('['); returns where it ended. */
function readArray(r: Reader, open: number): number {
  const text = r.text;
  let i = open + 1;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (i >= text.length) {
      problemAt(r, text.length, "the JSON array is cut short (no closing `]`)");
      return i;
    }
    if (text[i] === "]") return i + 1;
    if (text[i] !== "{" && text[i] !== "[") {
      problemAt(r, i, "expected a JSON object in the array");
      const next = text.indexOf("{", i);
      if (next < 0) return text.length;
      i = next;
      continue;
    }
    const end = valueEnd(text, i);
    if (end < 0) {
      problemAt(r, i, "this JSON object is cut short; the objects before it were read");
      return text.length;
    }
    readValue(r, i, end);
    i = end;
  }
}

export function jsonElements(text: string): JsonElements {
  const r: Reader = { text, position: lineIndex(text), out: { elements: [], problems: [] } };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c) || c === "\uFEFF") {
      i++;
    } else if (c === "[") {
      i = readArray(r, i);
    } else if (c === "{") {
      // A lone object: `ip -j` never prints one, but a user may paste a single element.
      const end = valueEnd(text, i);
      if (end < 0) {
        problemAt(r, i, "this JSON object is cut short");
        break;
      }
      readValue(r, i, end);
      i = end;
    } else {
      const lineEnd = text.indexOf("\n", i);
      problemAt(r, i, "text outside the JSON output is ignored");
      i = lineEnd < 0 ? text.length : lineEnd + 1;
    }
  }
  return r.out;
}

/** Whether the text is `ip -j` output rather than ip's text forms. */
export function looksLikeJson(text: string): boolean {
  return /^[\s\uFEFF]*[[{]/.test(text);
}
