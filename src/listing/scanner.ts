/**
 * Reading the extension text of one `iptables -L` row: the words each match's and target's
 * print() function wrote after the destination column (`tcp dpt:22 ctstate NEW`).
 * A Scanner walks that text; the readers in ./prints/ turn what they recognise into the
 * equivalent rule-spec words (`-m tcp --dport 22`), each tied to the listing characters it
 * came from, so that findings point into the listing.
 */

/** A stretch of the row: offsets into the line, 0-based, end exclusive. */
export interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** One rule-spec word and the listing text it stands for. */
export interface GenWord {
  readonly text: string;
  readonly at: Piece;
}

/** Something the listing shows only by a name iptlint cannot map back to what the kernel holds. */
export interface Loss {
  readonly at: Piece;
  /** What was lost, for the message: "host name `db1`", "user name `deploy`". */
  readonly what: string;
  /**
   * "kept": the name stays in the rule and the analysis treats it as unknown (a host name);
   * "dropped": the rule cannot be expressed without it and is left out.
   */
  readonly effect: "kept" | "dropped";
}

export function gen(text: string, at: Piece): GenWord {
  return { text, at };
}

/** A piece inside another: `dpt:22` → the `22`. */
export function sub(p: Piece, from: number, to = p.text.length): Piece {
  return { text: p.text.slice(from, to), start: p.start + from, end: p.start + to };
}

/** Sticky copies with match indices, made once per expression (readers run on every row). */
const STICKY = new Map<string, RegExp>();

function stickyOf(re: RegExp): RegExp {
  const key = `${re.flags}/${re.source}`;
  let sticky = STICKY.get(key);
  if (!sticky) {
    sticky = new RegExp(re.source, re.flags.replace(/[yd]/g, "") + "yd");
    STICKY.set(key, sticky);
  }
  return sticky;
}

export class Scanner {
  pos: number;

  constructor(
    readonly line: string,
    start: number,
    readonly end = line.length,
  ) {
    this.pos = start;
  }

  private skipSpaces(): number {
    let p = this.pos;
    while (p < this.end && (this.line[p] === " " || this.line[p] === "\t")) p++;
    return p;
  }

  atEnd(): boolean {
    return this.skipSpaces() >= this.end;
  }

  /** Where the next word starts (after spaces). */
  next(): number {
    return this.skipSpaces();
  }

  /** The text from the next word to the end, for messages. */
  rest(): Piece {
    const start = this.skipSpaces();
    return { text: this.line.slice(start, this.end).trimEnd(), start, end: this.end };
  }

  peek(): Piece | undefined {
    const start = this.skipSpaces();
    if (start >= this.end) return undefined;
    let e = start;
    while (e < this.end && this.line[e] !== " " && this.line[e] !== "\t") e++;
    return { text: this.line.slice(start, e), start, end: e };
  }

  word(): Piece | undefined {
    const w = this.peek();
    if (w) this.pos = w.end;
    return w;
  }

  /** The next word if it is exactly `text`. */
  lit(text: string): Piece | undefined {
    const w = this.peek();
    if (w?.text !== text) return undefined;
    this.pos = w.end;
    return w;
  }

  /** Several literal words in a row (`ADDRTYPE match`), as one piece; nothing consumed on failure. */
  lits(...texts: string[]): Piece | undefined {
    const mark = this.pos;
    let first: Piece | undefined;
    let last: Piece | undefined;
    for (const t of texts) {
      const w = this.lit(t);
      if (!w) {
        this.pos = mark;
        return undefined;
      }
      first ??= w;
      last = w;
    }
    if (!first || !last) return undefined;
    return { text: this.line.slice(first.start, last.end), start: first.start, end: last.end };
  }

  /**
   * A regular expression at the next word (sticky). Groups come back as pieces (undefined when
   * a group did not take part). The match must end at a space or the end of the text unless
   * `glued` (print functions that write `tos match0x10` or `spi:5length:4`).
   */
  re(re: RegExp, glued = false): Array<Piece | undefined> | undefined {
    const start = this.skipSpaces();
    const sticky = stickyOf(re);
    sticky.lastIndex = start;
    const m = sticky.exec(this.end === this.line.length ? this.line : this.line.slice(0, this.end));
    if (!m || m[0].length === 0) return undefined;
    const e = start + m[0].length;
    if (!glued && e < this.end && this.line[e] !== " " && this.line[e] !== "\t") return undefined;
    this.pos = e;
    const indices = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices ?? [];
    return m.map((g, i) => {
      const span = indices[i];
      return g === undefined || !span ? undefined : { text: g, start: span[0], end: span[1] };
    });
  }

  /** A `!` word (print functions write ` !` before an inverted option). */
  bang(): Piece | undefined {
    return this.lit("!");
  }

  mark(): number {
    return this.pos;
  }

  reset(mark: number): void {
    this.pos = mark;
  }

  /** Text up to (not including) the first occurrence of `stop` at or after the next word. */
  until(stop: string): Piece | undefined {
    const start = this.skipSpaces();
    const i = this.line.indexOf(stop, start);
    if (i < 0 || i > this.end) return undefined;
    this.pos = i;
    return { text: this.line.slice(start, i), start, end: i };
  }
}
