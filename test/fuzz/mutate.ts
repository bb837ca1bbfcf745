/**
 * Mutations of iptables-save dumps for differential fuzzing against the kernel: the damage a
 * dump suffers when it is pasted from a web page, hand-edited, truncated or crafted. Every
 * choice comes from a seeded PRNG, so a seed and an index name one mutant forever (as long as
 * the seeds and this file do not change).
 */

/** mulberry32: small, fast, and good enough to pick mutations; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random choices a mutation makes. */
export class Dice {
  constructor(private readonly next: () => number) {}

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Values that sit on or beyond the limits of ports, prefix lengths, marks, counters, TTLs. */
const EDGE_NUMBERS = ["0", "-1", "1", "255", "256", "65535", "65536", "4294967295", "4294967296", "18446744073709551615", "18446744073709551616", "99999999999999999999999", "33", "129", "007", "+1", "1e3", "0x10", "0xffffffff", "0x100000000", "1.5", ""];

/** Characters from pasted text: accents, a no-break space, an en dash for "-", smart quotes, a zero-width space, an emoji, U+FFFD. */
const NON_ASCII = ["é", "\u00a0", "–", "—", "\u201c", "\u201d", "\u2019", "\u200b", "\ufeff", "😀", "\ufffd", "ß", "Ä", "\u0085"];

/** Whitespace iptables-restore may or may not take for a separator. */
const ODD_SPACE = ["\t", "  ", "   ", " \t", "\v", "\f"];

const QUOTES = ['"', "'", '\\"', '""', "\\"];

export interface Mutation {
  readonly text: string;
  /** What was done, for the report: "delete-line 12", "flip-bang 7", … */
  readonly ops: string[];
}

type Op = (lines: string[], dice: Dice, vocabulary: readonly string[]) => string | undefined;

/** Splits a line into words and the runs of spaces between them (joined back unchanged). */
function pieces(line: string): string[] {
  return line.split(/( +)/);
}

/** Indices of the words (not the spaces) in `pieces(line)`. */
function wordIndices(parts: readonly string[]): number[] {
  const out: number[] = [];
  parts.forEach((p, i) => {
    if (i % 2 === 0 && p !== "") out.push(i);
  });
  return out;
}

/** A line to damage: mostly rules (where the options are), sometimes any line. */
function pickLine(lines: readonly string[], dice: Dice): number {
  const rules = lines.map((l, i) => (/^-[AIN]/.test(l) ? i : -1)).filter((i) => i >= 0);
  return rules.length > 0 && dice.chance(0.8) ? dice.pick(rules) : dice.int(lines.length);
}

/** Changes one word of one line with `change(word)`; undefined when the line has no word. */
function editWord(lines: string[], dice: Dice, change: (parts: string[], at: number) => void): number | undefined {
  const n = pickLine(lines, dice);
  const parts = pieces(lines[n] as string);
  const words = wordIndices(parts);
  if (words.length === 0) return undefined;
  change(parts, dice.pick(words));
  lines[n] = parts.join("");
  return n;
}

const OPS: Readonly<Record<string, Op>> = {
  "delete-line": (lines, dice) => {
    const n = pickLine(lines, dice);
    lines.splice(n, 1);
    return `${n + 1}`;
  },
  "duplicate-line": (lines, dice) => {
    const n = pickLine(lines, dice);
    lines.splice(n, 0, lines[n] as string);
    return `${n + 1}`;
  },
  "swap-lines": (lines, dice) => {
    const a = pickLine(lines, dice);
    const b = dice.int(lines.length);
    [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
    return `${a + 1}<->${b + 1}`;
  },
  "delete-word": (lines, dice) => {
    const n = editWord(lines, dice, (parts, at) => {
      parts.splice(at, at + 1 < parts.length ? 2 : 1);
    });
    return n === undefined ? undefined : `${n + 1}`;
  },
  "duplicate-word": (lines, dice) => {
    const n = editWord(lines, dice, (parts, at) => {
      parts.splice(at, 0, parts[at] as string, " ");
    });
    return n === undefined ? undefined : `${n + 1}`;
  },
  "swap-words": (lines, dice) => {
    const n = pickLine(lines, dice);
    const parts = pieces(lines[n] as string);
    const words = wordIndices(parts);
    if (words.length < 2) return undefined;
    const i = dice.int(words.length - 1);
    const [a, b] = [words[i] as number, dice.chance(0.7) ? (words[i + 1] as number) : dice.pick(words)];
    [parts[a], parts[b]] = [parts[b] as string, parts[a] as string];
    lines[n] = parts.join("");
    return `${n + 1}`;
  },
  "replace-word": (lines, dice, vocabulary) => {
    const n = editWord(lines, dice, (parts, at) => {
      parts[at] = dice.pick(vocabulary);
    });
    return n === undefined ? undefined : `${n + 1}`;
  },
  "insert-word": (lines, dice, vocabulary) => {
    const n = editWord(lines, dice, (parts, at) => {
      parts.splice(at, 0, dice.pick(vocabulary), " ");
    });
    return n === undefined ? undefined : `${n + 1}`;
  },
  truncate: (lines, dice) => {
    const n = dice.int(lines.length);
    const line = lines[n] as string;
    lines.splice(n + 1);
    lines[n] = line.slice(0, dice.int(line.length + 1));
    // Without the final "" the text loses its last newline too: a cut mid-file.
    if (dice.chance(0.5)) lines.push("");
    return `${n + 1}`;
  },
  "flip-bang": (lines, dice) => {
    const n = pickLine(lines, dice);
    const line = lines[n] as string;
    if (line.includes(" ! ") && dice.chance(0.5)) {
      lines[n] = line.replace(" ! ", " ");
      return `${n + 1} -!`;
    }
    const parts = pieces(line);
    const options = wordIndices(parts).filter((i) => (parts[i] as string).startsWith("-"));
    const at = options.length > 0 ? dice.pick(options) : dice.pick(wordIndices(parts).concat([0]));
    // Before the option (`! -s x`), after it (`-s ! x`, the pre-1.4.3 spelling) or doubled.
    const where = dice.int(3);
    if (where === 0) parts.splice(at, 0, "!", " ");
    else if (where === 1) parts.splice(at + 1, 0, " ", "!");
    else parts.splice(at, 0, "!", " ", "!", " ");
    lines[n] = parts.join("");
    return `${n + 1} +!`;
  },
  "insert-quote": (lines, dice) => {
    const n = pickLine(lines, dice);
    const line = lines[n] as string;
    const at = dice.int(line.length + 1);
    lines[n] = line.slice(0, at) + dice.pick(QUOTES) + line.slice(at);
    return `${n + 1}:${at + 1}`;
  },
  "odd-space": (lines, dice) => {
    const n = pickLine(lines, dice);
    const line = lines[n] as string;
    const where = dice.int(3);
    if (where === 0) lines[n] = line + dice.pick([" ", "\t", "  "]);
    else if (where === 1) lines[n] = dice.pick([" ", "\t"]) + line;
    else {
      const spaces = [...line.matchAll(/ /g)].map((m) => m.index);
      if (spaces.length === 0) return undefined;
      const at = dice.pick(spaces);
      lines[n] = line.slice(0, at) + dice.pick(ODD_SPACE) + line.slice(at + 1);
    }
    return `${n + 1}`;
  },
  cr: (lines, dice) => {
    const n = dice.int(lines.length);
    const line = lines[n] as string;
    const at = dice.chance(0.6) ? line.length : dice.int(line.length + 1);
    lines[n] = line.slice(0, at) + "\r" + line.slice(at);
    return `${n + 1}:${at + 1}`;
  },
  "non-ascii": (lines, dice) => {
    const n = pickLine(lines, dice);
    const line = lines[n] as string;
    const ch = dice.pick(NON_ASCII);
    // Half the time in place of a "-" or a quote (what word processors do), else anywhere.
    const swappable = [...line.matchAll(/[-"]/g)].map((m) => m.index);
    if (swappable.length > 0 && dice.chance(0.5)) {
      const at = dice.pick(swappable);
      lines[n] = line.slice(0, at) + ch + line.slice(at + 1);
    } else {
      const at = dice.int(line.length + 1);
      lines[n] = line.slice(0, at) + ch + line.slice(at);
    }
    return `${n + 1}`;
  },
  "edge-number": (lines, dice) => {
    const n = pickLine(lines, dice);
    const line = lines[n] as string;
    const numbers = [...line.matchAll(/\d+/g)];
    if (numbers.length === 0) return undefined;
    const m = dice.pick(numbers);
    lines[n] = line.slice(0, m.index) + dice.pick(EDGE_NUMBERS) + line.slice(m.index + m[0].length);
    return `${n + 1}`;
  },
};

export const OP_NAMES: readonly string[] = Object.keys(OPS);

/**
 * One to three mutations of `text`. `vocabulary` holds words seen in any seed, so a word can
 * move from one dump (or extension) to another.
 */
export function mutate(text: string, dice: Dice, vocabulary: readonly string[]): Mutation {
  const lines = text.split("\n");
  const ops: string[] = [];
  const count = dice.chance(0.6) ? 1 : dice.chance(0.6) ? 2 : 3;
  for (let tries = 0; ops.length < count && tries < 20; tries++) {
    if (lines.length === 0) lines.push("");
    const name = dice.pick(OP_NAMES);
    const where = (OPS[name] as Op)(lines, dice, vocabulary);
    if (where !== undefined) ops.push(`${name} ${where}`);
  }
  return { text: lines.join("\n"), ops };
}

/** Every distinct word of the seeds: the material replace-word and insert-word draw from. */
export function vocabularyOf(texts: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const t of texts) for (const w of t.split(/\s+/)) if (w !== "" && w.length <= 64) words.add(w);
  return [...words].sort();
}
