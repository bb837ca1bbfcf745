/**
 * Target extensions as their print() functions write them after the matches (iptables
 * 1.8.9). The target column names the target, so each reader knows whose text it reads and
 * must read all of it: libipt_REJECT.c / libip6t_REJECT.c ` reject-with TYPE`; libxt_LOG.c
 * ` LOG flags N level N prefix "P"` (-n) or ` LOG level NAME tcp-sequence … prefix "P"`;
 * libxt_NFLOG.c ` nflog-prefix P nflog-group N nflog-size N nflog-threshold N`;
 * libxt_NFQUEUE.c ` NFQUEUE num N` / ` balance A:B bypass cpu-fanout`; libxt_MARK.c
 * ` MARK set V` / ` xset V/M` / ` and|or|xor V`; libxt_CONNMARK.c ` CONNMARK set|xset|and|or|xor
 * …`, ` CONNMARK save|restore [mask M | nfmask M ctmask ~M]` and the shifts; libxt_CT.c ` CT
 * notrack helper H timeout T ctevents L expevents L zone[-orig|-reply] N` (` NOTRACK` for
 * -j NOTRACK); libxt_TCPMSS.c, libxt_CHECKSUM.c, libxt_CLASSIFY.c, libxt_DSCP.c, libxt_TOS.c,
 * libipt_TTL.c / libip6t_HL.c, libxt_TPROXY.c; the NAT targets are in ./nat.ts.
 */
import { gen, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { tosName } from "./headers.js";
import { attempt, type TargetReader } from "./types.js";

/** A target reader from a function that returns the options, or undefined when the text is not its print. */
function target(names: readonly string[], read: (s: Scanner, target: Piece) => GenWord[] | undefined): TargetReader {
  return {
    names,
    read: (s, _ctx, t) =>
      attempt(s, () => {
        const out = read(s, t);
        return out && s.atEnd() ? out : undefined;
      }),
  };
}

/** The print of targets that print nothing (standard verdicts, TRACE). */
export const silentTarget = (names: readonly string[]): TargetReader => target(names, () => []);

export const rejectTarget = target(["REJECT"], (s) => {
  const m = s.re(/reject-with (\S+)/);
  return m ? [gen("--reject-with", m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece)] : undefined;
});

const LOG_LEVELS = ["emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"];
const LOG_FLAGS: Readonly<Record<string, string>> = { "tcp-sequence": "--log-tcp-sequence", "tcp-options": "--log-tcp-options", "ip-options": "--log-ip-options", uid: "--log-uid", macdecode: "--log-macdecode" };
const LOG_FLAG_BITS: ReadonlyArray<readonly [number, string]> = [[0x01, "--log-tcp-sequence"], [0x02, "--log-tcp-options"], [0x04, "--log-ip-options"], [0x08, "--log-uid"], [0x20, "--log-macdecode"]];

/**
 * ` prefix "P"` at the end of the row (iptables 1.4.x printed `prefix \`P'`): the prefix is
 * printed as is, quotes and all, so it runs to the last quote of the row.
 */
function prefixAtEnd(s: Scanner, flag: string): GenWord[] | undefined | null {
  const start = s.next();
  const close = s.line.startsWith('prefix "', start) ? '"' : s.line.startsWith("prefix `", start) ? "'" : undefined;
  if (!close) return null;
  const end = s.line.slice(0, s.end).trimEnd().length;
  if (end - 1 <= start + 7 || s.line[end - 1] !== close) return undefined;
  const at: Piece = { text: s.line.slice(start, end), start, end };
  s.pos = end;
  return [gen(flag, at), gen(s.line.slice(start + 8, end - 1), at)];
}

export const logTarget = target(["LOG"], (s) => {
  const head = s.lit("LOG");
  if (!head) return undefined;
  const out: GenWord[] = [];
  const numeric = s.re(/flags (\d+) level (\d+)/);
  if (numeric) {
    const bits = Number((numeric[1] as Piece).text);
    if ((bits & ~0x2f) !== 0) return undefined;
    out.push(gen("--log-level", numeric[2] as Piece), gen((numeric[2] as Piece).text, numeric[2] as Piece));
    for (const [bit, flag] of LOG_FLAG_BITS) if (bits & bit) out.push(gen(flag, numeric[1] as Piece));
  } else {
    const level = s.re(/level (\S+)/) ?? s.re(/UNKNOWN level (\d+)/);
    if (!level) return undefined;
    const name = (level[1] as Piece).text;
    const n = /^\d+$/.test(name) ? Number(name) : LOG_LEVELS.indexOf(name === "warn" ? "warning" : name === "err" ? "error" : name);
    if (n < 0) return undefined;
    out.push(gen("--log-level", level[1] as Piece), gen(String(n), level[1] as Piece));
    for (let w = s.peek(); w && LOG_FLAGS[w.text]; w = s.peek()) {
      s.word();
      out.push(gen(LOG_FLAGS[w.text] as string, w));
    }
  }
  const prefix = prefixAtEnd(s, "--log-prefix");
  if (prefix === undefined) return undefined;
  return prefix ? [...out, ...prefix] : out;
});

/** xtables_save_string quoting, as NFLOG prints its prefix: `"…"` with `\"` / `\\`, or a bare word. */
function saveString(s: Scanner): { text: string; at: Piece } | undefined {
  const start = s.next();
  if (s.line[start] !== '"') {
    const w = s.word();
    return w ? { text: w.text, at: w } : undefined;
  }
  let text = "";
  for (let i = start + 1; i < s.end; i++) {
    const c = s.line[i] as string;
    if (c === "\\" && i + 1 < s.end) text += s.line[++i];
    else if (c === '"') {
      s.pos = i + 1;
      return { text, at: { text: s.line.slice(start, i + 1), start, end: i + 1 } };
    } else text += c;
  }
  return undefined;
}

export const nflogTarget = target(["NFLOG"], (s) => {
  const out: GenWord[] = [];
  for (;;) {
    const key = s.re(/nflog-(prefix|group|range|size|threshold)/);
    if (!key) return out;
    const value = (key[1] as Piece).text === "prefix" ? saveString(s) : ((w) => (w ? { text: w.text, at: w } : undefined))(s.word());
    if (!value) return undefined;
    out.push(gen(`--${(key[0] as Piece).text}`, key[0] as Piece), gen(value.text, value.at));
  }
});

export const nfqueueTarget = target(["NFQUEUE"], (s) => {
  const head = s.lit("NFQUEUE");
  const which = head && s.re(/(num|balance) (\S+)/);
  if (!head || !which) return undefined;
  const out = [gen((which[1] as Piece).text === "num" ? "--queue-num" : "--queue-balance", which[1] as Piece), gen((which[2] as Piece).text, which[2] as Piece)];
  for (const [word, flag] of [["bypass", "--queue-bypass"], ["cpu-fanout", "--queue-cpu-fanout"]] as const) {
    const w = s.lit(word);
    if (w) out.push(gen(flag, w));
  }
  return out;
});

/** ` MARK set V`, ` xset V/M`, ` and V`, ` or V`, ` xor V` (MARK and CONNMARK). */
function markOperation(s: Scanner): GenWord[] | undefined {
  const m = s.re(/(set|xset|and|or|xor) (0x[0-9a-f]+(?:\/0x[0-9a-f]+)?)/);
  if (!m) return undefined;
  const op = (m[1] as Piece).text;
  const value = m[2] as Piece;
  const flag = op === "set" || op === "xset" ? "--set-xmark" : `--${op}-mark`;
  const text = op === "set" ? `${value.text}/0xffffffff` : value.text;
  return [gen(flag, m[1] as Piece), gen(text, value)];
}

export const markTarget = target(["MARK"], (s) => {
  const head = s.lit("MARK");
  return head ? markOperation(s) : undefined;
});

function shifts(s: Scanner, out: GenWord[]): void {
  for (const kind of ["left-shift-mark", "right-shift-mark"]) {
    const m = s.re(new RegExp(`${kind} (\\d+)`));
    if (m) out.push(gen(`--${kind}`, m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece));
  }
}

export const connmarkTarget = target(["CONNMARK"], (s) => {
  const head = s.lit("CONNMARK");
  if (!head) return undefined;
  const saveRestore = s.re(/save|restore/);
  const out: GenWord[] = [];
  if (!saveRestore) {
    const op = markOperation(s);
    if (!op) return undefined;
    out.push(...op);
  } else {
    out.push(gen((saveRestore[0] as Piece).text === "save" ? "--save-mark" : "--restore-mark", saveRestore[0] as Piece));
    for (;;) {
      const m = s.re(/(mask|nfmask|ctmask) ~?(0x[0-9a-f]+)/);
      if (!m) break;
      out.push(gen(`--${(m[1] as Piece).text}`, m[1] as Piece), gen((m[2] as Piece).text, m[2] as Piece));
    }
  }
  shifts(s, out);
  return out;
});

export const ctTarget: TargetReader = {
  names: ["CT", "NOTRACK"],
  read: (s, _ctx, t) =>
    attempt(s, () => {
      // -j NOTRACK is CT with the notrack alias: its print is ` NOTRACK` (the old NOTRACK target printed nothing).
      if (t.text === "NOTRACK") return s.atEnd() ? [] : undefined;
      const alias = s.lit("NOTRACK");
      if (alias) return s.atEnd() ? [gen("NOTRACK", alias)] : undefined;
      const head = s.lit("CT");
      if (!head) return undefined;
      const out: GenWord[] = [];
      for (;;) {
        const notrack = s.lit("notrack");
        if (notrack) {
          out.push(gen("--notrack", notrack));
          continue;
        }
        const kv = s.re(/(helper|timeout|ctevents|expevents|zone-orig|zone-reply|zone) (\S+)/);
        if (!kv) break;
        out.push(gen(`--${(kv[1] as Piece).text}`, kv[1] as Piece), gen((kv[2] as Piece).text, kv[2] as Piece));
      }
      return s.atEnd() ? out : undefined;
    }),
};

export const tcpmssTarget = target(["TCPMSS"], (s) => {
  const clamp = s.lits("TCPMSS", "clamp", "to", "PMTU");
  if (clamp) return [gen("--clamp-mss-to-pmtu", clamp)];
  const set = s.re(/TCPMSS set (\d+)/);
  return set ? [gen("--set-mss", set[0] as Piece), gen((set[1] as Piece).text, set[1] as Piece)] : undefined;
});

export const checksumTarget = target(["CHECKSUM"], (s) => {
  const fill = s.lits("CHECKSUM", "fill");
  return fill ? [gen("--checksum-fill", fill)] : [];
});

export const classifyTarget = target(["CLASSIFY"], (s) => {
  const m = s.re(/CLASSIFY set ([0-9a-f]+:[0-9a-f]+)/);
  return m ? [gen("--set-class", m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece)] : undefined;
});

export const dscpTarget = target(["DSCP"], (s) => {
  const m = s.re(/DSCP set (0x[0-9a-f]+)/);
  return m ? [gen("--set-dscp", m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece)] : undefined;
});

export const tosTarget = target(["TOS"], (s) => {
  const head = s.lit("TOS");
  if (!head) return undefined;
  const numeric = s.re(/set (0x[0-9a-f]+\/0x[0-9a-f]+)/);
  if (numeric) return [gen("--set-tos", numeric[0] as Piece), gen((numeric[1] as Piece).text, numeric[1] as Piece)];
  const named = s.re(/set([A-Z][A-Za-z-]+)/);
  if (named) {
    const v = tosName((named[1] as Piece).text);
    return v ? [gen("--set-tos", named[0] as Piece), gen(v, named[1] as Piece)] : undefined;
  }
  const op = s.re(/(and|or|xor) (0x[0-9a-f]+)/);
  return op ? [gen(`--${(op[1] as Piece).text}-tos`, op[1] as Piece), gen((op[2] as Piece).text, op[2] as Piece)] : undefined;
});

function hopTarget(name: "TTL" | "HL"): TargetReader {
  const lower = name.toLowerCase();
  return target([name], (s) => {
    const m = s.re(new RegExp(`${name} (set to|increment by|decrement by) (\\d+)`));
    if (!m) return undefined;
    const op = (m[1] as Piece).text.startsWith("set") ? "set" : (m[1] as Piece).text.startsWith("inc") ? "inc" : "dec";
    return [gen(`--${lower}-${op}`, m[1] as Piece), gen((m[2] as Piece).text, m[2] as Piece)];
  });
}

export const ttlTarget = hopTarget("TTL");
export const hlTarget = hopTarget("HL");

export const tproxyTarget = target(["TPROXY"], (s) => {
  const m = s.re(/TPROXY redirect (\S+):(\d+) mark (0x[0-9a-f]+\/0x[0-9a-f]+)/);
  if (!m) return undefined;
  const [, ip, port, mark] = m as [Piece, Piece, Piece, Piece];
  return [gen("--on-port", port), gen(port.text, port), gen("--on-ip", ip), gen(ip.text, ip), gen("--tproxy-mark", mark), gen(mark.text, mark)];
});
