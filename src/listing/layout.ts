/**
 * The layout of `iptables -L` output (iptables 1.8.9 iptables/xshared.c print_header and
 * print_rule_details; 1.4–1.6 iptables.c and ip6tables.c print the same): per chain a header
 * `Chain NAME (policy P [N packets, M bytes])` or `Chain NAME (N references)`, a line naming
 * the columns, then one row per rule:
 *
 *   [num] [pkts bytes] target [!]prot opt [[!]in [!]out] [!]source [!]destination  matches target-text
 *
 * `num` with --line-numbers, the counters and interfaces with -v; `target` is blank for a
 * rule without one; `opt` is `--`, `-f` or `!f` (ip6tables before 1.8 leaves it blank). The
 * columns are padded with spaces but never hold one, so a row splits into words, except that
 * a blank target is told apart by where the next word starts.
 */
import type { Family, TableName } from "../model/netfilter.js";
import { isTableName } from "../model/netfilter.js";
import type { Piece } from "./scanner.js";

export interface Columns {
  readonly lineNumbers: boolean;
  /** pkts and bytes (-v). */
  readonly counters: boolean;
  /** in and out (-v). */
  readonly interfaces: boolean;
  /** Offset of the `target` heading: where a row's target starts when there are no counters. */
  readonly targetColumn: number;
}

export interface ChainHeader {
  readonly name: Piece;
  /** Built-in chains: ACCEPT or DROP. */
  readonly policy?: Piece;
  readonly packets?: Piece;
  readonly bytes?: Piece;
  /** User chains: how many rules jump to it. */
  readonly references?: Piece;
}

/** A shell line that ran iptables -L, as people paste it with the output: what it listed. */
export interface ListingCommand {
  readonly family: Family;
  readonly table: TableName;
}

export type ListingLine =
  | { readonly kind: "blank" }
  | { readonly kind: "comment" }
  | { readonly kind: "command"; readonly command: ListingCommand }
  | { readonly kind: "chain"; readonly header: ChainHeader }
  | { readonly kind: "columns"; readonly columns: Columns }
  | { readonly kind: "text" };

const CHAIN = /^(\s*Chain )(\S+)( \()(?:(policy )(\S+)(?: (\d+[KMGT]?) packets, (\d+[KMGT]?) bytes)?|(\d+)( references?))\)\s*$/d;
const COLUMNS = /^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot\s+opt\s+(in\s+out\s+)?source\s+destination\s*$/;
/** `$ sudo iptables -t nat -L -n -v`, `root@host:~# ip6tables -nvL`, or the command alone. */
const PROMPT = /^\s*(?:\S*[$#%>]\s*)?(?:sudo\s+(?:-\S+\s+)*)?(ip6?tables)(?:-legacy|-nft)?\s+(.*)$/;

function piece(m: RegExpExecArray, group: number): Piece | undefined {
  const span = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices?.[group];
  const text = m[group];
  return span && text !== undefined ? { text, start: span[0], end: span[1] } : undefined;
}

export function classifyLine(line: string): ListingLine {
  if (line.trim() === "") return { kind: "blank" };
  const chain = CHAIN.exec(line);
  if (chain) {
    const get = (g: number) => piece(chain, g);
    const header: ChainHeader = {
      name: get(2) as Piece,
      ...(get(5) ? { policy: get(5) as Piece } : {}),
      ...(get(6) ? { packets: get(6) as Piece, bytes: get(7) as Piece } : {}),
      ...(get(8) ? { references: get(8) as Piece } : {}),
    };
    return { kind: "chain", header };
  }
  const cols = COLUMNS.exec(line);
  if (cols) {
    return { kind: "columns", columns: { lineNumbers: cols[1] !== undefined, counters: cols[2] !== undefined, interfaces: cols[3] !== undefined, targetColumn: line.indexOf("target") } };
  }
  const command = promptCommand(line);
  if (command) return { kind: "command", command };
  if (/^\s*#/.test(line) || /^\s*\S+[$#]\s*$/.test(line)) return { kind: "comment" };
  return { kind: "text" };
}

/** The table, family and flags of an `iptables … -L …` command line; undefined for anything else. */
function promptCommand(line: string): ListingCommand | undefined {
  const m = PROMPT.exec(line);
  if (!m) return undefined;
  const args = (m[2] as string).split(/\s+/).filter((a) => a !== "");
  let list = false;
  let table: TableName | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--list" || a === "-L") list = true;
    else if (a === "-t" || a === "--table") {
      const t = args[++i];
      if (t && isTableName(t)) table = t;
    } else if (/^-[a-zA-Z]+$/.test(a)) {
      // Short options bundled: -nvL, -vnxL, -tnat.
      const t = /t(\w+)$/.exec(a);
      if (t && isTableName(t[1] as string)) table = t[1] as TableName;
      if ((t ? a.slice(0, t.index) : a).includes("L")) list = true;
    }
  }
  if (!list) return undefined;
  // Without -t, iptables lists filter.
  return { family: m[1] === "ip6tables" ? "ipv6" : "ipv4", table: table ?? "filter" };
}

/** The fields of one rule row. */
export interface RowFields {
  readonly num?: Piece;
  readonly packets?: Piece;
  readonly bytes?: Piece;
  readonly target?: Piece;
  readonly prot: Piece;
  readonly opt?: Piece;
  readonly in?: Piece;
  readonly out?: Piece;
  readonly source: Piece;
  readonly destination: Piece;
  /** Where the extension text starts (after the destination column). */
  readonly rest: number;
}

function words(line: string): Piece[] {
  const out: Piece[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const OPT = /^[-!][-f]$/;
const COUNT = /^\d+[KMGT]?$/;

/** Splits a row into its columns, or says what does not fit. */
export function splitRow(line: string, columns: Columns): RowFields | { error: string; at: Piece } {
  const w = words(line);
  const whole: Piece = { text: line.trim(), start: line.length - line.trimStart().length, end: line.trimEnd().length };
  let i = 0;
  let num: Piece | undefined;
  if (columns.lineNumbers) {
    num = w[i++];
    if (!num || !/^\d+$/.test(num.text)) return { error: "the row should start with its rule number (--line-numbers)", at: num ?? whole };
  }
  let packets: Piece | undefined;
  let bytes: Piece | undefined;
  if (columns.counters) {
    packets = w[i++];
    bytes = w[i++];
    if (!packets || !bytes || !COUNT.test(packets.text) || !COUNT.test(bytes.text)) return { error: "the packet and byte counters (-v) are missing", at: packets ?? whole };
  }
  let target: Piece | undefined;
  let prot: Piece | undefined;
  let opt: Piece | undefined;
  if (w[i + 1] && OPT.test((w[i + 1] as Piece).text)) {
    prot = w[i];
    opt = w[i + 1];
    i += 2;
  } else if (w[i + 2] && OPT.test((w[i + 2] as Piece).text)) {
    target = w[i];
    prot = w[i + 1];
    opt = w[i + 2];
    i += 3;
  } else {
    // No opt column (ip6tables before 1.8): a blank target leaves spaces where it would start.
    const start = bytes ? bytes.end + 1 : num ? Math.max(columns.targetColumn, num.end + 1) : columns.targetColumn;
    const first = w[i];
    if (first && first.start <= start && line[start] !== " ") target = w[i++];
    prot = w[i++];
  }
  if (!prot) return { error: "the prot column is missing", at: whole };
  let inIface: Piece | undefined;
  let outIface: Piece | undefined;
  if (columns.interfaces) {
    inIface = w[i++];
    outIface = w[i++];
  }
  const source = w[i++];
  const destination = w[i++];
  if (!source || !destination || !inIface === columns.interfaces || !outIface === columns.interfaces) {
    return { error: `the row has fewer columns than the column line names (${columns.interfaces ? "in, out, " : ""}source, destination)`, at: whole };
  }
  return {
    ...(num ? { num } : {}),
    ...(packets ? { packets } : {}),
    ...(bytes ? { bytes } : {}),
    ...(target ? { target } : {}),
    prot,
    ...(opt ? { opt } : {}),
    ...(inIface ? { in: inIface } : {}),
    ...(outIface ? { out: outIface } : {}),
    source,
    destination,
    rest: destination.end,
  };
}
