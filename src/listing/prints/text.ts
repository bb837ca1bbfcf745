/**
 * Matches that print text or words of their own (iptables 1.8.9): libxt_comment.c
 * ` /* TEXT *\/` (the text as is, so it may hold ` *\/` itself); libxt_string.c ` STRING match
 * [!] "PATTERN" ALGO name A FROM N TO N ICASE` (`"` and `\` escaped, `"|0d0a|"` for a
 * pattern with unprintable bytes); libxt_u32.c ` u32 [!] "TESTS"`; libxt_helper.c ` helper
 * match [!] "NAME"`; libxt_cgroup.c ` cgroup [!] PATH|ID`; libxt_owner.c ` [!] owner UID match
 * U`, ` [!] owner GID match G incl. suppl. groups`, ` [!] owner socket exists`; libxt_time.c
 * ` TIME from HH:MM:SS to HH:MM:SS on Mon,Tue on 1st,15th starting from DATE until date DATE
 * UTC contiguous` (no `UTC` with --kerneltz); libxt_rpfilter.c ` rpfilter loose validmark
 * accept-local invert`; libxt_socket.c ` socket --transparent --nowildcard --restore-skmark`.
 */
import { ownerId } from "../names.js";
import { gen, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, headedMatch, matchWords, option, type MatchReader, type PrintContext } from "./types.js";

/** `"…"` with `\"` and `\\` escapes, starting at the next word: the text and the piece. */
function quoted(s: Scanner, escapes: boolean): { text: string; at: Piece } | undefined {
  const start = s.next();
  if (s.line[start] !== '"') return undefined;
  let text = "";
  for (let i = start + 1; i < s.end; i++) {
    const c = s.line[i] as string;
    if (escapes && c === "\\" && i + 1 < s.end) {
      text += s.line[++i];
    } else if (c === '"') {
      s.pos = i + 1;
      return { text, at: { text: s.line.slice(start, i + 1), start, end: i + 1 } };
    } else text += c;
  }
  return undefined;
}

export const commentPrint: MatchReader = {
  name: "comment",
  read: (s, ctx) => commentPrint.alternatives?.(s, ctx)[0]?.words,
  alternatives: (s) => {
    const start = s.next();
    if (!s.line.startsWith("/* ", start)) return [];
    const out: Array<{ words: GenWord[]; end: number }> = [];
    const open: Piece = { text: "/*", start, end: start + 2 };
    for (let close = s.line.indexOf(" */", start + 2); close >= 0 && close < s.end; close = s.line.indexOf(" */", close + 1)) {
      const end = close + 3;
      if (end < s.end && s.line[end] !== " ") continue;
      const text = s.line.slice(start + 3, close);
      const at: Piece = { text: s.line.slice(start, end), start, end };
      out.push({ words: [...matchWords("comment", open), gen("--comment", at), gen(text, at)], end });
    }
    return out;
  },
};

export const stringPrint: MatchReader = {
  name: "string",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("STRING", "match");
      if (!head) return undefined;
      const bang = s.bang();
      const pattern = quoted(s, true);
      const algo = pattern && s.re(/ALGO name (\S+)/);
      if (!pattern || !algo) return undefined;
      const hex = /^\|[0-9a-f]*\|$/.test(pattern.text) && pattern.text.length > 2;
      const out = [
        ...matchWords("string", head),
        gen("--algo", algo[0] as Piece),
        gen((algo[1] as Piece).text, algo[1] as Piece),
        ...option(hex ? "--hex-string" : "--string", pattern.at, bang, gen(pattern.text, pattern.at)),
      ];
      for (const [re, flag] of [[/FROM (\d+)/, "--from"], [/TO (\d+)/, "--to"]] as const) {
        const m = s.re(re);
        if (m) out.push(gen(flag, m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece));
      }
      const icase = s.lit("ICASE");
      if (icase) out.push(gen("--icase", icase));
      return out;
    }),
};

export const u32Print: MatchReader = {
  name: "u32",
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("u32");
      const bang = head && s.bang();
      const tests = head && quoted(s, false);
      if (!head || !tests) return undefined;
      return [...matchWords("u32", head), ...option("--u32", tests.at, bang, gen(tests.text, tests.at))];
    }),
};

export const helperPrint: MatchReader = {
  name: "helper",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("helper", "match");
      const bang = head && s.bang();
      const name = head && quoted(s, false);
      if (!head || !name) return undefined;
      return [...matchWords("helper", head), ...option("--helper", name.at, bang, gen(name.text, name.at))];
    }),
};

export const cgroupPrint: MatchReader = {
  name: "cgroup",
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("cgroup");
      const bang = head && s.bang();
      const value = head && s.word();
      if (!head || !value) return undefined;
      const flag = /^\d+$/.test(value.text) ? "--cgroup" : "--path";
      return [...matchWords("cgroup", head), ...option(flag, value, bang, gen(value.text, value))];
    }),
};

function ownerItem(s: Scanner, ctx: PrintContext): { head: Piece; words: GenWord[] } | undefined {
  return attempt(s, () => {
    const bang = s.bang();
    const head = s.lit("owner");
    if (!head) return undefined;
    const exists = s.lits("socket", "exists");
    if (exists) return { head, words: option("--socket-exists", exists, bang) };
    const kind = s.re(/(UID|GID) match/);
    const id = kind && s.word();
    if (!kind || !id) return undefined;
    const uid = (kind[1] as Piece).text === "UID";
    const words = option(uid ? "--uid-owner" : "--gid-owner", kind[0] as Piece, bang, gen(ownerId(id, uid ? "user" : "group", ctx.losses), id));
    if (!uid) {
      const suppl = s.lits("incl.", "suppl.", "groups");
      if (suppl) words.push(gen("--suppl-groups", suppl));
    }
    return { head, words };
  });
}

export const ownerPrint: MatchReader = {
  name: "owner",
  read: (s, ctx) => {
    const first = ownerItem(s, ctx);
    if (!first) return undefined;
    const out = [...matchWords("owner", first.head), ...first.words];
    for (let next = ownerItem(s, ctx); next; next = ownerItem(s, ctx)) out.push(...next.words);
    return out;
  },
};

export const timePrint: MatchReader = {
  name: "time",
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("TIME");
      if (!head) return undefined;
      const out = matchWords("time", head);
      const daytime = s.re(/from (\d\d:\d\d:\d\d) to (\d\d:\d\d:\d\d)/);
      if (daytime) out.push(gen("--timestart", daytime[1] as Piece), gen((daytime[1] as Piece).text, daytime[1] as Piece), gen("--timestop", daytime[2] as Piece), gen((daytime[2] as Piece).text, daytime[2] as Piece));
      const weekdays = s.re(/on ((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:,(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))*)/);
      if (weekdays) out.push(gen("--weekdays", weekdays[0] as Piece), gen((weekdays[1] as Piece).text, weekdays[1] as Piece));
      const monthdays = s.re(/on ((?:\d+(?:st|nd|rd|th))(?:,\d+(?:st|nd|rd|th))*)/);
      if (monthdays) out.push(gen("--monthdays", monthdays[0] as Piece), gen((monthdays[1] as Piece).text.replace(/st|nd|rd|th/g, ""), monthdays[1] as Piece));
      for (const [re, flag] of [[/starting from (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/, "--datestart"], [/until date (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/, "--datestop"]] as const) {
        const m = s.re(re);
        if (m) out.push(gen(flag, m[0] as Piece), gen(`${(m[1] as Piece).text}T${(m[2] as Piece).text}`, m[0] as Piece));
      }
      const utc = s.lit("UTC");
      // Without `UTC` the rule uses the kernel's time zone: --kerneltz (1.8.9's default is UTC).
      if (!utc) out.push(gen("--kerneltz", head));
      const contiguous = s.lit("contiguous");
      if (contiguous) out.push(gen("--contiguous", contiguous));
      return out;
    }),
};

function flagsReader(name: "rpfilter" | "socket", flags: Readonly<Record<string, string>>): MatchReader {
  return headedMatch(name, [name], (s, out) => {
    for (let w = s.peek(); w && flags[w.text]; w = s.peek()) {
      s.word();
      out.push(gen(flags[w.text] as string, w));
    }
    return true;
  });
}

export const rpfilterPrint = flagsReader("rpfilter", { loose: "--loose", validmark: "--validmark", "accept-local": "--accept-local", invert: "--invert" });
export const socketPrint = flagsReader("socket", { "--transparent": "--transparent", "--nowildcard": "--nowildcard", "--restore-skmark": "--restore-skmark" });

