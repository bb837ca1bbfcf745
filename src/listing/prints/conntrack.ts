/**
 * libxt_conntrack.c conntrack_dump: ` [!] ctstate LIST`, ` [!] ctproto N`, ` [!] ctorigsrc
 * ADDR` … ` [!] ctrepldstport A[:B]`, ` [!] ctstatus LIST`, ` [!] ctexpire A[:B]`, ` ctdir
 * ORIGINAL|REPLY`, always in that order, each at most once: a keyword out of order starts the
 * next conntrack match. `-m state` is conntrack with the state alias and prints ` [!] state
 * LIST` alone. Addresses are names without -n (`anywhere`, host names).
 */
import { addressText } from "../names.js";
import { gen, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, matchWords, option, type MatchReader, type PrintContext } from "./types.js";

const ORDER = [
  "ctstate", "ctproto", "ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst",
  "ctorigsrcport", "ctorigdstport", "ctreplsrcport", "ctrepldstport", "ctstatus", "ctexpire", "ctdir",
] as const;

const ADDRESS_ITEMS = new Set(["ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst"]);

function item(s: Scanner, ctx: PrintContext, after: number): { index: number; words: GenWord[] } | undefined {
  return attempt(s, () => {
    const bang = s.bang();
    const key = s.word();
    if (!key) return undefined;
    const index = (ORDER as readonly string[]).indexOf(key.text);
    if (index <= after) return undefined;
    const value = s.word();
    if (!value) return undefined;
    if (key.text === "ctdir") {
      if (bang || (value.text !== "ORIGINAL" && value.text !== "REPLY")) return undefined;
      return { index, words: option("--ctdir", key, undefined, gen(value.text, value)) };
    }
    const text = ADDRESS_ITEMS.has(key.text) ? addressText(value, ctx.family, ctx.losses) : value.text;
    return { index, words: option(`--${key.text}`, key, bang, gen(text, value)) };
  });
}

export const conntrackPrint: MatchReader = {
  name: "conntrack",
  read: (s, ctx) => {
    const first = item(s, ctx, -1);
    if (!first) return undefined;
    const head: Piece = first.words.find((w) => w.text.startsWith("--"))?.at as Piece;
    const out = [...matchWords("conntrack", head), ...first.words];
    let last = first.index;
    for (let next = item(s, ctx, last); next; next = item(s, ctx, last)) {
      out.push(...next.words);
      last = next.index;
    }
    return out;
  },
};

export const statePrint: MatchReader = {
  name: "state",
  read: (s) =>
    attempt(s, () => {
      const bang = s.bang();
      const key = s.lit("state");
      const list = key && s.re(/[A-Z,]+/);
      if (!key || !list) return undefined;
      return [...matchWords("state", key), ...option("--state", key, bang, gen((list[0] as Piece).text, list[0] as Piece))];
    }),
};
