/**
 * One rule row of a listing → the rule-spec words of the same rule (`-A CHAIN -s … -p tcp -m
 * tcp --dport 22 -j ACCEPT`), each word placed on the listing text it stands for. The words
 * then go through the same getopt interpreter as iptables-save input (src/ast/command.ts),
 * so a listing and a save of the same ruleset give the same model.
 */
import type { Family } from "../model/netfilter.js";
import type { Word } from "../ast/nodes.js";
import { SourceWord } from "../ast/words.js";
import type { RowFields } from "./layout.js";
import { addressText, protocolKey, protocolText } from "./names.js";
import { readExtensions, TARGET_READERS } from "./prints/index.js";
import type { PrintContext, TargetReader } from "./prints/types.js";
import { gen, Scanner, sub, type GenWord, type Loss, type Piece } from "./scanner.js";
import { escapeText, quoteText } from "../text.js";

export interface RowContext {
  readonly line: string;
  readonly lineNumber: number;
  readonly chain: string;
  readonly family: Family;
  /** The user chains the listing shows (a target column naming one is a jump). */
  readonly chains: ReadonlySet<string>;
  placeholder(kind: string): string;
}

export type RowResult =
  | { readonly ok: true; readonly args: Word[]; readonly losses: Loss[] }
  | { readonly ok: false; readonly losses: Loss[]; readonly problem?: { readonly message: string; readonly at: Piece } };

/** `!x` → the `!` and `x`, or just `x`. */
function bangOf(p: Piece): { bang?: Piece; value: Piece } {
  return p.text.startsWith("!") && p.text.length > 1 ? { bang: sub(p, 0, 1), value: sub(p, 1) } : { value: p };
}

function base(flag: string, p: Piece, text: string, bang: Piece | undefined): GenWord[] {
  return [...(bang ? [gen("!", bang)] : []), gen(flag, p), gen(text, p)];
}

export function readRow(fields: RowFields, ctx: RowContext): RowResult {
  const losses: Loss[] = [];
  const first = fields.num ?? fields.packets ?? fields.target ?? fields.prot;
  const at: Piece = { text: "", start: first.start, end: first.start };
  const words: GenWord[] = [gen("-A", at), gen(ctx.chain, at)];

  for (const [flag, p] of [["-s", fields.source], ["-d", fields.destination]] as const) {
    const { bang, value } = bangOf(p);
    const text = addressText(value, ctx.family, losses);
    if (!bang && (text === "0.0.0.0/0" || text === "::/0")) continue;
    words.push(...base(flag, p, text, bang));
  }
  for (const [flag, p] of [["-i", fields.in], ["-o", fields.out]] as const) {
    // `*` with -n, `any` without; legacy prints `+` for `-i +`, which matches every interface too.
    if (!p || p.text === "*" || p.text === "any" || p.text === "+") continue;
    const { bang, value } = bangOf(p);
    words.push(...base(flag, p, value.text, bang));
  }
  const prot = bangOf(fields.prot);
  const protocol = protocolText(prot.value, losses);
  if (protocol === undefined) return { ok: false, losses };
  if (protocol !== null) words.push(...base("-p", fields.prot, protocol, prot.bang));
  if (fields.opt?.text === "-f") words.push(gen("-f", fields.opt));
  else if (fields.opt?.text === "!f") words.push(gen("!", sub(fields.opt, 0, 1)), gen("-f", fields.opt));

  const s = new Scanner(ctx.line, fields.rest);
  const goto = s.lit("[goto]");
  const target = fields.target;
  let reader: TargetReader | null | undefined;
  // A target that is neither a listed chain nor one iptlint reads is an extension it does not
  // know (or, in a listing of some chains only, a chain not listed): what the matches leave of
  // the row is its text, which is not read.
  if (!target || goto || ctx.chains.has(target.text)) reader = undefined;
  else reader = TARGET_READERS.get(target.text) ?? null;
  const print: PrintContext = {
    family: ctx.family,
    protocol: prot.bang ? undefined : protocolKey(protocol),
    losses,
    placeholder: ctx.placeholder,
  };
  const read = readExtensions(s, print, { reader, piece: target ?? at });
  if (!read) {
    const rest = new Scanner(ctx.line, fields.rest).rest();
    if (losses.some((l) => l.effect === "dropped")) return { ok: false, losses };
    return { ok: false, losses, problem: { message: `cannot read ${quoteText(rest.text)} as the text of the rule's matches${target ? ` and its target ${escapeText(target.text)}` : ""}`, at: rest } };
  }
  if (losses.some((l) => l.effect === "dropped")) return { ok: false, losses };
  words.push(...read.matches);
  if (target) {
    // -j NOTRACK is CT with the notrack alias; its row shows CT and prints NOTRACK.
    const alias = read.target?.length === 1 && read.target[0]?.text === "NOTRACK" ? (read.target[0] as GenWord) : undefined;
    words.push(gen(goto ? "-g" : "-j", target), gen(alias ? "NOTRACK" : target.text, target));
    if (!alias) words.push(...(read.target ?? []));
    if (read.target === undefined) {
      const rest = new Scanner(ctx.line, s.pos).rest();
      losses.push({ at: rest.text ? rest : target, what: `the options of target ${target.text}, which iptlint cannot read from a listing`, effect: "kept" });
    }
  }
  return { ok: true, args: words.map((w) => toWord(w, ctx.lineNumber)), losses };
}

function toWord(w: GenWord, line: number): Word {
  return new SourceWord(w.text, w.text, false, line, w.at.start + 1, w.at.end + 1);
}
