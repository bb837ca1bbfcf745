/**
 * Rate and counter matches as printed (iptables 1.8.9): libxt_limit.c ` limit: avg RATE burst
 * N`; libxt_hashlimit.c ` limit: up to|above RATE burst N mode srcip-dstport htable-size N
 * htable-max N htable-gcinterval N htable-expire N srcmask N dstmask N rate-match
 * rate-interval N` (the table name is not printed); libxt_quota.c ` quota: N bytes` (the
 * inversion is not printed); libxt_connlimit.c ` #conn src|dst/MASK >|<= N`;
 * libxt_connbytes.c ` [!] connbytes A[:B] connbytes mode M connbytes direction D`;
 * libxt_statistic.c ` statistic mode random [!] probability P` / ` mode nth [!] every N
 * packet P`; libxt_recent.c ` [!] recent: SET|CHECK|UPDATE|REMOVE seconds: N reap
 * hit_count: N TTL-Match name: NAME side: source|dest mask: M`.
 */
import { gen, type GenWord, type Piece } from "../scanner.js";
import { attempt, matchWords, option, type MatchReader } from "./types.js";

export const limitPrint: MatchReader = {
  name: "limit",
  read: (s) =>
    attempt(s, () => {
      const m = s.re(/limit: avg (\S+) burst (\d+)/);
      if (!m) return undefined;
      const [whole, rate, burst] = m as [Piece, Piece, Piece];
      return [...matchWords("limit", whole), gen("--limit", whole), gen(rate.text, rate), gen("--limit-burst", whole), gen(burst.text, burst)];
    }),
};

const HASHLIMIT_VALUES = ["htable-size", "htable-max", "htable-gcinterval", "htable-expire", "srcmask", "dstmask", "rate-interval"];

export const hashlimitPrint: MatchReader = {
  name: "hashlimit",
  read: (s, ctx) =>
    attempt(s, () => {
      const m = s.re(/limit: (up to|above) (\S+)/);
      if (!m) return undefined;
      const [whole, kind, rate] = m as [Piece, Piece, Piece];
      const out = [...matchWords("hashlimit", whole), gen(kind.text === "above" ? "--hashlimit-above" : "--hashlimit-upto", kind), gen(rate.text, rate)];
      const burst = s.re(/burst (\S+)/);
      if (burst) out.push(gen("--hashlimit-burst", burst[0] as Piece), gen((burst[1] as Piece).text, burst[1] as Piece));
      const mode = s.re(/mode ((?:srcip|srcport|dstip|dstport)(?:-(?:srcip|srcport|dstip|dstport))*)/);
      if (mode) out.push(gen("--hashlimit-mode", mode[0] as Piece), gen((mode[1] as Piece).text.replace(/-/g, ","), mode[1] as Piece));
      for (;;) {
        const mark = s.mark();
        const item = s.re(/([a-z-]+) (\d+)/);
        if (item && HASHLIMIT_VALUES.includes((item[1] as Piece).text)) {
          out.push(gen(`--hashlimit-${(item[1] as Piece).text}`, item[0] as Piece), gen((item[2] as Piece).text, item[2] as Piece));
          continue;
        }
        s.reset(mark);
        const flag = s.lit("rate-match");
        if (!flag) break;
        out.push(gen("--hashlimit-rate-match", flag));
      }
      // With --hashlimit-rate-match the rate is printed per rate-interval: undo that.
      const interval = out.findIndex((w) => w.text === "--hashlimit-rate-interval");
      if (interval >= 0) {
        const n = Number(out[interval + 1]?.text);
        const [count, unit] = rate.text.split("/");
        if (/^\d+$/.test(count ?? "") && n > 1) out[3] = gen(`${Number(count) * n}/${unit}`, rate);
      }
      // iptables -L does not print the table name, which the rule cannot do without.
      ctx.losses.push({ at: whole, what: "hashlimit table name", effect: "kept" });
      out.push(gen("--hashlimit-name", whole), gen(ctx.placeholder("hashlimit"), whole));
      return out;
    }),
};

export const quotaPrint: MatchReader = {
  name: "quota",
  read: (s) =>
    attempt(s, () => {
      const m = s.re(/quota: (\d+) bytes/);
      if (!m) return undefined;
      return [...matchWords("quota", m[0] as Piece), gen("--quota", m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece)];
    }),
};

export const connlimitPrint: MatchReader = {
  name: "connlimit",
  read: (s) =>
    attempt(s, () => {
      const m = s.re(/#conn (src|dst)\/(\d+) (>|<=) (\d+)/);
      if (!m) return undefined;
      const [whole, side, mask, op, limit] = m as [Piece, Piece, Piece, Piece, Piece];
      return [
        ...matchWords("connlimit", whole),
        gen(op.text === ">" ? "--connlimit-above" : "--connlimit-upto", op),
        gen(limit.text, limit),
        gen("--connlimit-mask", mask),
        gen(mask.text, mask),
        gen(side.text === "src" ? "--connlimit-saddr" : "--connlimit-daddr", side),
      ];
    }),
};

export const connbytesPrint: MatchReader = {
  name: "connbytes",
  read: (s) =>
    attempt(s, () => {
      const bang = s.bang();
      const m = s.re(/connbytes (\d+(?::\d+)?) connbytes mode (\S+) connbytes direction (\S+)/);
      if (!m) return undefined;
      const [whole, range, mode, dir] = m as [Piece, Piece, Piece, Piece];
      return [
        ...matchWords("connbytes", whole),
        ...option("--connbytes", whole, bang, gen(range.text, range)),
        gen("--connbytes-mode", mode),
        gen(mode.text, mode),
        gen("--connbytes-dir", dir),
        gen(dir.text, dir),
      ];
    }),
};

export const statisticPrint: MatchReader = {
  name: "statistic",
  read: (s) =>
    attempt(s, () => {
      const head = s.re(/statistic mode (random|nth)/);
      if (!head) return undefined;
      const mode = head[1] as Piece;
      const out: GenWord[] = [...matchWords("statistic", head[0] as Piece), gen("--mode", mode), gen(mode.text, mode)];
      const bang = s.bang();
      if (mode.text === "random") {
        const p = s.re(/probability (\S+)/);
        if (!p) return undefined;
        return [...out, ...option("--probability", p[0] as Piece, bang, gen((p[1] as Piece).text, p[1] as Piece))];
      }
      const every = s.re(/every (\d+)/);
      if (!every) return undefined;
      out.push(...option("--every", every[0] as Piece, bang, gen((every[1] as Piece).text, every[1] as Piece)));
      const packet = s.re(/packet (\d+)/);
      // statistic_print leaves out a packet of 0, which the parser still needs.
      if (packet) out.push(gen("--packet", packet[0] as Piece), gen((packet[1] as Piece).text, packet[1] as Piece));
      else out.push(gen("--packet", every[0] as Piece), gen("0", every[0] as Piece));
      return out;
    }),
};

const RECENT_COMMANDS: Readonly<Record<string, string>> = { SET: "--set", CHECK: "--rcheck", UPDATE: "--update", REMOVE: "--remove" };

export const recentPrint: MatchReader = {
  name: "recent",
  read: (s) =>
    attempt(s, () => {
      const bang = s.bang();
      const head = s.re(/recent: (SET|CHECK|UPDATE|REMOVE)/);
      if (!head) return undefined;
      const cmd = head[1] as Piece;
      const out = [...matchWords("recent", head[0] as Piece), ...option(RECENT_COMMANDS[cmd.text] as string, cmd, bang)];
      const valued = (re: RegExp, flag: string): void => {
        const m = s.re(re);
        if (m) out.push(gen(flag, m[0] as Piece), gen((m[1] as Piece).text, m[1] as Piece));
      };
      const flag = (text: string, flagName: string): void => {
        const m = s.lit(text);
        if (m) out.push(gen(flagName, m));
      };
      valued(/seconds: (\d+)/, "--seconds");
      flag("reap", "--reap");
      valued(/hit_count: (\d+)/, "--hitcount");
      flag("TTL-Match", "--rttl");
      valued(/name: (\S+)/, "--name");
      const side = s.re(/side: (source|dest)/);
      if (side) out.push(gen((side[1] as Piece).text === "source" ? "--rsource" : "--rdest", side[0] as Piece));
      valued(/mask: (\S+)/, "--mask");
      return out;
    }),
};
