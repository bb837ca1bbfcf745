/**
 * The fixed buffers of iptables-restore's line reader (iptables 1.8.9, both backends, checked
 * with the oracle):
 * - lines are read with fgets into a 10240-byte buffer, so a line of 10240 bytes or more is
 *   read in pieces and the rest is parsed as a line of its own ("Bad argument `…'");
 * - add_param_to_argv copies each argument into a 1024-byte buffer: 1024 bytes or more is
 *   "Parameter too long!";
 * - add_argv holds MAX_ARGC = 255 entries, three of them taken by the program name and
 *   `-t TABLE`: a command of more than 251 words is "Parser cannot handle more arguments".
 * Without these a 10 MB comment passes iptlint and fails the kernel.
 */
import { finding } from "../checks.js";
import { span, type Finding } from "../findings.js";
import type { Word } from "./nodes.js";

export const LINE_BUFFER_BYTES = 10240;
export const PARAM_BUFFER_BYTES = 1024;
export const MAX_COMMAND_WORDS = 251;

/**
 * The index in `s` where its UTF-8 encoding reaches `limit` bytes, or -1 if it stays below.
 * Only long strings are walked: a string of n UTF-16 units is at most 3n bytes.
 */
function indexAtByte(s: string, limit: number): number {
  if (s.length * 3 < limit) return -1;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? 4 : 3;
    bytes += width;
    if (bytes >= limit) return i;
    if (width === 4) i++;
  }
  return -1;
}

/** The part of an over-long line that iptables-restore reads as that line: the first 10239 bytes (fgets), not characters. */
export function lineAsRead(text: string): string {
  const at = indexAtByte(text, LINE_BUFFER_BYTES);
  return at < 0 ? text : text.slice(0, at);
}

/** A line that does not fit iptables-restore's line buffer (with its "\n", 10240 bytes). */
export function lineTooLong(line: number, text: string): Finding | undefined {
  const at = indexAtByte(text, LINE_BUFFER_BYTES);
  if (at < 0) return undefined;
  return finding("lineTooLong", span(line, at + 1, at + 2), `line ${line} is longer than iptables-restore's line buffer (${LINE_BUFFER_BYTES - 1} bytes): it reads the rest of the line as a line of its own`, {
    help: "split the rule, or shorten its comments and names",
  });
}

/** A command with too many words, or a word too long for iptables-restore's argument buffer. */
export function argumentsTooLong(args: readonly Word[]): Finding | undefined {
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as Word;
    if (i >= MAX_COMMAND_WORDS) {
      return finding("lineTooLong", w.span, `Parser cannot handle more arguments: iptables-restore takes at most ${MAX_COMMAND_WORDS} words on a line, this one has ${args.length}`, { help: "split the rule into several rules" });
    }
    if (indexAtByte(w.text, PARAM_BUFFER_BYTES) >= 0) {
      return finding("lineTooLong", w.span, `Parameter too long!: an argument holds at most ${PARAM_BUFFER_BYTES - 1} bytes`, { help: "shorten the argument (a comment, a log prefix, a string to match)" });
    }
  }
  return undefined;
}
