/**
 * libxt_icmp.c / libip6t_icmp6.c print: ` icmp` (` ipv6-icmp`) then, without -n, the name of
 * the type and code when the table has one (`icmp echo-request`, `icmp !port-unreachable`),
 * else `type T` with ` code C` or ` codes A-B` glued to the match name (`icmptype 8`,
 * `icmp !type 3 code 13`).
 */
import { ICMP_TYPES, ICMPV6_TYPES } from "../../model/values/icmp.js";
import { gen, sub, type GenWord, type Piece, type Scanner } from "../scanner.js";
import { attempt, matchWords, option, type MatchReader } from "./types.js";

type Table = typeof ICMP_TYPES;

function icmpReader(name: "icmp" | "icmp6", printed: string, flag: string, table: Table): MatchReader {
  return {
    name,
    families: [name === "icmp" ? "ipv4" : "ipv6"],
    read: (s) => attempt(s, () => readIcmp(s, name, printed, flag, table)),
  };
}

function readIcmp(s: Scanner, name: string, printed: string, flag: string, table: Table): GenWord[] | undefined {
  // `icmptype 8`: the match name and "type" in one word.
  const glued = s.lit(`${printed}type`);
  if (glued) return numeric(s, name, flag, glued, glued, undefined);
  const head = s.lit(printed);
  if (!head) return undefined;
  const next = s.word();
  if (!next) return undefined;
  if (next.text === "!type") return numeric(s, name, flag, head, next, sub(next, 0, 1));
  // A name, maybe with a glued `!`.
  const bang = next.text.startsWith("!") ? sub(next, 0, 1) : undefined;
  const typeName = bang ? sub(next, 1) : next;
  const entry = table.find(([n]) => n === typeName.text);
  if (!entry) return undefined;
  const [, type, code] = entry;
  const value = code === undefined ? `${type}` : `${type}/${code}`;
  return [...matchWords(name, head), ...option(flag, next, bang, gen(value, typeName))];
}

/** `type T [code C | codes A-B]` after the match name. */
function numeric(s: Scanner, name: string, flag: string, head: Piece, at: Piece, bang: Piece | undefined): GenWord[] | undefined {
  const type = s.re(/\d+/);
  if (!type) return undefined;
  const t = type[0] as Piece;
  let value = t.text;
  let end: Piece = t;
  const code = s.re(/code (\d+)/);
  if (code) {
    value += `/${(code[1] as Piece).text}`;
    end = code[1] as Piece;
  } else if (s.re(/codes \d+-\d+/)) {
    // A range of codes other than all of them: iptables' own parser cannot write one.
    return undefined;
  }
  return [...matchWords(name, head), ...option(flag, at, bang, gen(value, { text: value, start: t.start, end: end.end }))];
}

export const icmpPrint = icmpReader("icmp", "icmp", "--icmp-type", ICMP_TYPES);
export const icmp6Print = icmpReader("icmp6", "ipv6-icmp", "--icmpv6-type", ICMPV6_TYPES);
