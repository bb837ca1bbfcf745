/**
 * Text from a dump is untrusted: before it reaches any output (terminal, JSON, SARIF), control
 * characters are escaped so a dump cannot move the cursor, clear the screen or forge lines.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\n\t]/g;

export function escapeText(s: string): string {
  return s.replace(CONTROL, (c) => {
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
  });
}

/** `escapeText` wrapped in backquote-quote, iptables-style: `name'. */
export function quoteText(s: string): string {
  return "`" + escapeText(s) + "'";
}
