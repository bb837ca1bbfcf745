/**
 * The canonical printer: a ruleset as iptables 1.8.9's iptables-save (nft backend) prints it
 * once the dump is loaded. Per table: `*table`, every built-in chain in hook order with its
 * policy, the user chains sorted by name (strcmp), then the rules chain by chain in the same
 * order, then COMMIT. Per rule: `-s -d -i -o -p -f`, each match as `-m NAME` plus its own
 * save text, then `-j`/`-g` (print_rule in iptables/nft-shared.c and xshared.c).
 *
 * Comment and blank lines of the input are kept: each run is printed before the line that
 * followed it in the input (so it moves with its rule), and trailing ones at the end.
 */
import type { ExtensionNode, OptionNode, RuleSpec, TriviaLine, Word } from "../ast/nodes.js";
import { BUILTIN_CHAINS, type Family } from "../model/netfilter.js";
import type { Chain, FirewallRule, Ruleset, Table } from "../model/ruleset.js";
import { PROTOCOL_NUMBERS, protocolNumber } from "../model/values/protocol.js";
import { canonicalAddress } from "./address.js";
import { saveExtension } from "./extension-save.js";
import { saveString } from "./save-string.js";

export interface PrintOptions {
  /** Comment and blank lines to keep (Dump.trivia); none when omitted. */
  readonly trivia?: readonly TriviaLine[];
  /** Keep `[packets:bytes]` of chains and rules as written (default true); false prints [0:0] and none. */
  readonly counters?: boolean;
}

export function printRuleset(ruleset: Ruleset, options: PrintOptions = {}): string {
  const out = new Output(options.trivia ?? []);
  const counters = options.counters ?? true;
  for (const table of ruleset.tables.values()) printTable(table, ruleset.family, out, counters);
  out.rest();
  return out.text();
}

/** Collects output lines, flushing the input's comments that came before each source line. */
class Output {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(private readonly trivia: readonly TriviaLine[]) {}

  /** Prints the trivia that preceded `sourceLine` in the input, then `text`. */
  add(text: string, sourceLine?: number): void {
    if (sourceLine !== undefined) {
      while (this.next < this.trivia.length && (this.trivia[this.next] as TriviaLine).line < sourceLine) {
        this.lines.push((this.trivia[this.next++] as TriviaLine).text);
      }
    }
    this.lines.push(text);
  }

  rest(): void {
    while (this.next < this.trivia.length) this.lines.push((this.trivia[this.next++] as TriviaLine).text);
  }

  text(): string {
    return this.lines.length > 0 ? this.lines.join("\n") + "\n" : "";
  }
}

export function chainOrder(table: Table): Chain[] {
  const builtins = BUILTIN_CHAINS[table.name].map((h) => table.chains.get(h) as Chain);
  const users = [...table.chains.values()].filter((c) => !c.builtin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtins, ...users];
}

function printTable(table: Table, family: Family, out: Output, counters: boolean): void {
  out.add(`*${table.name}`, table.block.line);
  const chains = chainOrder(table);
  for (const chain of chains) {
    const policy = chain.builtin ? (chain.policy ?? "ACCEPT") : "-";
    out.add(`:${chain.name} ${policy} ${counters ? (chain.counters ?? "[0:0]") : "[0:0]"}`, chain.line);
  }
  for (const chain of chains) {
    for (const rule of chain.rules) {
      const prefix = counters && rule.command.counters ? `${countersPrefix(rule.command.counters.text)} ` : "";
      for (const line of printRule(rule, family)) out.add(prefix + line, rule.command.line);
    }
  }
  out.add("COMMIT", table.block.commitLine ?? Number.MAX_SAFE_INTEGER);
}

/** The `[p:b]` part of a rule's counter word (restore reads up to the first `]`). */
function countersPrefix(word: string): string {
  const end = word.indexOf("]");
  return end >= 0 ? word.slice(0, end + 1) : word;
}

/** One rule; several lines when -s or -d list several addresses (iptables adds one rule each). */
export function printRule(rule: FirewallRule, family: Family): string[] {
  const spec = rule.command.rule;
  const sources = addressList(spec.source, family);
  const destinations = addressList(spec.destination, family);
  const tail = [...interfaces(spec), ...protocol(spec), ...fragment(spec), ...matches(spec, family), ...jump(spec, family)];
  const lines: string[] = [];
  for (const s of sources) {
    for (const d of destinations) {
      lines.push(["-A", rule.chain, ...address("-s", spec.source, s), ...address("-d", spec.destination, d), ...tail].join(" "));
    }
  }
  return lines;
}

type PrintedAddress = { text: string; any: boolean } | undefined;

function addressList(opt: OptionNode | undefined, family: Family): PrintedAddress[] {
  const word = opt?.values[0];
  if (!word) return [undefined];
  return word.text.split(",").map((item) => {
    const c = canonicalAddress(item, family);
    // A host name stays as written: only resolving it would give the kernel's addresses.
    return { text: c.text ?? item, any: c.any };
  });
}

function address(flag: string, opt: OptionNode | undefined, a: PrintedAddress): string[] {
  if (!opt || !a || (a.any && !opt.inverted)) return [];
  return [...negation(opt), flag, a.text];
}

function negation(opt: OptionNode): string[] {
  return opt.inverted ? ["!"] : [];
}

function interfaces(spec: RuleSpec): string[] {
  const out: string[] = [];
  for (const [flag, opt] of [["-i", spec.inInterface], ["-o", spec.outInterface]] as const) {
    if (opt) out.push(...negation(opt), flag, saveWord(opt.values[0] as Word));
  }
  return out;
}

function protocol(spec: RuleSpec): string[] {
  const opt = spec.protocol;
  if (!opt) return [];
  const num = protocolNumber((opt.values[0] as Word).text.toLowerCase());
  if (num === undefined || (num === 0 && !opt.inverted)) return [];
  return [...negation(opt), "-p", protocolSaveName(num)];
}

/** proto_to_name: getprotobynumber (/etc/protocols order) first, else the number. */
function protocolSaveName(num: number): string {
  if (num === 0) return "all";
  for (const [name, n] of PROTOCOL_NUMBERS) if (n === num) return name;
  return String(num);
}

function fragment(spec: RuleSpec): string[] {
  return spec.fragment ? [...negation(spec.fragment), "-f"] : [];
}

function matches(spec: RuleSpec, family: Family): string[] {
  return spec.matches.flatMap((m) => ["-m", m.spec?.name ?? m.name, ...extensionText(m, spec, family)]);
}

function jump(spec: RuleSpec, family: Family): string[] {
  const j = spec.jump;
  if (!j) return [];
  if (j.kind === "extension") return ["-j", j.name, ...extensionText(j.extension, spec, family)];
  return [j.kind === "chain" && j.goto ? "-g" : "-j", j.name];
}

/** The extension's own save text, or its options as written when it has no save function. */
function extensionText(ext: ExtensionNode, spec: RuleSpec, family: Family): string[] {
  const saved = saveExtension(ext, spec, family);
  if (saved !== undefined) return saved === "" ? [] : [saved];
  return ext.options.flatMap((o) => [...negation(o), `--${o.name}`, ...o.values.map(saveWord)]);
}

function saveWord(w: Word): string {
  return w.quoted ? saveString(w.text) : w.text;
}
