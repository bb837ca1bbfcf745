/**
 * The fast path of the line grammar (grammar/tokens.ts, grammar/parser.ts): splits one
 * physical line into the same words, classified the same way, without building tokens or a
 * CST. A kube-proxy dump has millions of words, and the Chevrotain lexer, parser and visitor
 * together were 40% of a 100k-rule run; this loop is a tenth of that.
 *
 * It is the grammar written out by hand, so the two must never disagree:
 * test/grammar/line-scanner.test.ts compares them on every line of the corpus and on random
 * lines made of the characters that matter (quotes, backslashes, `!`, `-`, `#`, `*`, `:`,
 * `[`, COMMIT, CR, tabs). The only line shape the grammar rejects — `[packets:bytes]` with
 * no command after it — is left to the Chevrotain parser (scanLine returns undefined), so
 * that its error message stays the grammar's.
 *
 * Word boundaries are those of the token patterns, which follow add_param_to_argv in
 * iptables/xshared.c: words split on space and tab; a double quote opens a quoted part
 * anywhere in a word, a backslash inside it escapes the next character, and the closing
 * quote ends the word; a quote never closed runs to the end of the line.
 */
import { span, type Span } from "../findings.js";
import type { LineNode, Word } from "./nodes.js";
import { withText, wordAt, type SourceWord } from "./words.js";

/** One line of the input, without its "\n". */
export interface PhysicalLine {
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
  /** Whether a "\n" ended the line (false only for a last line without one). */
  readonly terminated: boolean;
}

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

/** The line as the grammar classifies it, or undefined when only the grammar can say what is wrong. */
export function scanLine(l: PhysicalLine): LineNode | undefined {
  const text = l.text;
  const lineSpan = span(l.line, 1, text.length + 1);
  const first = text.charCodeAt(0);
  // Comment, TableHeader, ChainDecl, Counters and COMMIT exist only at column 1.
  if (first === 35 /* # */) return { kind: "comment", line: l.line, span: lineSpan, text };
  if (first === 42 /* * */ || first === 58 /* : */) {
    const end = runEnd(text, 0, false);
    const head = wordAt(text, 0, end, l);
    const rest = words(text, end, l);
    return first === 42 ? tableNode(head, rest, l.line, lineSpan) : chainNode(head, rest, l.line, lineSpan);
  }
  if (first === 91 /* [ */) {
    // Counters end at the line's first "]", where iptables-restore starts the command.
    const close = text.indexOf("]");
    const end = close >= 0 ? close + 1 : runEnd(text, 0, true);
    const args = words(text, end, l);
    if (args.length === 0) return undefined; // counters and nothing else: the grammar's error
    return { kind: "command", line: l.line, span: lineSpan, counters: wordAt(text, 0, end, l), args };
  }
  if (first === 67 /* C */ && text.startsWith("COMMIT") && isCommitEnd(text.charCodeAt(6))) {
    return { kind: "commit", line: l.line, span: lineSpan, extra: words(text, 6, l) };
  }
  const args = words(text, 0, l);
  if (args.length === 0) return { kind: "blank", line: l.line, span: lineSpan, whitespace: text.length > 0 };
  return { kind: "command", line: l.line, span: lineSpan, args };
}

/** COMMIT(?=[ \t\n\r]|$): NaN is the end of the line. */
function isCommitEnd(c: number): boolean {
  return Number.isNaN(c) || c === SPACE || c === TAB || c === 13;
}

/** End of `[^ \t\n]*` (or `[^ \t\n"]*` when `stopAtQuote`) from `from`. */
function runEnd(text: string, from: number, stopAtQuote: boolean): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || (stopAtQuote && c === QUOTE)) break;
  }
  return i;
}

/** The argument words from `from` to the end of the line. */
function words(text: string, from: number, l: PhysicalLine): Word[] {
  const out: Word[] = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    out.push(wordAt(text, i, end, l));
    i = end;
  }
  return out;
}

/**
 * End of the word starting at `start`: a run without spaces or quotes; if a quote follows,
 * up to its closing quote (QuotedWord) or, when it never closes, to the end of the line
 * (UnterminatedQuote).
 */
function wordEnd(text: string, start: number): number {
  const q = runEnd(text, start, true);
  if (text.charCodeAt(q) !== QUOTE) return q;
  for (let i = q + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  return text.length;
}

/**
 * Table and chain lines are split with strtok(" \t\n"), not add_param_to_argv: quotes are
 * ordinary characters there (`:FOR""WARD` declares a chain of that name, quotes included).
 */
function rawWords(words: Word[]): Word[] {
  return words.map((w) => (w.text === w.raw ? w : withText(w, w.raw)));
}

/** `*NAME extra…` as a table line (shared with the grammar's visitor in ./lines.ts). */
export function tableNode(head: SourceWord, extraWords: Word[], line: number, lineSpan: Span): LineNode {
  const extra = rawWords(extraWords);
  // iptables-restore: strtok(buffer + 1, " \t\n"), so "* filter" names the table "filter".
  if (head.raw === "*" && extra.length > 0) {
    const [name, ...rest] = extra as [Word, ...Word[]];
    return { kind: "table", line, span: lineSpan, name, extra: rest };
  }
  return { kind: "table", line, span: lineSpan, name: head.withText(head.raw.slice(1), head.raw.slice(1), 1), extra };
}

/** `:NAME policy counters extra…` as a chain declaration (shared with ./lines.ts). */
export function chainNode(head: SourceWord, restWords: Word[], line: number, lineSpan: Span): LineNode {
  const rest = rawWords(restWords);
  let name: Word = head.withText(head.raw.slice(1), head.raw.slice(1), 1);
  if (name.text === "" && rest.length > 0) name = rest.shift() as Word;
  const [policy, counters, ...extra] = rest;
  return { kind: "chain", line, span: lineSpan, name, ...(policy ? { policy } : {}), ...(counters ? { counters } : {}), extra };
}

/**
 * The input's lines, one at a time: the text is never split into an array of lines or of
 * tokens (a 1M-rule dump is 150 MB).
 */
export function* physicalLines(text: string): Generator<PhysicalLine> {
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    yield { line, text: text.slice(start, end), terminated: nl >= 0 };
    start = end + 1;
    line++;
  }
}
