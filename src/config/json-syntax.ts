/**
 * Where a JSON text first breaks the grammar (RFC 8259). JSON.parse says whether a text is
 * valid, but Node 20's messages give a position only for some errors ("Unexpected token '}',
 * … is not valid JSON" has none), and users need file:line:col to fix a config file.
 */

export interface JsonSyntaxError {
  /** 0-based offset of the first character that cannot stand where it is. */
  readonly offset: number;
  readonly message: string;
}

class Stop extends Error {
  constructor(readonly at: JsonSyntaxError) {
    super(at.message);
  }
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (!scanner.atEnd()) scanner.fail("unexpected text after the end of the JSON value");
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e.at;
    throw e;
  }
}

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  fail(message: string): never {
    throw new Stop({ offset: this.i, message });
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? "")) this.i++;
  }

  value(): void {
    const c = this.text[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(c === undefined ? "unexpected end of the file, expected a value" : `unexpected ${describe(c)}, expected a value`);
  }

  private object(): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "}") {
      this.i++;
      return;
    }
    for (;;) {
      if (this.text[this.i] !== '"') this.fail(`expected a double-quoted property name, found ${this.found()}`);
      this.string();
      this.skipSpace();
      if (this.text[this.i] !== ":") this.fail(`expected ':' after the property name, found ${this.found()}`);
      this.i++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.closeOrComma("}")) return;
    }
  }

  private array(): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "]") {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      if (this.closeOrComma("]")) return;
    }
  }

  /** After a member: `,` (another must follow: JSON has no trailing comma) or the closer. */
  private closeOrComma(closer: "}" | "]"): boolean {
    const c = this.text[this.i];
    if (c === closer) {
      this.i++;
      return true;
    }
    if (c !== ",") this.fail(`expected ',' or '${closer}', found ${this.found()}`);
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === closer) this.fail(`trailing comma before '${closer}' (JSON does not allow one)`);
    return false;
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c === "\n") this.fail("unterminated string");
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < " ") this.fail(`${describe(c)} inside a string must be escaped`);
      if (c === "\\") this.escape();
      else this.i++;
    }
  }

  private escape(): void {
    const e = this.text[this.i + 1];
    if (e === "u") {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail("\\u must be followed by four hex digits");
      this.i += 6;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
      this.i += 2;
    } else {
      this.fail(`invalid escape \\${e ?? ""} in a string`);
    }
  }

  private number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.text.slice(this.i));
    if (!m) this.fail("invalid number");
    this.i += m[0].length;
  }

  private found(): string {
    const c = this.text[this.i];
    return c === undefined ? "the end of the file" : describe(c);
  }
}

function describe(c: string): string {
  return c < " " ? `character U+${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}` : `'${c}'`;
}
