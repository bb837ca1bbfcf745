/**
 * From a token to the argument iptables-restore hands to getopt: add_param_to_argv in
 * iptables/xshared.c. Quotes may open anywhere in a word; inside them a backslash escapes the
 * next character; the closing quote ends the word. An unterminated quote runs to the end of
 * the line *including its newline* (fgets keeps the "\n" in the buffer).
 */
import type { IToken } from "chevrotain";
import { span, type Span } from "../findings.js";
import type { OptionSpec } from "../model/extensions/types.js";
import type { OptionNode, Word } from "./nodes.js";

export function unquote(raw: string, lineTerminated: boolean): { text: string; quoted: boolean; unterminated: boolean } {
  if (!raw.includes('"')) return { text: raw, quoted: false, unterminated: false };
  // Collect runs of literal characters as slices (joining per character would leave long
  // chains of cons-strings in memory for every quoted comment).
  const parts: string[] = [];
  let open = false;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34 /* " */) {
      parts.push(raw.slice(start, i));
      open = !open;
      start = i + 1;
    } else if (open && c === 92 /* \ */) {
      parts.push(raw.slice(start, i));
      start = i + 1; // the escaped character starts the next run
      i++;
    }
  }
  parts.push(raw.slice(start));
  if (open && lineTerminated) parts.push("\n");
  return { text: flat(parts.join("")), quoted: true, unterminated: open };
}

/** Forces a flat copy of a string built from pieces, so it holds no references to them. */
function flat(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/**
 * A Word that keeps its position as small integers and builds the Span object only when a
 * finding asks for it: a kube-proxy dump has millions of words, and three objects per span
 * were most of the parser's memory. The width and the two flags share one field (a word is
 * 80 bytes with seven fields, 64 with five).
 */
export class SourceWord implements Word {
  /** (endColumn - column) << 2 | unterminated << 1 | quoted */
  private readonly packed: number;

  constructor(
    readonly text: string,
    readonly raw: string,
    quoted: boolean,
    readonly line: number,
    readonly column: number,
    endColumn: number,
    unterminated = false,
  ) {
    this.packed = ((endColumn - column) << 2) | (unterminated ? 2 : 0) | (quoted ? 1 : 0);
  }

  get quoted(): boolean {
    return (this.packed & 1) !== 0;
  }

  get unterminated(): boolean {
    return (this.packed & 2) !== 0;
  }

  get endColumn(): number {
    return this.column + (this.packed >> 2);
  }

  get span(): Span {
    return span(this.line, this.column, this.endColumn);
  }

  /** The same place with other text (an attached `--opt=value`, `*filter` without its `*`). */
  withText(text: string, raw = this.raw, skip = 0): SourceWord {
    return new SourceWord(text, raw, this.quoted, this.line, this.column + skip, this.endColumn, this.unterminated);
  }
}

/**
 * Short words repeat on every rule (-A, -m, tcp, --dport, ACCEPT, chain names): keep one
 * copy of each instead of one per occurrence. The table is keyed by a hash of the characters,
 * so that a word already known is found in the line without first slicing it out (in a
 * kube-proxy dump nearly every word is known; slicing and hashing each one was an eighth of
 * the parse). Bounded, so a hostile dump cannot grow it without limit.
 */
const INTERN_MAX_LENGTH = 40;
const INTERN_MAX_ENTRIES = 1 << 16;
const internedByHash = new Map<number, string | string[]>();
let internedCount = 0;

/** FNV-1a over UTF-16 code units, kept in small-integer range for a fast Map key. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h & 0x3fffffff;
}

function sameRange(candidate: string, text: string, start: number, end: number): boolean {
  return candidate.length === end - start && text.startsWith(candidate, start);
}

/** text[start, end) as a string, shared with every other occurrence of the same short word. */
function internRange(text: string, start: number, end: number): string {
  if (end - start > INTERN_MAX_LENGTH) return text.slice(start, end);
  const h = hashRange(text, start, end);
  const known = internedByHash.get(h);
  if (typeof known === "string") {
    if (sameRange(known, text, start, end)) return known;
  } else if (known) {
    for (const k of known) if (sameRange(k, text, start, end)) return k;
  }
  const s = text.slice(start, end);
  if (internedCount >= INTERN_MAX_ENTRIES) return s;
  internedCount++;
  if (known === undefined) internedByHash.set(h, s);
  else if (typeof known === "string") internedByHash.set(h, [known, s]);
  else known.push(s);
  return s;
}

function intern(s: string): string {
  return internRange(s, 0, s.length);
}

export function wordFromToken(tok: IToken, lineTerminated: boolean): SourceWord {
  return sourceWord(intern(tok.image), tok.startLine as number, tok.startColumn as number, lineTerminated);
}

/** The word text[start, end) of a physical line (src/ast/line-scanner.ts). */
export function wordAt(text: string, start: number, end: number, l: { line: number; terminated: boolean }): SourceWord {
  return sourceWord(internRange(text, start, end), l.line, start + 1, l.terminated);
}

function sourceWord(image: string, line: number, column: number, lineTerminated: boolean): SourceWord {
  const unq = unquote(image, lineTerminated);
  const text = unq.quoted ? intern(unq.text) : image;
  return new SourceWord(text, image, unq.quoted, line, column, column + image.length, unq.unterminated);
}

/** `w` with other text, keeping its place in the source. */
export function withText(w: Word, text: string): Word {
  return w instanceof SourceWord ? w.withText(text) : { text, raw: w.raw, span: w.span, quoted: w.quoted };
}

/** Span from the start of `a` to the end of `b` (both on one line). */
export function joinSpans(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

/** An OptionNode whose span (from the option word to its last value) is computed when asked. */
class Clause implements OptionNode {
  constructor(
    readonly name: string,
    readonly flag: Word,
    readonly inverted: boolean,
    readonly values: readonly Word[],
    readonly spec?: OptionSpec,
  ) {}

  get span(): Span {
    const last = this.values[this.values.length - 1];
    return last ? joinSpans(this.flag.span, last.span) : this.flag.span;
  }
}

export function clause(name: string, flag: Word, inverted: boolean, values: readonly Word[], spec?: OptionSpec): OptionNode {
  return new Clause(name, flag, inverted, values, spec);
}
