/**
 * The parts of a rule Docker's rules are made of, read once from the AST: interfaces,
 * addresses (canonical), protocol and ports, the handful of matches Docker uses (addrtype,
 * conntrack, set, mark) and the jump with its NAT address. Docker writes these rules through
 * the iptables binary, so they come back from iptables-save in canonical form; a rule written
 * by hand in another order still yields the same facts.
 */
import type { OptionNode } from "../ast/nodes.js";
import { canonicalAddress } from "../format/address.js";
import { printRule } from "../format/print.js";
import type { Family, TableName } from "../model/netfilter.js";
import type { FirewallRule, Ruleset, Table } from "../model/ruleset.js";
import type { RuleRef } from "./types.js";

export interface Negatable {
  readonly value: string;
  readonly inverted: boolean;
}

export interface RuleFacts {
  readonly rule: FirewallRule;
  readonly ref: RuleRef;
  readonly in?: Negatable;
  readonly out?: Negatable;
  /** Canonical CIDR (`192.0.2.2/32`); a list keeps its first item. */
  readonly src?: Negatable;
  readonly dst?: Negatable;
  readonly proto?: Negatable;
  readonly dport?: string;
  readonly sport?: string;
  /** addrtype --dst-type / --src-type values. */
  readonly dstType?: string;
  readonly srcType?: string;
  readonly ctstate?: string;
  /** `-m set --match-set NAME`. */
  readonly matchSet?: string;
  readonly mark?: string;
  /** Jump target name (verdict, chain or extension). */
  readonly target?: string;
  readonly targetKind?: "verdict" | "chain" | "extension";
  /** DNAT --to-destination / SNAT --to-source. */
  readonly natTo?: string;
  /** Any match other than the protocol match and the ones above. */
  readonly otherMatches: readonly string[];
}

const KNOWN_MATCHES = new Set(["tcp", "udp", "sctp", "icmp", "icmp6", "addrtype", "conntrack", "set", "mark"]);

function negatable(option: OptionNode | undefined): Negatable | undefined {
  const value = option?.values[0]?.text;
  return option && value !== undefined ? { value, inverted: option.inverted } : undefined;
}

function address(option: OptionNode | undefined, family: Family): Negatable | undefined {
  const n = negatable(option);
  if (!n) return undefined;
  const first = n.value.split(",")[0] as string;
  return { value: canonicalAddress(first, family).text ?? first, inverted: n.inverted };
}

/**
 * The rule as evidence. Its canonical text is printed when first read (an enumerable getter,
 * so spreading and JSON see a plain property): the view refers to every rule of Docker's
 * chains, and a large host has tens of thousands of them, but only reported ones are shown.
 */
export function ruleRef(rule: FirewallRule, family: Family): RuleRef {
  let text: string | undefined;
  return {
    table: rule.table,
    chain: rule.chain,
    line: rule.command.line,
    span: rule.command.span,
    get text(): string {
      return (text ??= printRule(rule, family).join("\n"));
    },
  };
}

export function ruleFacts(rule: FirewallRule, family: Family): RuleFacts {
  const spec = rule.command.rule;
  const options = new Map<string, string>();
  const otherMatches: string[] = [];
  for (const match of spec.matches) {
    if (!KNOWN_MATCHES.has(match.name)) otherMatches.push(match.name);
    for (const option of match.options) {
      const value = option.values.map((w) => w.text).join(" ");
      options.set(`${match.name}.${option.name}`, option.inverted ? `!${value}` : value);
    }
  }
  const jump = spec.jump;
  const natOption = jump?.kind === "extension" ? jump.extension.options.find((o) => o.name === "to-destination" || o.name === "to-source") : undefined;
  const portOf = (key: string): string | undefined => options.get(`tcp.${key}`) ?? options.get(`udp.${key}`) ?? options.get(`sctp.${key}`);
  let ref: RuleRef | undefined;
  const facts: RuleFacts = {
    rule,
    // Printing the canonical text is the costly part: only for rules the view reports.
    get ref(): RuleRef {
      return (ref ??= ruleRef(rule, family));
    },
    ...opt("in", negatable(spec.inInterface)),
    ...opt("out", negatable(spec.outInterface)),
    ...opt("src", address(spec.source, family)),
    ...opt("dst", address(spec.destination, family)),
    ...opt("proto", negatable(spec.protocol)),
    ...opt("dport", portOf("dport")),
    ...opt("sport", portOf("sport")),
    ...opt("dstType", options.get("addrtype.dst-type")),
    ...opt("srcType", options.get("addrtype.src-type")),
    ...opt("ctstate", options.get("conntrack.ctstate")),
    ...opt("matchSet", options.get("set.match-set")?.split(" ")[0]),
    ...opt("mark", options.get("mark.mark")),
    ...opt("target", jump?.name),
    ...opt("targetKind", jump?.kind),
    ...opt("natTo", natOption?.values[0]?.text),
    otherMatches,
  };
  return facts;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const factsByRule = new WeakMap<FirewallRule, { readonly family: Family; readonly facts: RuleFacts }>();

/**
 * A rule's facts, read once however many FactIndexes ask (rules build their own index, some
 * per published port). Facts are read-only, so all can share them.
 */
export function sharedFacts(rule: FirewallRule, family: Family): RuleFacts {
  let entry = factsByRule.get(rule);
  if (entry?.family !== family) {
    entry = { family, facts: ruleFacts(rule, family) };
    factsByRule.set(rule, entry);
  }
  return entry.facts;
}

/**
 * The facts of a ruleset, computed once per rule (printing the canonical text is the costly
 * part) and looked up by table and chain.
 */
export class FactIndex {
  private readonly cache = new Map<string, RuleFacts[]>();

  constructor(readonly ruleset: Ruleset) {}

  get family(): Family {
    return this.ruleset.family;
  }

  hasTable(table: TableName): boolean {
    return this.ruleset.tables.has(table);
  }

  hasChain(table: TableName, chain: string): boolean {
    return this.ruleset.tables.get(table)?.chains.has(chain) ?? false;
  }

  declaredLine(table: TableName, chain: string): number | undefined {
    return this.ruleset.tables.get(table)?.chains.get(chain)?.line;
  }

  /** The rules of a chain in order (empty when the table or chain is missing). */
  chain(table: TableName, chain: string): RuleFacts[] {
    const key = `${table}\u0000${chain}`;
    let facts = this.cache.get(key);
    if (!facts) {
      facts = this.ruleset.tables.get(table)?.chains.get(chain)?.rules.map((r) => sharedFacts(r, this.family)) ?? [];
      this.cache.set(key, facts);
    }
    return facts;
  }

  /** Every rule of a table, chain by chain. */
  table(table: TableName): RuleFacts[] {
    const t: Table | undefined = this.ruleset.tables.get(table);
    return t ? [...t.chains.keys()].flatMap((name) => this.chain(table, name)) : [];
  }
}

const rulesByLine = new WeakMap<Ruleset, Map<string, FirewallRule>>();

/**
 * The rule of a table's chain written on `line` (the first, should there be several), by a
 * per-ruleset index: rules look up the rules a view's RuleRefs name, hundreds of them.
 */
export function ruleAtLine(ruleset: Ruleset, table: TableName, chain: string, line: number): FirewallRule | undefined {
  let index = rulesByLine.get(ruleset);
  if (!index) {
    index = new Map();
    for (const [tableName, t] of ruleset.tables) {
      for (const [chainName, c] of t.chains) {
        for (const rule of c.rules) {
          const key = `${tableName}\u0000${chainName}\u0000${rule.command.line}`;
          if (!index.has(key)) index.set(key, rule);
        }
      }
    }
    rulesByLine.set(ruleset, index);
  }
  return index.get(`${table}\u0000${chain}\u0000${line}`);
}

/** The facts of the rule a RuleRef names. */
export function factsAtRef(ruleset: Ruleset, ref: RuleRef): RuleFacts | undefined {
  const rule = ruleAtLine(ruleset, ref.table, ref.chain, ref.line);
  return rule ? sharedFacts(rule, ruleset.family) : undefined;
}

/** `-j RETURN` and nothing else (Docker's `-A DOCKER-USER -j RETURN`, STAGE chains' tails). */
export function isBareReturn(f: RuleFacts): boolean {
  return f.target === "RETURN" && !f.in && !f.out && !f.src && !f.dst && !f.proto && f.rule.command.rule.matches.length === 0;
}

/** A plain (not inverted) interface name, or undefined. */
export function plain(n: Negatable | undefined): string | undefined {
  return n && !n.inverted ? n.value : undefined;
}

/** An inverted (`! -i X`) interface name, or undefined. */
export function negated(n: Negatable | undefined): string | undefined {
  return n?.inverted ? n.value : undefined;
}
