/**
 * Matches on addresses, address types, sets and devices, as their print() functions write
 * them (iptables 1.8.9): libxt_addrtype.c ` ADDRTYPE match src-type [!]LIST dst-type [!]LIST
 * limit-in|limit-out`; libxt_iprange.c ` source IP range [!] A-B`, ` destination IP range …`;
 * libxt_mac.c ` MAC [!] ADDR`; libxt_set.c ` [!] match-set NAME FLAGS return-nomatch
 * ! update-counters ! update-subcounters [!] packets-eq N …`; libxt_policy.c ` policy match
 * dir in|out pol none|ipsec strict [0] reqid N spi 0xN proto P mode M tunnel-dst A
 * tunnel-src A [1] …`; libxt_physdev.c ` PHYSDEV match` + its save options; libxt_pkttype.c
 * ` PKTTYPE = T` / ` != T`; libxt_devgroup.c ` [!] src-group G[/0xMASK]` (names from
 * /etc/iproute2/group without -n).
 */
import { gen, sub, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, matchWords, option, splitBang, type MatchReader } from "./types.js";

export const addrtypePrint: MatchReader = {
  name: "addrtype",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("ADDRTYPE", "match");
      if (!head) return undefined;
      const out = matchWords("addrtype", head);
      for (const kind of ["src-type", "dst-type"]) {
        const key = s.lit(kind);
        if (!key) continue;
        const list = s.word();
        if (!list) return undefined;
        const { bang, value } = splitBang(list);
        out.push(...option(`--${kind}`, key, bang, gen(value.text, value)));
      }
      const limit = s.re(/limit-(in|out)/);
      if (limit) out.push(gen(`--limit-iface-${(limit[1] as Piece).text}`, limit[0] as Piece));
      return out.length > 2 ? out : undefined;
    }),
};

export const iprangePrint: MatchReader = {
  name: "iprange",
  read: (s) =>
    attempt(s, () => {
      const out: GenWord[] = [];
      for (const [words, flag] of [[["source", "IP", "range"], "--src-range"], [["destination", "IP", "range"], "--dst-range"]] as const) {
        const key = s.lits(...words);
        if (!key) continue;
        const bang = s.bang();
        const range = s.re(/\S+-\S+/);
        if (!range) return undefined;
        if (out.length === 0) out.push(...matchWords("iprange", key));
        out.push(...option(flag, key, bang, gen((range[0] as Piece).text, range[0] as Piece)));
      }
      return out.length > 0 ? out : undefined;
    }),
};

export const macPrint: MatchReader = {
  name: "mac",
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("MAC");
      if (!head) return undefined;
      const bang = s.bang();
      const mac = s.re(/[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}/);
      if (!mac) return undefined;
      return [...matchWords("mac", head), ...option("--mac-source", head, bang, gen((mac[0] as Piece).text, mac[0] as Piece))];
    }),
};

export const setPrint: MatchReader = {
  name: "set",
  read: (s) =>
    attempt(s, () => {
      const bang = s.bang();
      const key = s.lit("match-set");
      const name = key && s.word();
      const flags = name && s.re(/(?:src|dst)(?:,(?:src|dst))*/);
      if (!key || !name || !flags) return undefined;
      const out = [...matchWords("set", key), ...option("--match-set", key, bang, gen(name.text, name), gen((flags[0] as Piece).text, flags[0] as Piece))];
      const nomatch = s.lit("return-nomatch");
      if (nomatch) out.push(gen("--return-nomatch", nomatch));
      for (;;) {
        const m = attempt(s, () => {
          const b = s.bang();
          const opt = s.re(/update-counters|update-subcounters/);
          if (opt) return option(`--${(opt[0] as Piece).text}`, opt[0] as Piece, b);
          const counter = s.re(/(packets|bytes)-(eq|lt|gt) (\d+)/);
          if (!counter) return undefined;
          return option(`--${(counter[1] as Piece).text}-${(counter[2] as Piece).text}`, counter[0] as Piece, b, gen((counter[3] as Piece).text, counter[3] as Piece));
        });
        if (!m) break;
        out.push(...m);
      }
      return out;
    }),
};

/** One `[!] key value` of a policy element. */
function policyItem(s: Scanner): GenWord[] | undefined {
  return attempt(s, () => {
    const bang = s.bang();
    const key = s.re(/reqid|spi|proto|mode|tunnel-dst|tunnel-src/);
    const value = key && s.word();
    if (!key || !value) return undefined;
    return option(`--${(key[0] as Piece).text}`, key[0] as Piece, bang, gen(value.text, value));
  });
}

export const policyPrint: MatchReader = {
  name: "policy",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("policy", "match");
      const dir = head && s.re(/dir (in|out)/);
      const pol = dir && s.re(/pol (none|ipsec)/);
      if (!head || !dir || !pol) return undefined;
      const out = [
        ...matchWords("policy", head),
        gen("--dir", dir[0] as Piece),
        gen((dir[1] as Piece).text, dir[1] as Piece),
        gen("--pol", pol[0] as Piece),
        gen((pol[1] as Piece).text, pol[1] as Piece),
      ];
      const strict = s.lit("strict");
      if (strict) out.push(gen("--strict", strict));
      let elements = 0;
      for (;;) {
        const index = s.re(/\[\d+\]/);
        if (index && elements > 0) out.push(gen("--next", index[0] as Piece));
        let items = 0;
        for (let w = policyItem(s); w; w = policyItem(s)) {
          out.push(...w);
          items++;
        }
        if (!index) break;
        elements++;
        if (items === 0) return undefined;
      }
      return out;
    }),
};

export const physdevPrint: MatchReader = {
  name: "physdev",
  read: (s) =>
    attempt(s, () => {
      const head = s.lits("PHYSDEV", "match");
      if (!head) return undefined;
      const out = matchWords("physdev", head);
      for (;;) {
        const item = attempt(s, () => {
          const bang = s.bang();
          const flag = s.re(/--physdev-(in|out|is-in|is-out|is-bridged)/);
          if (!flag) return undefined;
          const f = flag[0] as Piece;
          if (f.text === "--physdev-in" || f.text === "--physdev-out") {
            const dev = s.word();
            return dev ? option(f.text, f, bang, gen(dev.text, dev)) : undefined;
          }
          return option(f.text, f, bang);
        });
        if (!item) break;
        out.push(...item);
      }
      return out.length > 2 ? out : undefined;
    }),
};

export const pkttypePrint: MatchReader = {
  name: "pkttype",
  read: (s) =>
    attempt(s, () => {
      const head = s.lit("PKTTYPE");
      const op = head && s.re(/!?=/);
      const type = op && s.word();
      if (!head || !op || !type) return undefined;
      const o = op[0] as Piece;
      return [...matchWords("pkttype", head), ...option("--pkt-type", head, o.text === "!=" ? sub(o, 0, 1) : undefined, gen(type.text, type))];
    }),
};

/** /etc/iproute2/group of iproute2: only "default" is the same on every host. */
function groupValue(p: Piece): string {
  const [group = "", mask] = p.text.split("/");
  const value = group === "default" ? "0" : group;
  return mask === undefined ? value : `${value}/${mask}`;
}

export const devgroupPrint: MatchReader = {
  name: "devgroup",
  read: (s, ctx) =>
    attempt(s, () => {
      const out: GenWord[] = [];
      for (const kind of ["src-group", "dst-group"]) {
        const item = attempt(s, () => {
          const bang = s.bang();
          const key = s.lit(kind);
          const value = key && s.word();
          if (!key || !value) return undefined;
          if (!/^(0x[0-9a-f]+|\d+|default)(\/0x[0-9a-f]+)?$/.test(value.text)) {
            ctx.losses.push({ at: value, what: `device group name \`${value.text.split("/")[0]}'`, effect: "kept" });
          }
          return { key, words: option(`--${kind}`, key, bang, gen(groupValue(value), value)) };
        });
        if (!item) continue;
        if (out.length === 0) out.push(...matchWords("devgroup", item.key));
        out.push(...item.words);
      }
      return out.length > 0 ? out : undefined;
    }),
};
