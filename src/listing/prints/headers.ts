/**
 * Matches on header fields, as printed (iptables 1.8.9): libxt_mark.c ` mark match [!] V[/M]`,
 * libxt_connmark.c ` connmark match [!] V[/M]`, libxt_tos.c ` tos match[!]V/M` or a name
 * without -n, libxt_dscp.c ` DSCP match [!]0xNN`, libipt_ttl.c ` TTL match TTL == N`
 * (`!=`, `<`, `>`), libip6t_hl.c ` HL match HL == N`, libxt_ecn.c ` ECN match [!]ECE [!]CWR
 * [!]ECT=N`, libxt_length.c ` length [!]A[:B]`, libxt_tcpmss.c ` tcpmss match [!]A[:B]`,
 * libxt_esp.c / libxt_ah.c ` esp spi:[!]N` / ` spis:[!]A:B` (IPv6 ah adds `length:N` glued,
 * ` reserved`).
 */
import { gen, sub, type GenWord, type Piece } from "../scanner.js";
import { attempt, headedMatch, matchWords, option, splitBang, type MatchReader } from "./types.js";

function markReader(name: "mark" | "connmark"): MatchReader {
  return {
    name,
    read: (s) =>
      attempt(s, () => {
        const head = s.lits(name, "match");
        if (!head) return undefined;
        const bang = s.bang();
        const value = s.re(/0x[0-9a-f]+(?:\/0x[0-9a-f]+)?/);
        if (!value) return undefined;
        return [...matchWords(name, head), ...option("--mark", head, bang, gen((value[0] as Piece).text, value[0] as Piece))];
      }),
  };
}

export const markPrint = markReader("mark");
export const connmarkPrint = markReader("connmark");

/** tos_try_print_symbolic: the names of libxt_tos.c, all with mask 0x3f. */
const TOS_NAMES: Readonly<Record<string, number>> = {
  "Minimize-Cost": 0x02,
  "Maximize-Reliability": 0x04,
  "Maximize-Throughput": 0x08,
  "Minimize-Delay": 0x10,
  "Normal-Service": 0x00,
};

export function tosName(name: string): string | undefined {
  const v = TOS_NAMES[name];
  return v === undefined ? undefined : `0x${v.toString(16).padStart(2, "0")}/0x3f`;
}

export const tosPrint: MatchReader = {
  name: "tos",
  read: (s) =>
    attempt(s, () => {
      const m = s.re(/tos match(!?)(0x[0-9a-f]+\/0x[0-9a-f]+)?/, true);
      if (!m) return undefined;
      const [whole, bangGroup, numeric] = m as [Piece, Piece | undefined, Piece | undefined];
      const bang = bangGroup?.text ? bangGroup : undefined;
      let value: GenWord;
      if (numeric) value = gen(numeric.text, numeric);
      else {
        const name = s.word();
        const v = name && tosName(name.text);
        if (!name || !v) return undefined;
        value = gen(v, name);
      }
      return [...matchWords("tos", whole), ...option("--tos", whole, bang, value)];
    }),
};

export const dscpPrint: MatchReader = {
  name: "dscp",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("DSCP", "match");
      const value = head && s.re(/(!?)(0x[0-9a-f]+)/);
      if (!head || !value) return undefined;
      const v = value[2] as Piece;
      return [...matchWords("dscp", head), ...option("--dscp", head, value[1]?.text ? value[1] : undefined, gen(v.text, v))];
    }),
};

function hopLimitReader(name: "ttl" | "hl", label: "TTL" | "HL"): MatchReader {
  return {
    name,
    families: [name === "ttl" ? "ipv4" : "ipv6"],
    read: (s) =>
      attempt(s, () => {
        const m = s.re(new RegExp(`${label} match ${label} (==|!=|<|>) (\\d+)`));
        if (!m) return undefined;
        const [whole, op, n] = m as [Piece, Piece, Piece];
        const flag = op.text === "<" ? "lt" : op.text === ">" ? "gt" : "eq";
        return [...matchWords(name, whole), ...option(`--${name}-${flag}`, op, op.text === "!=" ? sub(op, 0, 1) : undefined, gen(n.text, n))];
      }),
  };
}

export const ttlPrint = hopLimitReader("ttl", "TTL");
export const hlPrint = hopLimitReader("hl", "HL");

export const ecnPrint: MatchReader = {
  name: "ecn",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("ECN", "match");
      if (!head) return undefined;
      const out = matchWords("ecn", head);
      for (;;) {
        const w = s.re(/(!?)(ECE|CWR|ECT=(\d))/);
        if (!w) break;
        const bang = w[1]?.text ? w[1] : undefined;
        const what = w[2] as Piece;
        if (what.text === "ECE") out.push(...option("--ecn-tcp-ece", what, bang));
        else if (what.text === "CWR") out.push(...option("--ecn-tcp-cwr", what, bang));
        else out.push(...option("--ecn-ip-ect", what, bang, gen((w[3] as Piece).text, w[3] as Piece)));
      }
      return out.length > 2 ? out : undefined;
    }),
};

function rangeReader(name: "length" | "tcpmss", words: string[], flag: string): MatchReader {
  return {
    name,
    read: (s) =>
      attempt(s, () => {
        const head = s.lits(...words);
        const value = head && s.re(/!?\d+(?::\d+)?/);
        if (!head || !value) return undefined;
        const { bang, value: v } = splitBang(value[0] as Piece);
        return [...matchWords(name, head), ...option(flag, head, bang, gen(v.text, v))];
      }),
  };
}

export const lengthPrint = rangeReader("length", ["length"], "--length");
export const tcpmssPrint = rangeReader("tcpmss", ["tcpmss", "match"], "--mss");

function spiReader(name: "esp" | "ah", flag: string): MatchReader {
  return headedMatch(name, [name], (s, out) => {
    const spi = s.re(/spis?:(!?)(\d+(?::\d+)?)/, true);
    if (spi) out.push(...option(flag, spi[0] as Piece, spi[1]?.text ? spi[1] : undefined, gen((spi[2] as Piece).text, spi[2] as Piece)));
    if (name === "ah") {
      const len = s.re(/length:(!?)(\d+)/);
      if (len) out.push(...option("--ahlen", len[0] as Piece, len[1]?.text ? len[1] : undefined, gen((len[2] as Piece).text, len[2] as Piece)));
      const res = s.lit("reserved");
      if (res) out.push(gen("--ahres", res));
    }
    // A glued word left over (`spi:5length:4` when ah is not read as IPv6 ah) is not ours.
    const next = s.peek();
    return !(next && next.start === (spi?.[0] as Piece | undefined)?.end);
  });
}

export const espPrint = spiReader("esp", "--espspi");
export const ahPrint = spiReader("ah", "--ahspi");
