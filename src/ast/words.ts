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
 * A Word that keeps its position as three small integers and builds the Span object only
 * when a finding asks for it: a kube-proxy dump has millions of words, and three objects
 * per span were most of the parser's memory.
 */
export class SourceWord implements Word {
  constructor(
    readonly text: string,
    readonly raw: string,
    readonly quoted: boolean,
    readonly line: number,
    readonly column: number,
    readonly endColumn: number,
    readonly unterminated = false,
  ) {}

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
 * copy of each instead of one per occurrence. Bounded, so a hostile dump cannot grow it
 * without limit.
 */
const interned = new Map<string, string>();
const INTERN_MAX_LENGTH = 40;
const INTERN_MAX_ENTRIES = 1 << 16;

function intern(s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < INTERN_MAX_ENTRIES) interned.set(s, s);
  return s;
}

export function wordFromToken(tok: IToken, lineTerminated: boolean): SourceWord {
  const image = intern(tok.image);
  const unq = unquote(image, lineTerminated);
  const text = unq.quoted ? intern(unq.text) : image;
  const { quoted, unterminated } = unq;
  const col = tok.startColumn as number;
  return new SourceWord(text, image, quoted, tok.startLine as number, col, col + image.length, unterminated);
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
