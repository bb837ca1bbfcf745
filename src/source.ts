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

/** File signatures of what is handed to iptlint by mistake, and what to say about it. */
const SIGNATURES: readonly { readonly magic: readonly number[]; readonly what: string }[] = [
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: "an ELF executable" },
  { magic: [0x1f, 0x8b], what: "gzip-compressed (run it through gunzip first)" },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: "zstd-compressed (run it through unzstd first)" },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "xz-compressed (run it through unxz first)" },
  { magic: [0x42, 0x5a, 0x68], what: "bzip2-compressed (run it through bunzip2 first)" },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: "a zip archive" },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  // PowerShell's `>` writes UTF-16; iptables-restore reads bytes and fails on the first NUL.
  { magic: [0xff, 0xfe], what: "UTF-16 text (convert it: iconv -f utf-16 -t utf-8)" },
  { magic: [0xfe, 0xff], what: "UTF-16 text (convert it: iconv -f utf-16 -t utf-8)" },
];

/** How much of the start is sampled, and the share of control bytes that makes it binary. */
const SAMPLE_BYTES = 8192;
const BINARY_SHARE = 0.1;

/**
 * What a file is when it is no text dump at all (an executable, an archive, random bytes),
 * so that it is refused with one clear message instead of a finding on every "line". A dump
 * with a few NUL bytes or escape sequences is text and is linted (IPT001 on those lines).
 */
export function describeBinary(bytes: Uint8Array): string | undefined {
  const known = SIGNATURES.find((s) => s.magic.length <= bytes.length && s.magic.every((b, i) => bytes[i] === b));
  if (known) return known.what;
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) || b === 0x7f) control++;
  }
  // Random bytes are about 10% control bytes and never valid UTF-8; text with a stray NUL is
  // valid UTF-8 with a few: either signal alone is too weak for small files.
  const share = n > 0 ? control / n : 0;
  const binary = share >= BINARY_SHARE || (share >= BINARY_SHARE / 5 && !validUtf8(bytes.subarray(0, n < bytes.length ? n - 3 : n)));
  return binary ? `a binary file (${Math.round(100 * share)}% of its first ${n} bytes are control bytes)` : undefined;
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
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
