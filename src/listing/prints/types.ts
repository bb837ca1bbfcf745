/**
 * What a reader of one extension's print() text sees and gives back. A match reader starts
 * at the next word of the row's extension text and either recognises its match there (and
 * returns the rule-spec words `-m NAME --opt value…`) or returns undefined with the scanner
 * where it was. A target reader reads the rest of the row after the matches: the words
 * after `-j NAME`.
 */
import type { Family } from "../../model/netfilter.js";
import { gen, type GenWord, type Loss, type Piece, type Scanner } from "../scanner.js";

export interface PrintContext {
  readonly family: Family;
  /** The rule's protocol as a lower-case name ("tcp", "udp"), for service names; undefined without -p. */
  readonly protocol: string | undefined;
  readonly losses: Loss[];
  /** A name for something the listing does not print (a hashlimit table name), numbered per listing. */
  placeholder(kind: string): string;
}

export interface MatchReader {
  /** The match as the registry names it. */
  readonly name: string;
  /** Only in these families (icmp is IPv4's, icmp6 IPv6's); default both. */
  readonly families?: readonly Family[];
  read(s: Scanner, ctx: PrintContext): GenWord[] | undefined;
  /**
   * Readers whose text has no end marker of its own (a comment may hold ` *\/`) give every
   * way to read it, shortest first; the row reader takes the first that lets the rest of the
   * row be read.
   */
  alternatives?(s: Scanner, ctx: PrintContext): Array<{ words: GenWord[]; end: number }>;
}

export interface TargetReader {
  /** Target names (the target column) this reader reads the print() text of. */
  readonly names: readonly string[];
  /** The options after `-j NAME`; must read the text to its end, else undefined. */
  read(s: Scanner, ctx: PrintContext, target: Piece): GenWord[] | undefined;
}

/** `-m NAME`, both words standing for the match's first printed word. */
export function matchWords(name: string, at: Piece): GenWord[] {
  return [gen("-m", at), gen(name, at)];
}

/** `[!] --flag [values…]`. */
export function option(flag: string, at: Piece, bang: Piece | undefined, ...values: GenWord[]): GenWord[] {
  return [...(bang ? [gen("!", bang)] : []), gen(flag, at), ...values];
}

/** A value that may carry a glued `!` (`dpt:!22`, `!LOCAL`): the `!` piece and the rest. */
export function splitBang(p: Piece): { bang?: Piece; value: Piece } {
  if (!p.text.startsWith("!")) return { value: p };
  return { bang: { text: "!", start: p.start, end: p.start + 1 }, value: { text: p.text.slice(1), start: p.start + 1, end: p.end } };
}

/** Runs `read` and rewinds the scanner when it fails. */
export function attempt<T>(s: Scanner, read: () => T | undefined): T | undefined {
  const mark = s.mark();
  const result = read();
  if (result === undefined) s.reset(mark);
  return result;
}

/**
 * The reader of a match whose print() text starts with fixed words (`frag`, `ECN match`):
 * `-m NAME` for them, then `rest` adds the options after them to `out` and says whether the
 * match was read; when not, the scanner is rewound.
 */
export function headedMatch(
  name: string,
  words: readonly string[],
  rest: (s: Scanner, out: GenWord[], ctx: PrintContext) => boolean,
  families?: readonly Family[],
): MatchReader {
  return {
    name,
    ...(families ? { families } : {}),
    read: (s, ctx) =>
      attempt(s, () => {
        const head = s.lits(...words);
        if (!head) return undefined;
        const out = matchWords(name, head);
        return rest(s, out, ctx) ? out : undefined;
      }),
  };
}

/** `0x1f` or decimal → the hex text iptables accepts (values are printed in hex). */
export function hex(n: number): string {
  return "0x" + n.toString(16);
}
