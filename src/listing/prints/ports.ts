/**
 * The port matches as their print() functions write them (iptables 1.8.9):
 * libxt_tcp.c ` tcp spt:P spts:A:B dpt:P dpts:A:B option=N flags:MASK/COMP` (a `!` after
 * the colon or `=`; flags in hex with -n, else names), libxt_udp.c ` udp` + ports,
 * libxt_sctp.c ` sctp` + ports + ` [!] any|all|only CHUNK[:FLAGS],…` (chunk types as
 * `0x%04X` with -n), libxt_multiport.c ` multiport dports [!]P,A:B`. Without -n ports are
 * service names (getservbyport for the rule's protocol).
 */
import { SCTP_CHUNKS } from "../../model/extensions/matches/sctp.js";
import { TCP_FLAGS } from "../../model/values/tcpflags.js";
import { portRange } from "../names.js";
import { gen, sub, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, matchWords, option, type MatchReader, type PrintContext } from "./types.js";

/** `spt:!80`, `dpts:1:1023`: the port options of tcp, udp and sctp. */
function portOption(s: Scanner, ctx: PrintContext, protocol: string): GenWord[] | undefined | null {
  const m = s.re(/(spts?|dpts?):(!?)(\S+)/);
  if (!m) return null;
  const [whole, kind, bang, value] = m as [Piece, Piece, Piece | undefined, Piece];
  const ports = portRange(value, protocol, ctx.losses);
  if (ports === undefined) return undefined;
  const flag = kind.text.startsWith("s") ? "--sport" : "--dport";
  return option(flag, whole, bang?.text ? bang : undefined, gen(ports, value));
}

function readPorts(s: Scanner, ctx: PrintContext, protocol: string, out: GenWord[]): boolean {
  for (;;) {
    const o = portOption(s, ctx, protocol);
    if (o === null) return true;
    if (o === undefined) return false;
    out.push(...o);
  }
}

function flagNames(bits: number): string {
  if (bits === 0) return "NONE";
  const names = Object.entries(TCP_FLAGS).filter(([n, v]) => n !== "ALL" && n !== "NONE" && (bits & v) !== 0).map(([n]) => n);
  return names.join(",");
}

/** `flags:0x17/0x02` or `flags:FIN,SYN,RST,ACK/SYN` → `--tcp-flags MASK COMP`. */
function tcpFlags(piece: Piece, bang: Piece | undefined, mask: Piece, comp: Piece): GenWord[] | undefined {
  const names = (p: Piece): string | undefined => (/^0x[0-9a-fA-F]+$/.test(p.text) ? flagNames(parseInt(p.text, 16)) : /^[A-Z,]+$/.test(p.text) ? p.text : undefined);
  const m = names(mask);
  const c = names(comp);
  if (m === undefined || c === undefined) return undefined;
  return option("--tcp-flags", piece, bang, gen(m, mask), gen(c, comp));
}

export const tcpPrint: MatchReader = {
  name: "tcp",
  read: (s, ctx) =>
    attempt(s, () => {
      const head = s.lit("tcp");
      if (!head) return undefined;
      const out = matchWords("tcp", head);
      if (!readPorts(s, ctx, "tcp", out)) return undefined;
      const opt = s.re(/option=(!?)(\d+)/);
      if (opt) out.push(...option("--tcp-option", opt[0] as Piece, opt[1]?.text ? opt[1] : undefined, gen((opt[2] as Piece).text, opt[2] as Piece)));
      const flags = s.re(/flags:(!?)([^/\s]+)\/(\S+)/);
      if (flags) {
        const words = tcpFlags(flags[0] as Piece, flags[1]?.text ? flags[1] : undefined, flags[2] as Piece, flags[3] as Piece);
        if (!words) return undefined;
        out.push(...words);
      }
      return out;
    }),
};

export const udpPrint: MatchReader = {
  name: "udp",
  read: (s, ctx) =>
    attempt(s, () => {
      const head = s.lit("udp");
      if (!head) return undefined;
      const out = matchWords("udp", head);
      return readPorts(s, ctx, "udp", out) ? out : undefined;
    }),
};

/** `0x0006:T` or `ABORT:T` → the chunk name the parser accepts, flags kept. */
function chunkName(p: Piece): string | undefined {
  const [type = "", flags] = p.text.split(":");
  let name: string | undefined;
  if (/^0x[0-9a-fA-F]+$/.test(type)) name = SCTP_CHUNKS.find(([, t]) => t === parseInt(type, 16))?.[0];
  else if (SCTP_CHUNKS.some(([n]) => n === type.toUpperCase())) name = type;
  if (name === undefined) return undefined;
  return flags === undefined ? name : `${name}:${flags}`;
}

export const sctpPrint: MatchReader = {
  name: "sctp",
  read: (s, ctx) =>
    attempt(s, () => {
      const head = s.lit("sctp");
      if (!head) return undefined;
      const out = matchWords("sctp", head);
      if (!readPorts(s, ctx, "sctp", out)) return undefined;
      const chunks = attempt(s, () => {
        const bang = s.bang();
        const kind = s.re(/any|all|only/);
        const list = kind && s.word();
        if (!kind || !list) return undefined;
        const names = list.text.split(",").map((c, i, all) => {
          const from = all.slice(0, i).reduce((n, x) => n + x.length + 1, 0);
          return chunkName(sub(list, from, from + c.length));
        });
        if (names.some((n) => n === undefined)) return undefined;
        return option("--chunk-types", kind[0] as Piece, bang, gen((kind[0] as Piece).text, kind[0] as Piece), gen(names.join(","), list));
      });
      if (chunks) out.push(...chunks);
      return out;
    }),
};

export const multiportPrint: MatchReader = {
  name: "multiport",
  read: (s, ctx) =>
    attempt(s, () => {
      const head = s.lit("multiport");
      const kind = head && s.re(/sports|dports|ports/);
      if (!head || !kind) return undefined;
      let bang = s.bang();
      let list = s.word();
      if (!list) return undefined;
      if (!bang && list.text.startsWith("!")) {
        bang = sub(list, 0, 1);
        list = sub(list, 1);
      }
      const items: string[] = [];
      let from = 0;
      for (const item of list.text.split(",")) {
        const ports = portRange(sub(list, from, from + item.length), ctx.protocol, ctx.losses);
        if (ports === undefined) return undefined;
        items.push(ports);
        from += item.length + 1;
      }
      const k = kind[0] as Piece;
      return [...matchWords("multiport", head), ...option(`--${k.text}`, k, bang, gen(items.join(","), list))];
    }),
};
