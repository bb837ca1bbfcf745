/**
 * The `--u32` test language as u32_parse (libxt_u32.c) reads it, with its messages:
 *   tests := location "=" value | tests "&&" location "=" value
 *   value := range | value "," range;   range := number | number ":" number
 *   location := number | location operator number;   operator := "&" | "<<" | ">>" | "@"
 * White space is skipped before each token; numbers are xtables_strtoui base 0 up to
 * UINT32_MAX. "at char N" counts from the start of the argument.
 */
import { strtoul, UINT32_MAX } from "../../values/number.js";
import { hex } from "../save-text.js";

/** XT_U32_MAXSIZE: at most 10 tests, 10 numbers per location and 10 ranges per value. */
const MAXSIZE = 10;

export interface U32Test {
  readonly location: ReadonlyArray<{ readonly op: "" | "&" | "<<" | ">>" | "@"; readonly number: number }>;
  readonly values: ReadonlyArray<{ readonly min: number; readonly max: number }>;
}

class U32Error extends Error {}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  get ch(): string {
    return this.text[this.pos] ?? "";
  }
  skipSpace(): void {
    while (/[ \t\n\v\f\r]/.test(this.ch)) this.pos++;
  }
  fail(message: string, at = this.pos): never {
    throw new U32Error(`u32: at char ${at}: ${message}`);
  }
  /** parse_number: strtoul from here (it skips white space itself), no '-', in range. */
  number(): number {
    const at = this.pos;
    const rest = this.text.slice(at);
    const r = strtoul(rest, 0);
    if (/^[ \t\n\v\f\r]*-/.test(rest) || r.end === 0 || r.overflow || r.value > BigInt(UINT32_MAX)) {
      this.fail("not a number or out of range", at);
    }
    this.pos += r.end;
    return Number(r.value);
  }
}

function readOperator(r: Reader): "&" | "<<" | ">>" | "@" {
  const c = r.ch;
  if (c === "&" || c === "@") {
    r.pos++;
    return c;
  }
  if (c === "<" || c === ">") {
    r.pos++;
    if (r.ch !== c) r.fail(`a second '${c}' was expected`);
    r.pos++;
    return c === "<" ? "<<" : ">>";
  }
  return r.fail("operator expected");
}

/** The parsed tests, or iptables' message for the first error. */
export function parseU32(text: string): readonly U32Test[] | string {
  try {
    return readTests(new Reader(text));
  } catch (e) {
    if (e instanceof U32Error) return e.message;
    throw e;
  }
}

function readTests(r: Reader): U32Test[] {
  const tests: U32Test[] = [];
  let location: U32Test["location"][number][] = [];
  let values: U32Test["values"][number][] = [];
  let readingValues = false;
  for (;;) {
    r.skipSpace();
    if (r.ch === "") {
      if (!readingValues) throw new U32Error("u32: abrupt end of input after location specifier");
      if (values.length === 0) throw new U32Error("u32: test ended with no value specified");
      tests.push({ location, values });
      if (tests.length > MAXSIZE) r.fail('too many "&&"s');
      return tests;
    }
    if (!readingValues) {
      if (r.ch === "=") {
        if (location.length === 0) r.fail("location spec missing");
        r.pos++;
        readingValues = true;
        continue;
      }
      const op = location.length === 0 ? "" : readOperator(r);
      location.push({ op, number: r.number() });
      if (location.length > MAXSIZE) r.fail("too many operators");
    } else if (r.ch === "&") {
      r.pos++;
      if (r.ch !== "&") r.fail("a second '&' was expected");
      if (values.length === 0) r.fail("value spec missing");
      tests.push({ location, values });
      if (tests.length > MAXSIZE) r.fail('too many "&&"s');
      r.pos++;
      location = [];
      values = [];
      readingValues = false;
    } else {
      if (values.length > 0) {
        if (r.ch !== ",") r.fail('expected "," or "&&"');
        r.pos++;
      }
      const min = r.number();
      r.skipSpace();
      let max = min;
      if (r.ch === ":") {
        r.pos++;
        max = r.number();
      }
      values.push({ min, max });
      if (values.length > MAXSIZE) r.fail('too many ","s');
    }
  }
}

/** u32_dump: numbers in lower-case hex, operators kept, ranges as min:max unless equal. */
export function formatU32(tests: readonly U32Test[]): string {
  return tests
    .map((t) => {
      const loc = t.location.map((l) => `${l.op}${hex(l.number)}`).join("");
      const vals = t.values.map((v) => (v.min === v.max ? hex(v.min) : `${hex(v.min)}:${hex(v.max)}`));
      return `${loc}=${vals.join(",")}`;
    })
    .join("&&");
}
