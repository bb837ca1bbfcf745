/**
 * Interprets the arguments of one command line the way iptables 1.8.9 does: a getopt_long
 * loop (do_parse in iptables/xshared.c) over iptables' own options plus the options of every
 * extension loaded so far. Arity comes from the extension registry, not the grammar, which is
 * why `--comment -foo` takes `-foo` as its value and `-p tcp -A INPUT` is a valid line.
 *
 * Like iptables, interpretation stops at the first error of a line: one bad line, one finding.
 */
import { finding, type CheckId } from "../checks.js";
import type { Finding, Span } from "../findings.js";
import { ALL_EXTENSIONS, findMatch, findTarget, knownInOtherFamily } from "../model/extensions/index.js";
import type { ExtensionSpec, OptionSpec } from "../model/extensions/types.js";
import { STANDARD_TARGETS, type Family } from "../model/netfilter.js";
import { hostOrNetworkList } from "../model/values/address.js";
import { interfaceName } from "../model/values/iface.js";
import { protocol as protocolValue } from "../model/values/protocol.js";
import type { ValueResult } from "../model/values/result.js";
import { nearest } from "../suggest.js";
import { quoteText } from "../text.js";
import { BASE_BY_SHORT, BASE_OPTIONS, COMMAND_KINDS, type BaseOption } from "./base-options.js";
import { finalChecks } from "./final-checks.js";
import type { CommandKind, CommandNode, ExtensionNode, Jump, OptionNode, RuleSpec, Word } from "./nodes.js";
import { clause, joinSpans, withText } from "./words.js";

export interface CommandInput {
  readonly line: number;
  readonly span: Span;
  readonly counters?: Word;
  readonly args: readonly Word[];
  readonly family: Family;
}

export interface CommandResult {
  readonly command?: CommandNode;
  /** `-t TABLE` when given (an error in a restore file, the line's table in -S input). */
  readonly table?: Word;
  readonly findings: Finding[];
}

/** Raised inside the loop to stop at the first error, as iptables' xtables_error does. */
class LineError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

/** XT_EXTENSION_MAXNAMELEN (29) less the NUL: longer match and target names are refused before any lookup. */
const MAX_EXTENSION_NAME = 28;

function fail(id: CheckId, span: Span, message: string, help?: string): never {
  throw new LineError(finding(id, span, message, help !== undefined ? { help } : {}));
}

interface Resolved {
  readonly base?: BaseOption;
  readonly ext?: { readonly node: ExtensionNode; readonly spec?: OptionSpec };
  readonly name: string;
}

/** Mutable state of one getopt loop. */
class Interpreter {
  private i = 0;
  private invert: Word | undefined;
  private commandLetter: string | undefined;
  private commandWord: Word | undefined;
  private chain: Word | undefined;
  private operand: Word | undefined;
  private table: Word | undefined;
  private readonly base = new Map<string, OptionNode>();
  private readonly matches: ExtensionNode[] = [];
  private readonly clauses: OptionNode[] = [];
  private jump: Jump | undefined;
  private protocolMatchLoaded = false;
  /** Set by -4 in ip6tables or -6 in iptables: the rule is parsed but never loaded. */
  private skipped = false;
  readonly notes: Finding[] = [];

  constructor(private readonly input: CommandInput) {}

  run(): CommandResult {
    try {
      const args = this.input.args;
      while (this.i < args.length) this.step(args[this.i++] as Word);
      const command = this.finish();
      return { ...(this.skipped ? {} : { command }), ...(this.table ? { table: this.table } : {}), findings: this.notes };
    } catch (e) {
      if (e instanceof LineError) return { findings: [...this.notes, e.finding] };
      throw e;
    }
  }

  private step(w: Word): void {
    const t = w.text;
    if (t === "!") {
      if (this.invert) fail("invalidNegation", w.span, "multiple consecutive ! not allowed");
      this.invert = w;
    } else if (t === "--") {
      // getopt: "--" ends the options; whatever follows is a stray argument.
      const next = this.input.args[this.i];
      if (next) fail("badArgument", next.span, `Bad argument ${quoteText(next.text)}`);
    } else if (t.startsWith("--")) {
      this.longOption(w);
    } else if (t.startsWith("-") && t.length > 1) {
      this.shortOption(w);
    } else {
      fail("badArgument", w.span, `Bad argument ${quoteText(t)}`, "every word of a command must be an option or an option's value");
    }
  }

  private shortOption(w: Word): void {
    const letter = w.text[1] as string;
    const base = BASE_BY_SHORT.get(letter);
    if (!base) fail("unknownOption", w.span, `unknown option ${quoteText(w.text)}`);
    const attached = w.text.length > 2 ? w.text.slice(2) : undefined;
    this.baseOption(base, w, attached);
  }

  private longOption(w: Word): void {
    const eq = w.text.indexOf("=");
    const name = eq >= 0 ? w.text.slice(2, eq) : w.text.slice(2);
    const attached = eq >= 0 ? w.text.slice(eq + 1) : undefined;
    let resolved = this.resolve(name, w);
    if (!resolved && this.loadProtocolMatch()) resolved = this.resolve(name, w);
    if (!resolved) resolved = this.unknownExtensionOption(name);
    if (!resolved) {
      fail("unknownOption", w.span, `unknown option ${quoteText(w.text)}`, this.unknownOptionHelp(name));
    }
    if (resolved.base) this.baseOption(resolved.base, w, attached);
    else this.extensionOption(resolved, w, attached);
  }

  /** getopt_long: an exact name wins, otherwise an unambiguous prefix. */
  private resolve(name: string, w: Word): Resolved | undefined {
    if (name === "") return undefined;
    return this.exactOption(name) ?? this.abbreviatedOption(name, w);
  }

  /**
   * The option spelled exactly `name`: a base option first, then the most recently loaded
   * extension's (the order of the full scan in abbreviatedOption), through lookup tables
   * because nearly every option in a dump is spelled out in full.
   */
  private exactOption(name: string): Resolved | undefined {
    const base = BASE_BY_LONG.get(name);
    if (base) return { base, name: base.name };
    const target = this.jump?.kind === "extension" ? this.jump.extension : undefined;
    const inTarget = target?.spec && optionsByName(target.spec).get(name);
    if (target && inTarget) return { ext: { node: target, spec: inTarget }, name: inTarget.name };
    for (let i = this.matches.length - 1; i >= 0; i--) {
      const node = this.matches[i] as ExtensionNode;
      const spec = node.spec && optionsByName(node.spec).get(name);
      if (spec) return { ext: { node, spec }, name: spec.name };
    }
    return undefined;
  }

  /** getopt_long's rule for a name no option has exactly: an unambiguous prefix. */
  private abbreviatedOption(name: string, w: Word): Resolved | undefined {
    const exact: Resolved[] = [];
    const prefix: Resolved[] = [];
    for (const base of BASE_OPTIONS) {
      for (const long of base.longs) {
        if (long === name) exact.push({ base, name: base.name });
        else if (long.startsWith(name)) prefix.push({ base, name: base.name });
      }
    }
    // Later instances first: an option goes to the most recently loaded extension owning it.
    for (const node of this.loadedExtensions().reverse()) {
      for (const spec of node.spec?.options ?? []) {
        for (const long of [spec.name, ...(spec.aliases ?? [])]) {
          if (long === name) exact.push({ ext: { node, spec }, name: spec.name });
          else if (long.startsWith(name)) prefix.push({ ext: { node, spec }, name: spec.name });
        }
      }
    }
    if (exact.length > 0) return exact[0];
    const distinct = new Set(prefix.map((r) => r.base ?? r.ext?.spec));
    if (distinct.size > 1) {
      const names = [...new Set(prefix.map((r) => "--" + r.name))].join(", ");
      fail("unknownOption", w.span, `unknown option ${quoteText(w.text)}: it abbreviates more than one option (${names})`);
    }
    return prefix[0];
  }

  private loadedExtensions(): ExtensionNode[] {
    const list = [...this.matches];
    if (this.jump?.kind === "extension") list.push(this.jump.extension);
    return list;
  }

  /**
   * iptables loads the protocol's match when it meets an option nobody knows and `-p` names
   * a protocol with a match (command_default → load_proto in xshared.c), after `! -p` too
   * (should_load_proto does not look at the inversion; oracle: `! -p tcp --dport 22` parses,
   * then legacy's kernel check refuses it and nft loads it, see final-checks.ts).
   */
  private loadProtocolMatch(): boolean {
    const proto = this.base.get("protocol");
    if (this.protocolMatchLoaded || !proto) return false;
    this.protocolMatchLoaded = true;
    const word = proto.values[0] as Word;
    const name = protocolMatchName(word.text.toLowerCase());
    const spec = name ? findMatch(name, this.input.family) : undefined;
    if (!spec) return false;
    this.matches.push({ kind: "match", name: spec.name, nameWord: word, implicit: true, spec, options: [] });
    return true;
  }

  /** An option after an extension iptlint does not know is kept with that extension. */
  private unknownExtensionOption(name: string): Resolved | undefined {
    const unknown = this.loadedExtensions().reverse().find((n) => !n.spec);
    return unknown ? { ext: { node: unknown }, name } : undefined;
  }

  private unknownOptionHelp(name: string): string | undefined {
    const proto = this.base.get("protocol");
    const owners = findOwners(name, this.input.family);
    if (owners.length === 0) {
      const known = [...BASE_OPTIONS.flatMap((b) => b.longs), ...this.loadedExtensions().flatMap((n) => (n.spec?.options ?? []).flatMap((o) => [o.name, ...(o.aliases ?? [])]))];
      const guess = nearest(name, known);
      return guess ? `did you mean --${guess}?` : undefined;
    }
    const owner = owners[0] as ExtensionSpec;
    if (owner.kind === "target") return `--${name} is an option of the ${owner.name} target; put it after -j ${owner.name}`;
    if (!proto && ["tcp", "udp", "sctp", "icmp", "icmp6", "dccp", "udplite"].includes(owner.name)) {
      return `--${name} belongs to the ${owner.name} match: add -p ${owner.name === "icmp6" ? "icmpv6" : owner.name} before it`;
    }
    return `--${name} is an option of the ${owner.name} match: add -m ${owner.name} before it`;
  }

  private takeValue(w: Word, attached: string | undefined): Word {
    if (attached !== undefined) return withText(w, attached);
    const v = this.input.args[this.i++];
    if (!v) fail("missingValue", w.span, `option ${quoteText(w.text)} requires an argument`);
    return v;
  }

  /** Words an option reads beyond getopt's optarg (`--tcp-flags MASK COMP`), iptables-style. */
  private takeExtra(w: Word, count: number): Word[] {
    const out: Word[] = [];
    for (let k = 0; k < count; k++) {
      const v = this.input.args[this.i];
      if (!v || v.text.startsWith("-") || v.text === "!") {
        fail("missingValue", w.span, `${quoteText(w.text)} requires ${count + 1} arguments`);
      }
      out.push(v);
      this.i++;
    }
    return out;
  }

  /** For options whose argument is optional: the next word unless it looks like an option. */
  private peekOperand(): Word | undefined {
    const v = this.input.args[this.i];
    if (!v || v.text.startsWith("-") || v.text.startsWith("!")) return undefined;
    this.i++;
    return v;
  }

  private takeInvert(w: Word, allowed: boolean): boolean {
    const inv = this.invert;
    this.invert = undefined;
    if (!inv) return false;
    if (!allowed) fail("invalidNegation", joinSpans(inv.span, w.span), `cannot have ! before ${quoteText(w.text)}`);
    return true;
  }

  private baseOption(opt: BaseOption, w: Word, attached: string | undefined): void {
    const inverted = this.takeInvert(w, opt.invertible === true);
    switch (opt.role) {
      case "command":
        return this.command(opt, w, attached);
      case "not-in-restore":
        return fail("badCommand", w.span, `${quoteText(w.text)} cannot be used in a restore file`);
      case "table":
        this.table = this.takeValue(w, attached);
        return;
      case "listing":
        return fail("badCommand", w.span, `Illegal option ${quoteText(w.text)} with this command: it only changes how rules are listed`);
      case "family":
        if ((opt.short === "6") !== (this.input.family === "ipv6")) {
          // iptables-restore skips such a line without a word (oracle: `-A INPUT -6 -j
          // ACCEPT` loads, and the rule is not in the table afterwards).
          this.notes.push(finding("wrongFamily", w.span, `${quoteText(w.text)} makes ${this.input.family === "ipv6" ? "ip6tables" : "iptables"}-restore skip this rule silently: it is not loaded`, { severity: "warning", help: "remove the option, or move the rule to the dump of the other family" }));
          this.skipped = true;
        }
        return;
      case "noop":
        if (opt.arg === "required") this.takeValue(w, attached);
        return;
      case "match":
        return this.loadMatch(w, attached, inverted);
      case "jump":
      case "goto":
        return this.setJump(opt, w, attached);
      case "fragment":
        if (this.input.family === "ipv6") fail("wrongFamily", w.span, "`-f' is not supported in IPv6, use -m frag instead");
        return this.setBase(opt, w, inverted, []);
      case "set-counters": {
        const packets = this.takeValue(w, attached);
        const bytes = this.takeExtra(w, 1);
        // iptables: "-c packet counter not numeric" / "-c byte counter not numeric" (oracle).
        for (const [word, what] of [[packets, "packet"], [bytes[0] as Word, "byte"]] as const) {
          if (!/^[0-9]+$/.test(word.text)) fail("invalidValue", word.span, `-c ${what} counter not numeric`);
        }
        return this.setBase(opt, w, inverted, [packets, ...bytes]);
      }
      default:
        return this.ruleValueOption(opt, w, attached, inverted);
    }
  }

  /** -s -d -p -i -o: one value, checked; each at most once ("multiple -s flags not allowed"). */
  /**
   * iptables before 1.6 accepted `-d ! ADDR`; 1.8 takes "!" as the value, which then fails
   * its check. Say so instead of "host/network `!' not found".
   */
  private failValue(flag: Word, value: Word, message: string): never {
    if (value.text === "!") {
      const next = this.input.args[this.i];
      fail("invalidNegation", joinSpans(flag.span, value.span), `${quoteText(flag.text)} takes "!" as its value: the negation must come before the option (${message})`, next ? `write: ! ${flag.text} ${next.text}` : undefined);
    }
    const id: CheckId = /IPv4|IPv6/.test(message) ? "wrongFamily" : "invalidValue";
    fail(id, value.span, message);
  }

  private ruleValueOption(opt: BaseOption, w: Word, attached: string | undefined, inverted: boolean): void {
    // iptables takes these values from argv[optind-1], so an attached value (`-ptcp`,
    // `--dst=1.2.3.4`) arrives as the whole word and fails ("unknown protocol "-ptcp"").
    const value = attached !== undefined && "sdp".includes(opt.short) ? w : this.takeValue(w, attached);
    const check = BASE_VALUE_CHECKS[opt.role];
    const result = check ? check(value.text, { family: this.input.family }) : undefined;
    if (result && !result.ok) this.failValue(w, value, result.message);
    if (inverted && (opt.role === "source" || opt.role === "destination") && value.text.includes(",")) {
      fail("invalidNegation", value.span, "! not allowed with multiple source or destination IP addresses", "write one negated rule per address, or use an ipset");
    }
    this.setBase(opt, w, inverted, [value]);
  }

  private setBase(opt: BaseOption, w: Word, inverted: boolean, values: Word[]): void {
    if (this.base.has(opt.name)) fail("repeatedOption", w.span, `multiple -${opt.short} flags not allowed`);
    const node = clause(opt.name, w, inverted, values);
    this.base.set(opt.name, node);
    this.clauses.push(node);
  }

  private command(opt: BaseOption, w: Word, attached: string | undefined): void {
    if (this.commandLetter) fail("badCommand", w.span, `Cannot use -${opt.short} with -${this.commandLetter}`);
    this.commandLetter = opt.short;
    this.commandWord = w;
    if (opt.arg === "required") this.chain = this.takeValue(w, attached);
    else this.chain = attached !== undefined ? withText(w, attached) : this.peekOperand();
    switch (opt.short) {
      case "I":
      case "D":
      case "Z":
        this.operand = this.chain ? this.peekOperand() : undefined;
        if (this.operand && !/^[0-9]+$/.test(this.operand.text)) {
          fail("badCommand", this.operand.span, `Invalid rule number ${quoteText(this.operand.text)}`);
        }
        return;
      case "R":
      case "P":
      case "E":
        this.operand = this.peekOperand();
        if (!this.operand) fail("badCommand", w.span, `-${opt.short} requires a chain and ${opt.short === "P" ? "a policy" : opt.short === "E" ? "a new chain name" : "a rule number"}`);
        return;
    }
  }

  private loadMatch(w: Word, attached: string | undefined, inverted: boolean): void {
    if (inverted) fail("invalidNegation", w.span, "unexpected ! flag before --match");
    const nameWord = this.takeValue(w, attached);
    const name = nameWord.text;
    if (name.length > MAX_EXTENSION_NAME) fail("invalidValue", nameWord.span, `Invalid match name ${quoteText(name)} (${MAX_EXTENSION_NAME} chars max)`);
    const spec = findMatch(name, this.input.family);
    if (!spec && knownInOtherFamily("match", name, this.input.family)) {
      fail("wrongFamily", nameWord.span, `Couldn't load match ${quoteText(name)}: it exists only for ${this.input.family === "ipv4" ? "IPv6 (ip6tables)" : "IPv4 (iptables)"}`);
    }
    const folded = spec ? undefined : findMatch(name.toLowerCase(), this.input.family);
    if (folded) fail("unknownOption", nameWord.span, `Couldn't load match ${quoteText(name)}: extension names are case-sensitive`, `did you mean -m ${folded.name}?`);
    // iptables dlopens libxt_NAME.so; every extension ever shipped (iptables, xtables-addons)
    // is named with letters, digits and "_", so a quote, a parenthesis, a CR or non-ASCII
    // text in the name is a typo or damage that no host loads (found by fuzz:kernel).
    if (!spec && !/^[A-Za-z0-9_-]+$/.test(name)) fail("unknownOption", nameWord.span, `Couldn't load match ${quoteText(name)}: no match extension has such a name (extension names are letters, digits, _ and -)`);
    if (!spec) {
      this.notes.push(finding("unknownExtension", nameWord.span, `match ${quoteText(name)} is not known to iptlint; its options are kept but not checked`));
    }
    this.matches.push({ kind: "match", name, nameWord, implicit: false, ...(spec ? { spec } : {}), options: [] });
  }

  private setJump(opt: BaseOption, w: Word, attached: string | undefined): void {
    if (this.jump) fail("repeatedOption", w.span, "multiple -j flags not allowed");
    // Like -s/-d/-p, iptables reads the target from argv[optind-1]: `-jACCEPT` and
    // `--jump=ACCEPT` name a chain called "-jACCEPT" / "--jump=ACCEPT" (oracle).
    const word = attached !== undefined ? w : this.takeValue(w, attached);
    const name = word.text;
    if (name === "") fail("invalidValue", word.span, "the target name is empty");
    // xt_parse_target (xshared.c), for -j and -g alike.
    if (name.length > MAX_EXTENSION_NAME) fail("invalidValue", word.span, `Invalid target name ${quoteText(name)} (${MAX_EXTENSION_NAME} chars max)`);
    if (/[ \t\n\v\f\r]/.test(name)) fail("invalidValue", word.span, `Invalid target name ${quoteText(name)}: it holds white space`);
    if (opt.role === "goto") {
      this.jump = { kind: "chain", name, word, goto: true };
    } else if ((STANDARD_TARGETS as readonly string[]).includes(name)) {
      this.jump = { kind: "verdict", name, word };
    } else {
      const spec = findTarget(name, this.input.family);
      if (spec) {
        const extension: ExtensionNode = { kind: "target", name, nameWord: word, implicit: false, spec, options: [] };
        this.jump = { kind: "extension", name, word, extension };
      } else {
        this.jump = { kind: "chain", name, word, goto: false };
      }
    }
    this.clauses.push(clause(opt.name, w, false, [word]));
  }

  private extensionOption(r: Resolved, w: Word, attached: string | undefined): void {
    const ext = r.ext as NonNullable<Resolved["ext"]>;
    const spec = ext.spec;
    const inverted = this.takeInvert(w, spec ? spec.invertible === true : true);
    const values = spec ? this.specValues(spec, w, attached) : this.greedyValues(attached);
    if (spec && !spec.multi && ext.node.options.some((o) => o.spec === spec)) {
      fail("repeatedOption", w.span, `${ext.node.name}: option "--${spec.name}" can only be used once`);
    }
    if (spec) this.checkValues(spec, values, ext.node, w);
    const node = clause(r.name, w, inverted, values, spec);
    ext.node.options.push(node);
    this.clauses.push(node);
  }

  private specValues(spec: OptionSpec, w: Word, attached: string | undefined): Word[] {
    if (spec.arg === "none") {
      if (attached !== undefined) fail("invalidValue", w.span, `option ${quoteText(w.text)} doesn't allow an argument`);
      return [];
    }
    if (spec.arg === "optional") return attached !== undefined ? [withText(w, attached)] : [];
    const first = this.takeValue(w, attached);
    return [first, ...this.takeExtra(w, spec.extraArgs ?? 0)];
  }

  private greedyValues(attached: string | undefined): Word[] {
    if (attached !== undefined) return [];
    const v = this.peekOperand();
    return v ? [v] : [];
  }

  private checkValues(spec: OptionSpec, values: Word[], owner: ExtensionNode, flag: Word): void {
    const checks = [spec.value, ...(spec.extraValues ?? [])];
    values.forEach((v, k) => {
      const check = checks[k];
      const result = check?.(v.text, { family: this.input.family });
      if (result && !result.ok) this.failValue(flag, v, `${owner.name}: ${result.message}`);
    });
    if (spec.families && !spec.families.includes(this.input.family)) {
      fail("wrongFamily", values[0]?.span ?? owner.nameWord.span, `${owner.name}: --${spec.name} is not available in ${this.input.family === "ipv4" ? "iptables" : "ip6tables"}`);
    }
    for (const other of spec.excludes ?? []) {
      if (owner.options.some((o) => o.name === other)) {
        fail("extensionCheckFailed", values[0]?.span ?? owner.nameWord.span, `${owner.name}: --${spec.name} cannot be combined with --${other}`);
      }
    }
  }

  private finish(): CommandNode {
    const last = this.input.args[this.input.args.length - 1] as Word;
    if (this.invert) fail("invalidNegation", this.invert.span, "nothing appropriate following !");
    if (!this.commandLetter || !this.commandWord) {
      fail("missingCommand", joinSpans((this.input.args[0] as Word).span, last.span), "no command specified", "a restore line needs a command such as -A CHAIN or -N CHAIN");
    }
    const kind: CommandKind = COMMAND_KINDS[this.commandLetter as keyof typeof COMMAND_KINDS];
    const rule = this.ruleSpec();
    const command = new Command(kind, this.input.line, this.input.span.end.column, this.commandWord, rule, this.chain, this.operand, this.input.counters);
    const problem = finalChecks(command, this.input.family);
    if (problem) throw new LineError(problem);
    return command;
  }

  private ruleSpec(): RuleSpec {
    // Exact-size copies: push-grown arrays keep spare capacity, multiplied by every rule.
    // (splice in place keeps the grown backing store; a slice is allocated at its exact size)
    for (const m of this.matches) (m as { options: OptionNode[] }).options = m.options.slice();
    if (this.jump?.kind === "extension") (this.jump.extension as { options: OptionNode[] }).options = this.jump.extension.options.slice();
    // Absent options are absent keys, not undefined ones (exactOptionalPropertyTypes).
    const spec: Partial<Record<(typeof BASE_RULE_KEYS)[number][0], OptionNode>> = {};
    for (const [key, name] of BASE_RULE_KEYS) {
      const v = this.base.get(name);
      if (v) spec[key] = v;
    }
    return { ...spec, matches: this.matches.slice(), ...(this.jump ? { jump: this.jump } : {}), clauses: this.clauses.slice() };
  }
}

/** RuleSpec fields and the base options that fill them. */
const BASE_RULE_KEYS: ReadonlyArray<readonly ["protocol" | "source" | "destination" | "inInterface" | "outInterface" | "fragment" | "setCounters", string]> = [
  ["protocol", "protocol"],
  ["source", "source"],
  ["destination", "destination"],
  ["inInterface", "in-interface"],
  ["outInterface", "out-interface"],
  ["fragment", "fragments"],
  ["setCounters", "set-counters"],
];

/** Every long name of the base options, to the first option (in BASE_OPTIONS order) that has it. */
const BASE_BY_LONG: ReadonlyMap<string, BaseOption> = (() => {
  const map = new Map<string, BaseOption>();
  for (const base of BASE_OPTIONS) for (const long of base.longs) if (!map.has(long)) map.set(long, base);
  return map;
})();

const optionTables = new WeakMap<ExtensionSpec, Map<string, OptionSpec>>();

/** An extension's options by name and alias, the first in declaration order winning. */
function optionsByName(spec: ExtensionSpec): Map<string, OptionSpec> {
  let map = optionTables.get(spec);
  if (!map) {
    map = new Map();
    for (const option of spec.options) for (const long of [option.name, ...(option.aliases ?? [])]) if (!map.has(long)) map.set(long, option);
    optionTables.set(spec, map);
  }
  return map;
}

/** A command whose line span is built only when a finding asks for it. */
class Command implements CommandNode {
  constructor(
    readonly kind: CommandKind,
    readonly line: number,
    private readonly endColumn: number,
    readonly commandWord: Word,
    readonly rule: RuleSpec,
    readonly chain?: Word,
    readonly operand?: Word,
    readonly counters?: Word,
  ) {}

  get span(): Span {
    return { start: { line: this.line, column: 1 }, end: { line: this.line, column: this.endColumn } };
  }
}

type BaseCheck = (text: string, ctx: { family: Family }) => ValueResult;

const BASE_VALUE_CHECKS: Partial<Record<BaseOption["role"], BaseCheck>> = {
  protocol: protocolValue,
  source: hostOrNetworkList,
  destination: hostOrNetworkList,
  "in-interface": interfaceName,
  "out-interface": interfaceName,
};

/** The match a `-p` value loads (xtables_find_match's proto name handling). */
export function protocolMatchName(proto: string): string | undefined {
  const byNumber: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmp6", "132": "sctp", "33": "dccp", "136": "udplite" };
  const name = byNumber[proto] ?? proto;
  return name === "all" || name === "0" ? undefined : name;
}

/** Every extension of this family that has an option of that name (registry order). */
function findOwners(name: string, family: Family): ExtensionSpec[] {
  return ALL_EXTENSIONS.filter((spec) => spec.families.includes(family) && spec.options.some((o) => o.name === name || o.aliases?.includes(name)));
}

export function interpretCommand(input: CommandInput): CommandResult {
  return new Interpreter(input).run();
}
