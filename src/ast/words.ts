/**
 * From a token to the argument iptables-restore hands to getopt: add_param_to_argv in
 * iptables/xshared.c. Quotes may open anywhere in a word; inside them a backslash escapes the
 * next character; the closing quote ends the word. An unterminated quote runs to the end of
 * the line *including its newline* (fgets keeps the "\n" in the buffer).
 */
import type { IToken } from "chevrotain";
import { span, type Span } from "../findings.js";
import type { Word } from "./nodes.js";

export function unquote(raw: string, lineTerminated: boolean): { text: string; quoted: boolean; unterminated: boolean } {
  if (!raw.includes('"')) return { text: raw, quoted: false, unterminated: false };
  let text = "";
  let open = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (open && c === "\\" && i + 1 < raw.length) {
      text += raw[++i];
    } else if (c === '"') {
      open = !open;
    } else if (!(open && c === "\\")) {
      text += c;
    }
  }
  if (open && lineTerminated) text += "\n";
  return { text, quoted: true, unterminated: open };
}

export function tokenSpan(tok: IToken): Span {
  const line = tok.startLine as number;
  const col = tok.startColumn as number;
  return span(line, col, col + tok.image.length);
}

export function wordFromToken(tok: IToken, lineTerminated: boolean): Word & { unterminated: boolean } {
  const { text, quoted, unterminated } = unquote(tok.image, lineTerminated);
  return { text, raw: tok.image, span: tokenSpan(tok), quoted, unterminated };
}

/** Span from the start of `a` to the end of `b` (both on one line). */
export function joinSpans(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}
