/**
 * Rules no packet reaches, chain by chain (IPT110 rule-shadowed, IPT111 rule-redundant): a rule
 * R is dead when an earlier rule E of its chain matches every packet R matches and ends the
 * chain for them. The kernel walks a chain's rules in order and stops at the first verdict
 * (ipt_do_table / ip6t_do_table), so R then never sees a packet.
 *
 * Comparing each rule with every earlier one would be quadratic on kube-proxy's 10k-rule
 * chains. The earlier chain-ending rules are indexed instead, each under one key that any rule
 * it covers must share: its -s prefix (R's sources must lie inside it, so R finds it among the
 * ≤33/129 prefixes containing R's lowest and highest source), else its -d prefix, its single
 * --dport, its exact -i or -o, the first of its other matches (which R must repeat); the rest
 * (lists, inversions, state sets, no condition) are always checked.
 * Candidates are tried in chain order and the first covering one is the answer.
 *
 * A second kind of redundancy, an exact repeat of a rule that does not end the chain, is
 * judged by purity: if neither the rule, the chain it jumps to, nor anything between the two
 * copies changes the packet or holds state, the second copy sees the packet exactly as the
 * first left it and can change no verdict.
 */
import type { RuleSpec } from "../../ast/nodes.js";
import type { AddressSet } from "../../model/ip/address-set.js";
import { addressBits } from "../../model/ip/address-set.js";
import { isDockerOwnedChain } from "../../docker/chains.js";
import { printRule } from "../../format/print.js";
import type { Family } from "../../model/netfilter.js";
import type { Chain, FirewallRule, Ruleset, Table } from "../../model/ruleset.js";
import { isStatefulMatch, readConditions, type Conditions } from "./conditions.js";
import { covers } from "./subsumption.js";

export interface DeadRule {
  readonly rule: FirewallRule;
  /** The earlier rule that takes all of its packets, or that it repeats. */
  readonly by: FirewallRule;
  /** "shadowed": `by` ends the chain with another outcome; "redundant": with the same, or a pure exact repeat. */
  readonly kind: "shadowed" | "redundant";
  /** How `by` ends the chain (`-j DROP`, `-g CHAIN`, `-j DNAT --to-destination …`); undefined for a repeat. */
  readonly byOutcome?: string;
  /** The rule's own target text (`-j ACCEPT`), or undefined when it has none. */
  readonly ownTarget?: string;
  /** Same canonical text as `by`. */
  readonly duplicate: boolean;
}

const NAT_TARGETS: ReadonlySet<string> = new Set(["DNAT", "SNAT", "MASQUERADE", "REDIRECT", "NETMAP"]);
const TERMINAL_EXTENSIONS: ReadonlySet<string> = new Set(["REJECT", "NFQUEUE"]);
/** Targets that write logs only: xt_LOG, xt_NFLOG return XT_CONTINUE and change nothing. */
const LOG_TARGETS: ReadonlySet<string> = new Set(["LOG", "NFLOG", "ULOG"]);
/** Non-terminal targets that may be repeated: applying them twice is applying them once. */
const IDEMPOTENT_TARGETS: ReadonlySet<string> = new Set([...LOG_TARGETS, "CHECKSUM"]);

const cache = new WeakMap<Ruleset, readonly DeadRule[]>();

/** Every dead rule of the ruleset, in table and chain order; computed once per ruleset. */
export function deadRules(ruleset: Ruleset): readonly DeadRule[] {
  let found = cache.get(ruleset);
  if (found === undefined) {
    found = [...ruleset.tables.values()].flatMap((table) => new TableScan(table, ruleset.family).run());
    cache.set(ruleset, found);
  }
  return found;
}

/** The target as iptables-save prints it (`-j REJECT --reject-with icmp-port-unreachable`). */
export function targetText(rule: FirewallRule, family: Family): string | undefined {
  const spec = rule.command.rule;
  if (!spec.jump) return undefined;
  const bare: RuleSpec = { ...(spec.protocol ? { protocol: spec.protocol } : {}), matches: [], clauses: [] };
  const head = printRule({ ...rule, command: { ...rule.command, rule: bare } }, family)[0] as string;
  const full = printRule({ ...rule, command: { ...rule.command, rule: { ...bare, jump: spec.jump } } }, family)[0] as string;
  return full.slice(head.length + 1);
}

/**
 * Whether the rule ends the chain for the packets it matches: a verdict, RETURN, -g, REJECT,
 * NFQUEUE, or a NAT target in the nat table. A jump returns; LOG, MARK and the like continue.
 */
function endsChain(rule: FirewallRule): boolean {
  const jump = rule.command.rule.jump;
  if (!jump) return false;
  if (jump.kind === "verdict") return true;
  if (jump.kind === "chain") return jump.goto;
  const name = jump.extension.spec?.name;
  return name !== undefined && (TERMINAL_EXTENSIONS.has(name) || (rule.table === "nat" && NAT_TARGETS.has(name)));
}

/**
 * What a chain-ending rule does, as a key to compare outcomes by. RETURN in a built-in chain
 * applies the policy (ipt_do_table: the underflow rule), so there it is the policy's verdict.
 */
function outcomeOf(rule: FirewallRule, chain: Chain, family: Family): string | undefined {
  if (!endsChain(rule)) return undefined;
  const jump = rule.command.rule.jump;
  if (jump?.kind === "verdict" && jump.name === "RETURN" && chain.builtin && chain.policy) return `-j ${chain.policy}`;
  return targetText(rule, family);
}

interface Entry {
  readonly position: number;
  readonly rule: FirewallRule;
  readonly cond: Conditions;
}

/** A prefix → entries index over one address dimension. */
class PrefixIndex {
  private readonly byLength = new Map<number, Map<bigint, Entry[]>>();
  private lengths: number[] = [];

  constructor(private readonly bits: number) {}

  add(length: number, base: bigint, entry: Entry): void {
    let buckets = this.byLength.get(length);
    if (!buckets) {
      buckets = new Map();
      this.byLength.set(length, buckets);
      this.lengths = [...this.byLength.keys()];
    }
    const key = base >> BigInt(this.bits - length);
    const list = buckets.get(key);
    if (list) list.push(entry);
    else buckets.set(key, [entry]);
  }

  /** Entries whose prefix contains the whole of `set`. */
  collect(set: AddressSet, out: Entry[]): void {
    const first = set.ranges[0];
    const last = set.ranges[set.ranges.length - 1];
    if (!first || !last) return;
    for (const length of this.lengths) {
      const shift = BigInt(this.bits - length);
      const key = first[0] >> shift;
      if (key !== last[1] >> shift) continue;
      const list = this.byLength.get(length)?.get(key);
      if (list) out.push(...list);
    }
  }
}

/** The prefix a set is, when it is exactly one (`10.0.0.0/8`), with its length. */
function singlePrefix(set: AddressSet, bits: number): { length: number; base: bigint } | undefined {
  if (set.ranges.length !== 1) return undefined;
  const [lo, hi] = set.ranges[0] as readonly [bigint, bigint];
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) !== 0n || lo % size !== 0n) return undefined;
  const length = bits - (size.toString(2).length - 1);
  return { length, base: lo };
}

function singlePort(ports: Conditions["dport"]): number | undefined {
  const only = ports.length === 1 ? ports[0] : undefined;
  return only && only[0] === only[1] ? only[0] : undefined;
}

/** The earlier chain-ending rules of one chain. */
class ChainIndex {
  private readonly src: PrefixIndex;
  private readonly dst: PrefixIndex;
  private readonly byDport = new Map<number, Entry[]>();
  private readonly byIn = new Map<string, Entry[]>();
  private readonly byOut = new Map<string, Entry[]>();
  /** By the first of the other matches, which a covered rule must have identically. */
  private readonly byOther = new Map<string, Entry[]>();
  private readonly rest: Entry[] = [];

  constructor(private readonly bits: number) {
    this.src = new PrefixIndex(bits);
    this.dst = new PrefixIndex(bits);
  }

  add(entry: Entry): void {
    const c = entry.cond;
    const src = singlePrefix(c.src, this.bits);
    if (src && src.length > 0) return this.src.add(src.length, src.base, entry);
    const dst = singlePrefix(c.dst, this.bits);
    if (dst && dst.length > 0) return this.dst.add(dst.length, dst.base, entry);
    const port = singlePort(c.dport);
    if (port !== undefined) return push(this.byDport, port, entry);
    if (c.in && !c.in.inverted && !c.in.wildcard) return push(this.byIn, c.in.name, entry);
    if (c.out && !c.out.inverted && !c.out.wildcard) return push(this.byOut, c.out.name, entry);
    const other = c.others[0];
    if (other !== undefined) return push(this.byOther, other, entry);
    this.rest.push(entry);
  }

  /** The first entry, in chain order, that covers `cond`. */
  firstCovering(cond: Conditions): Entry | undefined {
    const candidates: Entry[] = [];
    this.src.collect(cond.src, candidates);
    this.dst.collect(cond.dst, candidates);
    const port = singlePort(cond.dport);
    if (port !== undefined) candidates.push(...(this.byDport.get(port) ?? []));
    if (cond.in && !cond.in.inverted && !cond.in.wildcard) candidates.push(...(this.byIn.get(cond.in.name) ?? []));
    if (cond.out && !cond.out.inverted && !cond.out.wildcard) candidates.push(...(this.byOut.get(cond.out.name) ?? []));
    if (this.byOther.size > 0) for (const other of new Set(cond.others)) candidates.push(...(this.byOther.get(other) ?? []));
    candidates.push(...this.rest);
    candidates.sort((a, b) => a.position - b.position);
    return candidates.find((e) => covers(e.cond, cond));
  }
}

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function matchesNothing(c: Conditions): boolean {
  return c.src.isEmpty() || c.dst.isEmpty() || c.sport.length === 0 || c.dport.length === 0;
}

class TableScan {
  private readonly purity = new Map<string, boolean | "visiting">();

  constructor(
    private readonly table: Table,
    private readonly family: Family,
  ) {}

  /**
   * Docker's own chains are left to the Docker rules: Docker rebuilds them at every start, a
   * dead DNAT there is a stale forward (IPT204) and a hand-written rule is IPT208.
   */
  run(): DeadRule[] {
    return [...this.table.chains.values()].filter((chain) => !isDockerOwnedChain(this.table.name, chain.name)).flatMap((chain) => this.scanChain(chain));
  }

  /**
   * Conditions are read only when there is something to compare with: a rule before which no
   * rule ends the chain and no repeatable rule stands is not judged (kube-proxy's 35k small
   * chains mostly have no such rule).
   */
  private scanChain(chain: Chain): DeadRule[] {
    const found: DeadRule[] = [];
    const index = new ChainIndex(addressBits(this.family));
    let indexed = 0;
    const repeats = new Map<string, number>();
    let lastImpure = -1;
    chain.rules.forEach((rule, position) => {
      const ends = endsChain(rule);
      const repeatable = !ends && this.repeatable(rule);
      let dead: DeadRule | undefined;
      if (indexed > 0 || repeats.size > 0) {
        const cond = readConditions(rule.command.rule, this.family);
        dead = cond.judgeable && !matchesNothing(cond) ? this.judge(rule, cond, position, chain, index, repeatable ? repeats : undefined, lastImpure) : undefined;
        if (dead) found.push(dead);
        if (ends && !dead) index.add({ position, rule, cond });
      } else if (ends) index.add({ position, rule, cond: readConditions(rule.command.rule, this.family) });
      if (ends && !dead) indexed++;
      if (repeatable && !dead) this.remember(repeats, rule, position, lastImpure);
      // Only the copies kept in `repeats` care where the last impure rule was.
      if (repeats.size > 0 && !this.pureRule(rule)) lastImpure = position;
    });
    return found;
  }

  /** Keeps the latest copy of a repeatable rule after which nothing impure happened. */
  private remember(repeats: Map<string, number>, rule: FirewallRule, position: number, lastImpure: number): void {
    const key = canonical(rule, this.family);
    const earlier = repeats.get(key);
    if (earlier === undefined || lastImpure > earlier) repeats.set(key, position);
  }

  private judge(rule: FirewallRule, cond: Conditions, position: number, chain: Chain, index: ChainIndex, repeats: Map<string, number> | undefined, lastImpure: number): DeadRule | undefined {
    const ownTarget = () => {
      const text = targetText(rule, this.family);
      return text !== undefined ? { ownTarget: text } : {};
    };
    const cover = index.firstCovering(cond);
    if (cover) {
      const byOutcome = outcomeOf(cover.rule, chain, this.family) as string;
      const duplicate = canonical(cover.rule, this.family) === canonical(rule, this.family);
      return { rule, by: cover.rule, kind: outcomeOf(rule, chain, this.family) === byOutcome ? "redundant" : "shadowed", byOutcome, ...ownTarget(), duplicate };
    }
    const earlier = repeats?.get(canonical(rule, this.family));
    if (earlier === undefined || earlier >= position || lastImpure > earlier) return undefined;
    return { rule, by: chain.rules[earlier] as FirewallRule, kind: "redundant", ...ownTarget(), duplicate: true };
  }

  /** A rule whose second copy can be judged by purity: stateless matches, an idempotent target or a jump to a pure chain. */
  private repeatable(rule: FirewallRule): boolean {
    const spec = rule.command.rule;
    const jump = spec.jump;
    const target = !jump || (jump.kind === "extension" && jump.extension.spec !== undefined && IDEMPOTENT_TARGETS.has(jump.extension.spec.name));
    return (target || (jump?.kind === "chain" && !jump.goto && this.pureChain(jump.name))) && statelessMatches(spec);
  }

  /**
   * The rule changes neither the packet nor any state a later rule could read: it ends the
   * chain (what it does to the packet is then never seen again here), only logs, or jumps to
   * a pure chain; and its matches are stateless.
   */
  private pureRule(rule: FirewallRule): boolean {
    const own = ownPurity(rule);
    return typeof own === "boolean" ? own : this.pureChain(own.chain);
  }

  /**
   * Every rule of the chain, and of the chains it reaches, is pure; a loop is not. Walked with
   * an explicit stack, not recursion: a hostile dump chains 100k user chains one into the next.
   */
  private pureChain(start: string): boolean {
    const frames: { name: string; rules: readonly FirewallRule[]; next: number; impure: boolean }[] = [];
    /** Pushes a frame for `name`, or returns its purity when that is already known. */
    const enter = (name: string): boolean | undefined => {
      const known = this.purity.get(name);
      if (known !== undefined) return known === true;
      const chain = this.table.chains.get(name.replace(/\r$/, ""));
      if (!chain) return false;
      this.purity.set(name, "visiting");
      frames.push({ name, rules: chain.rules, next: 0, impure: false });
      return undefined;
    };
    const first = enter(start);
    if (first !== undefined) return first;
    let result = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      let verdict: boolean | undefined = !frame.impure;
      while (verdict && frame.next < frame.rules.length) {
        const own = ownPurity(frame.rules[frame.next] as FirewallRule);
        const pure = typeof own === "boolean" ? own : enter(own.chain);
        if (pure === undefined) {
          verdict = undefined; // descend; this rule is judged when the callee is done
          break;
        }
        if (!pure) {
          verdict = false;
          break;
        }
        frame.next++;
      }
      if (verdict === undefined) continue;
      this.purity.set(frame.name, verdict);
      frames.pop();
      result = verdict;
      const caller = frames[frames.length - 1];
      if (caller) {
        if (verdict) caller.next++;
        else caller.impure = true; // the caller's rule jumps to an impure chain
      }
    }
    return result;
  }
}

/**
 * What the rule itself says about purity: pure or not, or "as pure as the chain it jumps to"
 * (see pureRule).
 */
function ownPurity(rule: FirewallRule): boolean | { readonly chain: string } {
  const spec = rule.command.rule;
  if (!statelessMatches(spec)) return false;
  const jump = spec.jump;
  if (!jump || jump.kind === "verdict") return true;
  if (jump.kind === "chain") return { chain: jump.name };
  const name = jump.extension.spec?.name;
  if (name === undefined) return false;
  return LOG_TARGETS.has(name) || TERMINAL_EXTENSIONS.has(name) || (rule.table === "nat" && NAT_TARGETS.has(name));
}

function statelessMatches(spec: RuleSpec): boolean {
  return spec.matches.every((m) => m.spec !== undefined && !isStatefulMatch(m.spec.name));
}

function canonical(rule: FirewallRule, family: Family): string {
  return printRule(rule, family).join("\n");
}
