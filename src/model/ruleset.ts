/**
 * The ruleset model: what the kernel holds after iptables-restore has run the dump's
 * commands in order. Each `*table … COMMIT` block replaces the table (restore flushes it at
 * the header); built-in chains always exist; -N/-X/-E/-F/-P/-I/-D/-R act as iptables would.
 * Errors the kernel raises while doing so are findings on the command's line.
 */
import type { ChainDeclNode, CommandNode, Dump, InputFormat, TableBlock } from "../ast/nodes.js";
import { checkChainName } from "../ast/declarations.js";
import type { Backend } from "../ast/backend.js";
import { finding } from "../checks.js";
import type { Finding, Span } from "../findings.js";
import { quoteText } from "../text.js";
import { printRule } from "../format/print.js";
import { BUILTIN_CHAINS, isBuiltinChain, POLICIES, type Family, type TableName } from "./netfilter.js";

export interface FirewallRule {
  readonly table: TableName;
  readonly chain: string;
  readonly command: CommandNode;
}

export interface Chain {
  readonly name: string;
  readonly builtin: boolean;
  policy?: string;
  /** Where the chain was declared (`:NAME` or -N); undefined for an undeclared built-in. */
  readonly declaredAt?: Span;
  /** Line of the declaration, for printing comments that precede it. */
  readonly line?: number;
  /** `[packets:bytes]` as declared, kept by the canonical printer. */
  counters?: string;
  rules: FirewallRule[];
}

export interface Table {
  readonly name: TableName;
  readonly block: TableBlock;
  readonly chains: Map<string, Chain>;
}

export interface Ruleset {
  readonly family: Family;
  readonly format: InputFormat;
  /** Tables in the order they first appear; a later block of the same table replaces it. */
  readonly tables: Map<TableName, Table>;
}

export function buildRuleset(dump: Dump, backend: Backend): { ruleset: Ruleset; findings: Finding[] } {
  const tables = new Map<TableName, Table>();
  const findings: Finding[] = [];
  for (const block of dump.tables) {
    const table = newTable(block);
    const apply = new CommandApplier(table, dump.format, backend, findings, dump.family);
    for (const event of eventsInLineOrder(block)) {
      if ("declaredBy" in event) apply.declare(event);
      else apply.command(event);
    }
    tables.set(block.name, table);
  }
  return { ruleset: { family: dump.family, format: dump.format, tables }, findings };
}

function newTable(block: TableBlock): Table {
  const chains = new Map<string, Chain>();
  for (const hook of BUILTIN_CHAINS[block.name]) chains.set(hook, { name: hook, builtin: true, rules: [] });
  return { name: block.name, block, chains };
}

/** Declarations and commands of a block, merged by line (both lists are already in order). */
function* eventsInLineOrder(block: TableBlock): Generator<ChainDeclNode | CommandNode> {
  let c = 0;
  let k = 0;
  while (c < block.chains.length || k < block.commands.length) {
    const decl = block.chains[c];
    const cmd = block.commands[k];
    if (decl && (!cmd || decl.line <= cmd.line)) {
      c++;
      yield decl;
    } else if (cmd) {
      k++;
      yield cmd;
    }
  }
}

/**
 * A rule's canonical iptables-save text without its chain: equal for rules the kernel holds as equal.
 * The model borrows the canonical printer on purpose: iptables -D compares the parsed binary
 * entries, and the printer is the one place that turns a rule into what the kernel holds
 * (it is checked against the real iptables-save, test/format); a model-level key would be a
 * second printer of the same thing that could drift from it. No import cycle: src/format
 * reads only types, netfilter.ts and values/ from the model.
 */
function canonicalKey(rule: FirewallRule, family: Family): string {
  return printRule(rule, family).join("\n");
}

class CommandApplier {
  constructor(
    private readonly table: Table,
    private readonly format: InputFormat,
    private readonly backend: Backend,
    private readonly findings: Finding[],
    private readonly family: Family,
  ) {}

  declare(decl: ChainDeclNode): void {
    const existing = this.table.chains.get(decl.name);
    if (existing) {
      if (decl.policy) existing.policy = decl.policy;
      if (decl.counters) existing.counters = decl.counters;
      if (existing.builtin) this.table.chains.set(decl.name, { ...existing, line: decl.line });
      return;
    }
    this.table.chains.set(decl.name, { name: decl.name, builtin: false, declaredAt: decl.nameSpan, line: decl.line, ...(decl.counters ? { counters: decl.counters } : {}), rules: [] });
  }

  command(cmd: CommandNode): void {
    switch (cmd.kind) {
      case "new-chain":
        return this.newChain(cmd);
      case "policy":
        return this.policy(cmd);
      case "append":
      case "check":
        this.checkJump(cmd);
        return void this.withChain(cmd, (chain) => cmd.kind === "append" && chain.rules.push(this.rule(cmd)));
      case "insert":
        return this.insert(cmd);
      case "replace":
      case "delete":
        return this.replaceOrDelete(cmd);
      case "flush":
        return this.flush(cmd);
      case "delete-chain":
        return this.deleteChain(cmd);
      case "rename-chain":
        return this.rename(cmd);
      case "zero":
        return void (cmd.chain && this.withChain(cmd, () => undefined));
    }
  }

  private rule(cmd: CommandNode): FirewallRule {
    return { table: this.table.name, chain: cmd.chain?.text ?? "", command: cmd };
  }

  private report(cmd: CommandNode, span: Span | undefined, message: string, id: Parameters<typeof finding>[0] = "undefinedChain"): void {
    this.findings.push(finding(id, span ?? cmd.span, message));
  }

  /** Runs `then` on the command's chain; a missing chain is an error unless the input is a fragment. */
  private withChain(cmd: CommandNode, then: (chain: Chain) => void): void {
    const name = cmd.chain?.text ?? "";
    let chain = this.table.chains.get(name);
    if (!chain && this.format === "fragment") {
      // A fragment shows only some lines: the chain exists somewhere we cannot see.
      chain = { name, builtin: false, rules: [] };
      this.table.chains.set(name, chain);
    }
    if (!chain) {
      return this.report(cmd, cmd.chain?.span, `chain ${quoteText(name)} does not exist in table ${this.table.name}: declare it with :${name} - [0:0] (or -N ${name}) before this line`);
    }
    then(chain);
  }

  private newChain(cmd: CommandNode): void {
    const name = cmd.chain as NonNullable<CommandNode["chain"]>;
    const problem = checkChainName(name, this.backend, { family: this.family });
    if (problem) this.findings.push(problem);
    if (problem?.severity === "error") return;
    if (this.table.chains.has(name.text)) {
      return this.report(cmd, name.span, `-N ${name.text}: Chain already exists in table ${this.table.name}`, "duplicateChain");
    }
    this.table.chains.set(name.text, { name: name.text, builtin: false, declaredAt: name.span, line: cmd.line, rules: [] });
  }

  private policy(cmd: CommandNode): void {
    const name = cmd.chain?.text ?? "";
    const policy = cmd.operand?.text ?? "";
    if (!isBuiltinChain(this.table.name, name)) {
      return this.report(cmd, cmd.chain?.span, `-P ${name}: Bad built-in chain name: ${name} is not a built-in chain of table ${this.table.name}`, "invalidPolicy");
    }
    if (!(POLICIES as readonly string[]).includes(policy)) {
      return this.report(cmd, cmd.operand?.span, `-P ${name} ${policy}: Bad policy name (a policy is ACCEPT or DROP)`, "invalidPolicy");
    }
    (this.table.chains.get(name) as Chain).policy = policy;
  }

  private ruleNumber(cmd: CommandNode): number | undefined {
    return cmd.operand ? Number(cmd.operand.text) : undefined;
  }

  /**
   * A jump must name a chain that exists when the rule is read: both backends reject a
   * chain declared further down (oracle: `-A INPUT -j FOO` then `:FOO - [0:0]` → nft
   * "Chain 'FOO' does not exist", legacy "Couldn't load target `FOO'").
   */
  private checkJump(cmd: CommandNode): void {
    const jump = cmd.rule.jump;
    if (jump?.kind !== "chain" || this.format === "fragment") return;
    const target = this.table.chains.get(jump.name);
    const flag = jump.goto ? "-g" : "-j";
    if (!target) {
      const later = this.table.block.chains.find((c) => c.name === jump.name && c.line > cmd.line);
      this.findings.push(
        finding("undefinedChain", jump.word.span, later ? `${flag} ${quoteText(jump.name)}: the chain is declared only later, on line ${later.line}; iptables-restore needs it declared before a rule jumps to it` : `${flag} ${quoteText(jump.name)}: no chain of that name in table ${this.table.name}, and no target extension either`, {
          help: later ? `move :${jump.name} - [0:0] up, before the rules` : `declare the chain (:${jump.name} - [0:0]) or fix the name; iptables-restore fails with "Couldn't load target" / "Chain '${jump.name}' does not exist"`,
        }),
      );
    } else if (target.builtin) {
      this.findings.push(finding("jumpToBuiltin", jump.word.span, `${flag} ${jump.name}: rules cannot jump to the built-in chain ${jump.name}`));
    }
  }

  private insert(cmd: CommandNode): void {
    this.checkJump(cmd);
    this.withChain(cmd, (chain) => {
      const n = this.ruleNumber(cmd) ?? 1;
      if (n < 1 || n > chain.rules.length + 1) {
        return this.report(cmd, cmd.operand?.span, `-I ${chain.name} ${n}: Index of insertion too big (the chain has ${chain.rules.length} rules)`, "badCommand");
      }
      chain.rules.splice(n - 1, 0, this.rule(cmd));
    });
  }

  private replaceOrDelete(cmd: CommandNode): void {
    if (cmd.kind === "replace") this.checkJump(cmd);
    this.withChain(cmd, (chain) => {
      const n = this.ruleNumber(cmd);
      if (n === undefined) return this.deleteBySpec(cmd, chain);
      if (n < 1 || n > chain.rules.length) {
        if (this.format === "fragment") return;
        return this.report(cmd, cmd.operand?.span, `${cmd.commandWord.text} ${chain.name} ${n}: Index of ${cmd.kind === "delete" ? "deletion" : "replacement"} too big (the chain has ${chain.rules.length} rules)`, "badCommand");
      }
      if (cmd.kind === "delete") chain.rules.splice(n - 1, 1);
      else chain.rules.splice(n - 1, 1, this.rule(cmd));
    });
  }

  /**
   * `-D CHAIN rule-spec` deletes the first rule the kernel sees as equal (iptables compares
   * the binary entries, i.e. the rules after parsing): the canonical iptables-save form of
   * both is compared. None equal: iptables-restore fails with "Bad rule (does a matching rule
   * exist in that chain?)" (oracle, both backends).
   */
  private deleteBySpec(cmd: CommandNode, chain: Chain): void {
    const key = canonicalKey(this.rule(cmd), this.family);
    const index = chain.rules.findIndex((r) => canonicalKey(r, this.family) === key);
    if (index >= 0) return void chain.rules.splice(index, 1);
    if (this.format === "fragment") return;
    this.report(cmd, cmd.commandWord.span, `-D ${chain.name}: Bad rule (does a matching rule exist in that chain?): no rule of ${chain.name} equals this one when both are read the way iptables-restore reads them`, "badCommand");
  }

  private flush(cmd: CommandNode): void {
    if (!cmd.chain) {
      for (const chain of this.table.chains.values()) chain.rules = [];
      return;
    }
    this.withChain(cmd, (chain) => void (chain.rules = []));
  }

  private deleteChain(cmd: CommandNode): void {
    const targets = cmd.chain ? [cmd.chain.text] : [...this.table.chains.values()].filter((c) => !c.builtin).map((c) => c.name);
    for (const name of targets) {
      const chain = this.table.chains.get(name);
      if (!chain) return this.report(cmd, cmd.chain?.span, `-X ${name}: chain does not exist in table ${this.table.name}`);
      if (chain.builtin) return this.report(cmd, cmd.chain?.span, `-X ${name}: a built-in chain cannot be deleted`, "badCommand");
      const user = this.referrer(name);
      if (user) return this.report(cmd, cmd.chain?.span, `-X ${name}: the chain is still referenced by a rule on line ${user.command.line}`, "deleteMissing");
      this.table.chains.delete(name);
    }
  }

  private rename(cmd: CommandNode): void {
    this.withChain(cmd, (chain) => {
      const to = cmd.operand as NonNullable<CommandNode["operand"]>;
      if (chain.builtin) return this.report(cmd, cmd.chain?.span, `-E ${chain.name}: a built-in chain cannot be renamed`, "badCommand");
      if (this.table.chains.has(to.text)) return this.report(cmd, to.span, `-E: chain ${quoteText(to.text)} already exists`, "duplicateChain");
      this.table.chains.delete(chain.name);
      this.table.chains.set(to.text, { ...chain, name: to.text });
    });
  }

  private referrer(name: string): FirewallRule | undefined {
    for (const chain of this.table.chains.values()) {
      const rule = chain.rules.find((r) => r.command.rule.jump?.name === name && r.command.rule.jump.kind === "chain");
      if (rule) return rule;
    }
    return undefined;
  }
}
