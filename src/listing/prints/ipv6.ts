/**
 * The IPv6 extension-header matches as printed (iptables 1.8.9): libip6t_frag.c ` frag
 * id:[!]N | ids:[!]A:B length:[!]N reserved first more last`; libip6t_rt.c ` rt type:[!]N
 * segsleft(s):… length:[!]N reserved 0-addrs LIST 0-not-strict`; libip6t_hbh.c / libip6t_dst.c
 * ` hbh length:[!]N opts LIST`; libip6t_ipv6header.c ` ipv6header flags:[!]0xNN|NAMES soft`;
 * libip6t_mh.c ` mh [!]TYPE[:TYPE]` (names without -n).
 */
import { gen, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, matchWords, option, splitBang, type MatchReader } from "./types.js";

const V6 = ["ipv6"] as const;

/** `key:[!]value` words → options, in any order; a flag word → a value-less option. */
function fields(s: Scanner, valued: Readonly<Record<string, string>>, flags: Readonly<Record<string, string>>, out: GenWord[]): void {
  for (;;) {
    const kv = attempt(s, () => {
      const m = s.re(/([a-z0-9-]+):(!?)(\S+)/);
      if (!m) return undefined;
      const flag = valued[(m[1] as Piece).text];
      return flag ? option(flag, m[0] as Piece, m[2]?.text ? m[2] : undefined, gen((m[3] as Piece).text, m[3] as Piece)) : undefined;
    });
    if (kv) {
      out.push(...kv);
      continue;
    }
    const w = s.peek();
    const flag = w ? flags[w.text] : undefined;
    if (!w || !flag) return;
    s.word();
    out.push(gen(flag, w));
  }
}

export const fragPrint: MatchReader = {
  name: "frag",
  families: V6,
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("frag");
      if (!head) return undefined;
      const out = matchWords("frag", head);
      fields(s, { id: "--fragid", ids: "--fragid", length: "--fraglen" }, { reserved: "--fragres", first: "--fragfirst", more: "--fragmore", last: "--fraglast" }, out);
      return out;
    }),
};

export const rtPrint: MatchReader = {
  name: "rt",
  families: V6,
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("rt");
      if (!head) return undefined;
      const out = matchWords("rt", head);
      fields(s, { type: "--rt-type", segsleft: "--rt-segsleft", segslefts: "--rt-segsleft", length: "--rt-len" }, { reserved: "--rt-0-res" }, out);
      const addrs = s.re(/0-addrs (\S+)/);
      if (addrs) out.push(gen("--rt-0-addrs", addrs[0] as Piece), gen((addrs[1] as Piece).text, addrs[1] as Piece));
      const notStrict = s.lit("0-not-strict");
      if (notStrict) out.push(gen("--rt-0-not-strict", notStrict));
      return out;
    }),
};

function optionsHeaderReader(name: "hbh" | "dst"): MatchReader {
  return {
    name,
    families: V6,
    read: (s) =>
      attempt(s, () => {
        const head = s.lit(name);
        if (!head) return undefined;
        const out = matchWords(name, head);
        fields(s, { length: `--${name}-len` }, {}, out);
        const opts = s.re(/opts (\S+)/);
        if (opts) out.push(gen(`--${name}-opts`, opts[0] as Piece), gen((opts[1] as Piece).text, opts[1] as Piece));
        return out;
      }),
  };
}

export const hbhPrint = optionsHeaderReader("hbh");
export const dstPrint = optionsHeaderReader("dst");

/** chain_flags of libip6t_ipv6header.c: the names --header takes, by their bit. */
const HEADER_BITS: ReadonlyArray<readonly [string, number]> = [
  ["hop-by-hop", 0x80], ["ipv6-opts", 0x40], ["ipv6-route", 0x20], ["ipv6-frag", 0x10],
  ["ah", 0x08], ["esp", 0x04], ["ipv6-nonxt", 0x02], ["protocol", 0x01],
];

export const ipv6headerPrint: MatchReader = {
  name: "ipv6header",
  families: V6,
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("ipv6header");
      const flags = head && s.re(/flags:(!?)(\S+)/);
      if (!head || !flags) return undefined;
      const value = flags[2] as Piece;
      let names = value.text;
      if (/^0x[0-9a-fA-F]+$/.test(names)) {
        const bits = parseInt(names, 16);
        names = HEADER_BITS.filter(([, b]) => (bits & b) !== 0).map(([n]) => n).join(",");
      }
      if (names === "") return undefined;
      const out = [...matchWords("ipv6header", head), ...option("--header", flags[0] as Piece, flags[1]?.text ? flags[1] : undefined, gen(names, value))];
      const soft = s.lit("soft");
      if (soft) out.push(gen("--soft", soft));
      return out;
    }),
};

export const mhPrint: MatchReader = {
  name: "mh",
  families: V6,
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("mh");
      const type = head && s.word();
      if (!head || !type || !/^!?[a-z0-9-]+(?::[a-z0-9-]+)?$/.test(type.text)) return undefined;
      const { bang, value } = splitBang(type);
      return [...matchWords("mh", head), ...option("--mh-type", type, bang, gen(value.text, value))];
    }),
};
