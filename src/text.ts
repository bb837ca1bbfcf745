/**
 * Text from a dump is untrusted: before it reaches any output (terminal, JSON, SARIF), control
 * characters are escaped so a dump cannot move the cursor, clear the screen or forge lines.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\n\t]/g;

export function escapeText(s: string): string {
  return s.replace(CONTROL, escapeCharacter);
}

/** CONTROL without the newline and the tab: what multi-line output must not show raw. */
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Multi-line output made of dump text (a canonical dump, a unified diff): control characters
 * escaped as escapeText does, newlines and tabs kept so the lines still line up.
 */
export function escapeLines(s: string): string {
  return s.replace(CONTROL_IN_LINES, escapeCharacter);
}

/** Whether escapeLines would change `s`. */
export function hasControlInLines(s: string): boolean {
  CONTROL_IN_LINES.lastIndex = 0;
  return CONTROL_IN_LINES.test(s);
}

function escapeCharacter(c: string): string {
  switch (c) {
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    case "\0":
      return "\\0";
    default: {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    }
  }
}

/**
 * A JSON.stringify replacer that escapes every string value, for JSON built straight from
 * dump text (rule diffs): JSON escapes C0 controls itself, but not DEL, C1 (U+009B is CSI)
 * or the bidi overrides, and a report should show `\x1b` the same way in every format.
 */
export function escapeStringsReplacer(_key: string, value: unknown): unknown {
  return typeof value === "string" ? escapeText(value) : value;
}

/** `escapeText` wrapped in backquote-quote, iptables-style: `name'. */
export function quoteText(s: string): string {
  return "`" + escapeText(s) + "'";
}
