/**
 * Walking one table's chains the way ipt_do_table does: rules in order, jumps push a
 * return point, goto does not, RETURN (or the end of a user chain) pops, and the end of a
 * built-in chain applies its policy.
 *
 * The packet is concrete except its source, which is a set of addresses (a packet class):
 * at each rule with `-s`, the set splits into the part the rule matches and the rest, which
 * goes on to the next rule. A match the engine cannot decide forks the walk too, once
 * assuming it matches and once not, and each branch remembers the assumption. So one walk
 * answers "which sources get which verdict, and on what does it depend".
 */
import type { RuleSpec } from "../ast/nodes.js";
import type { Hook, TableName } from "../model/netfilter.js";
import type { Chain, FirewallRule, Ruleset, Table } from "../model/ruleset.js";
import { AddressSet, formatAddress } from "../model/ip/address-set.js";
import type { InterfaceSet } from "./interface-set.js";
import { ANY_INPUT, firstAtOrAfter, ruleCandidates } from "./chain-index.js";
import { IFNAMSIZ } from "../model/values/iface.js";
import { treatsAlike, type BatchRecord, type ClassBatch } from "./class-batch.js";
import { mergePieces, pieceKey, withInterfaces, withMoreInterfaces } from "./merge.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { HostFacts } from "./host.js";
import type { Packet, Place } from "./packet.js";
import { matchRule } from "./rule-match.js";
import { targetEffect, type TerminalVerdict } from "./targets.js";

/** Where a decision was taken: a rule, or a chain's policy (rule undefined). */
export interface Decider {
  readonly table: TableName;
  readonly chain: string;
  readonly line?: number;
  readonly rule?: FirewallRule;
}

export type StepEvent = "match" | "jump" | "goto" | "return" | "verdict" | "policy" | "rewrite" | "assume-match" | "assume-no-match";

/** One thing that happened to the packet, for `iptlint trace`. */
export interface Step {
  readonly hook: Hook;
  readonly table: TableName;
  readonly chain: string;
  readonly line?: number;
  readonly rule?: FirewallRule;
  readonly event: StepEvent;
  readonly detail?: string;
}

/** A match the engine could not decide, and which way this branch took it. */
export interface Assumption {
  readonly rule: FirewallRule;
  readonly matches: readonly string[];
  readonly assumed: boolean;
}

/** Persistent list: forks share their past. */
export interface Chained<T> {
  readonly head: T;
  readonly tail?: Chained<T>;
}

export function listOf<T>(chain: Chained<T> | undefined): T[] {
  const out: T[] = [];
  for (let c = chain; c; c = c.tail) out.push(c.head);
  return out.reverse();
}

/** A packet class on its way: the concrete packet, its possible sources, and its history. */
export interface Piece {
  readonly packet: Packet;
  readonly src: AddressSet;
  /**
   * The input interfaces the class may have come in on (interface-class names, see
   * interface-classes.ts); the packet's `in` is one of them. Undefined: just `packet.in`.
   */
  readonly ins?: InterfaceSet;
  readonly steps?: Chained<Step>;
  readonly assumptions?: Chained<Assumption>;
}

export type ChainEnd =
  | { readonly piece: Piece; readonly end: "return" }
  | { readonly piece: Piece; readonly end: "verdict"; readonly verdict: TerminalVerdict; readonly decider: Decider; readonly note?: string };

export interface WalkContext {
  readonly ruleset: Ruleset;
  readonly host: HostFacts;
  /** Pieces left before the walk stops splitting and says UNKNOWN (a guard against blow-up). */
  budget: number;
  readonly recordSteps: boolean;
  /** Skip the nat table (EngineOptions.withoutNat), or only its source-NAT hooks. */
  readonly withoutNat?: boolean;
  readonly withoutSourceNat?: boolean;
  /** While a batch's representative walks (class-batch.ts): where it goes. */
  batchRecord?: BatchRecord;
}

const MAX_DEPTH = 64;

/** Up to this many interface classes, a piece's candidate rules are looked up class by class. */
const FEW_CLASSES = 64;

export function addStep(piece: Piece, step: Step, ctx: WalkContext): Piece {
  return ctx.recordSteps ? { ...piece, steps: { head: step, tail: piece.steps } } : piece;
}

function assume(piece: Piece, rule: FirewallRule, matches: readonly string[], assumed: boolean): Piece {
  return { ...piece, assumptions: { head: { rule, matches, assumed }, tail: piece.assumptions } };
}

/** The concrete packet last made from a packet, and the source set it was made for. */
const concretePackets = new WeakMap<Packet, { readonly from: AddressSet; readonly made: Packet }>();

/** The packet with one concrete source from the piece's set, as the matches need one. */
export function concrete(piece: Piece): Packet {
  const p = piece.packet;
  // A piece meets many rules as it is, and the pieces split off by interface share its
  // packet and sources: make the packet once for them.
  const cached = concretePackets.get(p);
  if (cached?.from === piece.src) return cached.made;
  const src = piece.src.representative() ?? p.src;
  if (p.src === src) return p;
  const conn = p.conn.direction === "ORIGINAL" && !p.conn.snat ? { ...p.conn, origSrc: src, replyDst: src } : p.conn;
  const made = { ...p, src, conn };
  concretePackets.set(p, { from: piece.src, made });
  return made;
}

interface SourceSplit {
  readonly set: AddressSet;
  /** The rule without its -s, for the other matches. */
  readonly rest: RuleSpec;
}

const splitCache = new WeakMap<FirewallRule, SourceSplit | null>();

/**
 * `-s A[,B…]` (with `!`) as a set, when every item is an address with a prefix mask; a host
 * name or a non-contiguous mask leaves the check to the matcher (null).
 */
function sourceSplit(rule: FirewallRule, ruleset: Ruleset): SourceSplit | null {
  let cached = splitCache.get(rule);
  if (cached !== undefined) return cached;
  cached = null;
  const option = rule.command.rule.source;
  const text = option?.values[0]?.text;
  const set = text === undefined ? undefined : parseCidrSet(text, ruleset.family);
  if (option && set) cached = { set: option.inverted ? set.complement() : set, rest: { ...rule.command.rule, source: undefined } as RuleSpec };
  splitCache.set(rule, cached);
  return cached;
}


interface WorkItem {
  readonly index: number;
  piece: Piece;
  /** Classes that returned at `-i <class> -j RETURN` rules: the item only says so (see walkChain). */
  readonly returned?: true;
  /** Classes to walk as one (class-batch.ts). */
  readonly batch?: ClassBatch;
  /** The end of a batch representative's walk: prove the batch, or walk the others. */
  readonly batchEnd?: BatchEnd;
}

interface BatchEnd {
  readonly batch: ClassBatch;
  readonly resultsStart: number;
  readonly budgetStart: number;
  readonly record: BatchRecord;
}

const classRules = new WeakMap<FirewallRule, RuleSpec | null>();

/**
 * The rest of a rule whose `-i NAME` (valid, exact, not inverted) is its only tests that can
 * depend on the input interface (no addrtype --limit-iface-in, no REDIRECT), without it: for
 * the class NAME the `-i` test holds, so the rest decides. Null for any other rule.
 */
function classRule(rule: FirewallRule): RuleSpec | null {
  let rest = classRules.get(rule);
  if (rest === undefined) {
    const spec = rule.command.rule;
    const name = spec.inInterface && !spec.inInterface.inverted ? spec.inInterface.values[0]?.text : undefined;
    const valid = name !== undefined && name !== "" && !name.endsWith("+") && Buffer.byteLength(name, "utf8") < IFNAMSIZ;
    const other = spec.matches.some((m) => m.name === "addrtype" && m.options.some((o) => o.name === "limit-iface-in")) || (spec.jump?.kind === "extension" && spec.jump.name === "REDIRECT");
    rest = valid && !other ? ({ ...spec, inInterface: undefined } as RuleSpec) : null;
    classRules.set(rule, rest);
  }
  return rest;
}

/** The piece of class `one` split off `state` (which holds it). */
function member(state: Piece, one: InterfaceSet): Piece {
  return withInterfaces(state, one);
}

/**
 * How a rule that split the class `name` off a piece in `state` sends it on, when that can be
 * a batch's way (class-batch.ts): not at all ("pass"), RETURN, a plain ACCEPT (whose rule no
 * caller reads: an accepted piece goes on to the next table), or a jump. Undefined: not
 * batched (a source split, an undecidable match, another verdict, a change to the packet).
 * Read without making the class's piece: only the class's `-i` test reads the interface.
 */
function batchWay(ctx: WalkContext, table: Table, rule: FirewallRule, state: Piece, name: string, place: Place): string | undefined {
  const rest = classRule(rule);
  if (!rest || sourceSplit(rule, ctx.ruleset)) return undefined;
  if (idleJump(ctx, table, rule, state.packet, name)) return "pass";
  const matched = matchRule(rest, { packet: concrete(state), place, host: ctx.host });
  if (matched.result === "unknown") return undefined;
  if (matched.result === false) return "pass";
  const effect = targetEffect(rule.command.rule.jump, state.packet, place, ctx.host);
  if (effect.kind === "return") return "return";
  if (effect.kind === "verdict" && effect.verdict === "ACCEPT" && !effect.packet && !effect.note) return "accept";
  if (effect.kind === "jump") return `${effect.goto ? "goto" : "jump"}:${effect.chain}`;
  return undefined;
}

/**
 * Whether the representative's walk stands for every class of the batch (class-batch.ts):
 * it met no undecidable match, its ends are its own class's, every rule the members can meet
 * from their rules on (the representative's way, and the batch's chain from its first rule)
 * treats them alike, and the rules between the batch's rules, which only the other members
 * meet, do nothing to them.
 */
function batchHolds(ctx: WalkContext, chain: Chain, place: Place, end: BatchEnd, results: readonly ChainEnd[]): boolean {
  const { batch, record } = end;
  const last = batch.classes.length - 1;
  const rep = member(batch.state, batch.classes[last] as InterfaceSet);
  if (record.unknowns > 0) return false;
  for (let i = end.resultsStart; i < results.length; i++) if ((results[i] as ChainEnd).piece.ins?.mask !== rep.ins?.mask) return false;
  const classes = new Set(batch.classes.map((c) => c.single() as string));
  const except = new Set(batch.rules);
  const family = ctx.ruleset.family;
  if (!treatsAlike(chain, family, batch.indexes[0] as number, rep.packet, classes, except)) return false;
  for (const [c, start, packet] of record.visits) if (!treatsAlike(c, family, start, packet, classes, except)) return false;
  const p = rep.packet;
  const between = ruleCandidates(chain, ctx.ruleset.family, p.dst, p.proto, p.dport, p.out, "");
  const packet = concrete(rep);
  for (let k = firstAtOrAfter(between, (batch.indexes[0] as number) + 1); k < between.length && (between[k] as number) < (batch.indexes[last] as number); k++) {
    const rule = chain.rules[between[k] as number] as FirewallRule;
    if (except.has(rule)) continue;
    if (sourceSplit(rule, ctx.ruleset) || matchRule(rule.command.rule, { packet, place, host: ctx.host }).result !== false) return false;
  }
  return true;
}

const classReturns = new WeakMap<FirewallRule, boolean>();

/**
 * `-i NAME -j RETURN` and nothing else (NAME a valid exact name, see chain-index.ts): the
 * class split off there returns at once, whatever else the packet is.
 */
function isClassReturn(rule: FirewallRule): boolean {
  let yes = classReturns.get(rule);
  if (yes === undefined) {
    const spec = rule.command.rule;
    const inName = spec.inInterface && !spec.inInterface.inverted ? spec.inInterface.values[0]?.text : undefined;
    yes =
      inName !== undefined &&
      inName !== "" &&
      !inName.endsWith("+") &&
      Buffer.byteLength(inName, "utf8") < IFNAMSIZ &&
      !spec.protocol &&
      !spec.source &&
      !spec.destination &&
      !spec.outInterface &&
      !spec.fragment &&
      spec.matches.length === 0 &&
      spec.jump?.kind === "verdict" &&
      spec.jump.name === "RETURN";
    classReturns.set(rule, yes);
  }
  return yes;
}

/**
 * `-j CHAIN` to a user chain none of whose rules can match the packet (chain-index.ts is a
 * superset of the rules that can): the chain ends at once, and a user chain's end returns,
 * so the rule does nothing, whatever the source. Skipped before the source split, or a run of
 * `-s ADDR -j CHAIN-FOR-ADDR` rules cuts the source set at every rule for packets those chains
 * never touch: exposure over N such rules and N host services took cubic time (a hostile
 * dump of 100k chains). Not for traces, which show every jump; not for -g, whose chain's end
 * returns from the caller.
 */
function idleJump(ctx: WalkContext, table: Table, rule: FirewallRule, packet: Packet, input: Parameters<typeof ruleCandidates>[6]): boolean {
  const jump = rule.command.rule.jump;
  if (jump?.kind !== "chain" || jump.goto) return false;
  const target = table.chains.get(jump.name);
  if (!target || target.builtin) return false;
  return ruleCandidates(target, ctx.ruleset.family, packet.dst, packet.proto, packet.dport, packet.out, input).length === 0;
}

/** Runs a chain of `table` on a piece; every piece that comes out says how the chain ended for it. */
export function walkChain(ctx: WalkContext, table: Table, chainName: string, start: Piece, place: Place, depth = 0): ChainEnd[] {
  const chain = table.chains.get(chainName);
  if (!chain || depth > MAX_DEPTH) {
    return [{ piece: start, end: "verdict", verdict: "UNKNOWN", decider: { table: table.name, chain: chainName }, note: chain ? "jumps nest too deep (a loop?)" : `chain ${chainName} does not exist` }];
  }
  const results: ChainEnd[] = [];
  const work: WorkItem[] = [{ index: 0, piece: start }];
  // Work items waiting at the same rule in the same state (interface classes only) are one:
  // DOCKER-ISOLATION-STAGE-1 splits each bridge off and gets it back at the next rule.
  const pending = new Map<string, WorkItem>();
  const keyOf = (item: WorkItem): string | undefined => (item.piece.ins && !item.piece.steps ? `${item.index}#${pieceKey(item.piece)}` : undefined);
  // nat DOCKER's `-i <bridge> -j RETURN` rules split one class off each: each class would go
  // on the stack, and when popped return at once. A run of them goes on the stack as one item
  // instead, where the run's items would be (nothing is pushed between them, and nothing can
  // join them: later forks are at later rules), and returns the classes as one piece in the
  // state they share, with the piece the first of them popped would have been. Every caller
  // merges returning pieces of one state anyway (mergePieces), or gives each its chain's
  // policy: each class's fate is the same. Pieces of one class never split. The run as it
  // grows: the state its classes were split off in, all of them, and the last.
  let returningRun: { index: number; state: Piece; all: InterfaceSet; last: InterfaceSet } | undefined;
  const flushReturning = (): void => {
    if (returningRun) {
      const { index, state, all, last } = returningRun;
      work.push({ index, piece: withMoreInterfaces(member(state, last), all), returned: true });
    }
    returningRun = undefined;
  };
  // A class split off, on the stack as a fork puts it (its fork was counted when it split).
  const pushMember = (index: number, one: Piece): void => {
    const item = { index, piece: one };
    work.push(item);
    const key = keyOf(item);
    if (key !== undefined) pending.set(key, item);
  };
  // Classes split off at consecutive rules that send each the same way (class-batch.ts).
  let batch: ClassBatch | undefined;
  const flushBatch = (): void => {
    if (!batch) return;
    const last = batch.classes.length - 1;
    if (last === 0) pushMember(batch.indexes[0] as number, member(batch.state, batch.classes[0] as InterfaceSet));
    else work.push({ index: -1, piece: batch.state, batch });
    batch = undefined;
  };
  const walkBatch = (b: ClassBatch): void => {
    const last = b.classes.length - 1;
    // A class may meet a piece waiting at a later rule (and join it) only when there is one.
    const waiting = [...pending.values()].some((w) => w.index > (b.indexes[0] as number));
    if (ctx.batchRecord || waiting) {
      for (let j = 0; j <= last; j++) pushMember(b.indexes[j] as number, member(b.state, b.classes[j] as InterfaceSet));
      return;
    }
    const record: BatchRecord = { visits: [], unknowns: 0 };
    work.push({ index: -1, piece: b.state, batchEnd: { batch: b, resultsStart: results.length, budgetStart: ctx.budget, record } });
    ctx.batchRecord = record;
    pushMember(b.indexes[last] as number, member(b.state, b.classes[last] as InterfaceSet));
  };
  const endBatch = (end: BatchEnd): void => {
    ctx.batchRecord = undefined;
    const b = end.batch;
    const last = b.classes.length - 1;
    if (!batchHolds(ctx, chain, place, end, results)) {
      for (let j = 0; j < last; j++) pushMember(b.indexes[j] as number, member(b.state, b.classes[j] as InterfaceSet));
      return;
    }
    let others = b.classes[0] as InterfaceSet;
    for (let j = 1; j < last; j++) others = others.union(b.classes[j] as InterfaceSet);
    for (let i = end.resultsStart; i < results.length; i++) {
      const r = results[i] as ChainEnd;
      results[i] = { ...r, piece: withMoreInterfaces(r.piece, others) };
    }
    // Each class's walk would have forked as often as the representative's.
    ctx.budget = end.budgetStart - (last + 1) * (end.budgetStart - ctx.budget);
  };
  const fork = (item: WorkItem): void => {
    flushReturning();
    flushBatch();
    const key = keyOf(item);
    const waiting = key === undefined ? undefined : pending.get(key);
    if (waiting) {
      waiting.piece = withMoreInterfaces(waiting.piece, item.piece.ins as InterfaceSet);
      return;
    }
    ctx.budget--;
    work.push(item);
    if (key !== undefined) pending.set(key, item);
  };
  while (work.length > 0) {
    const item = work.pop() as WorkItem;
    if (item.returned) {
      results.push({ piece: item.piece, end: "return" });
      continue;
    }
    if (item.batch) {
      walkBatch(item.batch);
      continue;
    }
    if (item.batchEnd) {
      endBatch(item.batchEnd);
      continue;
    }
    ctx.batchRecord?.visits.push([chain, item.index, item.piece.packet]);
    const key = keyOf(item);
    if (key !== undefined) pending.delete(key);
    let piece = item.piece;
    // The piece's classes when a split left fewer than piece.ins (see below).
    let classes: InterfaceSet | undefined;
    let ended = false;
    // A piece looks only at the `-i` rules of its interface classes (when they are few); a
    // packet without an input interface (generated locally) at none.
    const input = piece.ins ? (piece.ins.single() ?? piece.ins.namesUpTo(FEW_CLASSES) ?? ANY_INPUT) : (piece.packet.in ?? "");
    const candidates = ruleCandidates(chain, ctx.ruleset.family, piece.packet.dst, piece.packet.proto, piece.packet.dport, piece.packet.out, input);
    for (let k = firstAtOrAfter(candidates, item.index); k < candidates.length && !ended; k++) {
      const index = candidates[k] as number;
      const rule = chain.rules[index] as FirewallRule;
      if (piece.ins) {
        // `-i NAME` / `! -i NAME` / `-i eth+` against the piece's interface classes: the
        // classes the rule's test accepts go into the rule, the others to the next rule (none
        // passes: the rule is passed by; all do: nothing to split). The classes the rule tests
        // go back on the stack at this rule (where the split is then a no-op); the rest walks
        // on without a new lookup: on a Docker host one bridge leaves at each `-i <bridge>
        // -j RETURN` of nat DOCKER. A class split off into a run of RETURNs or a batch is only
        // noted (its piece is made when it is needed), and so are the classes left (`classes`,
        // which stand for the piece's own until the piece is needed again).
        const option = rule.command.rule.inInterface;
        const pattern = option?.values[0]?.text;
        if (option && pattern !== undefined) {
          const { inside, outside } = (classes ?? piece.ins).split(pattern, option.inverted);
          if (inside.isEmpty()) continue;
          if (!outside.isEmpty()) {
            const name = inside.single();
            const free = name !== undefined && !ctx.recordSteps && !ctx.batchRecord && !pending.has(`${index}#${pieceKey(piece)}`);
            if (free && isClassReturn(rule)) {
              flushBatch();
              ctx.budget--;
              returningRun = { index, state: piece, all: returningRun ? returningRun.all.union(inside) : inside, last: inside };
              classes = outside;
              continue;
            }
            const way = free ? batchWay(ctx, table, rule, piece, name, place) : undefined;
            if (way !== undefined) {
              flushReturning();
              if (batch && batch.way !== way) flushBatch();
              ctx.budget--;
              batch ??= { state: piece, classes: [], rules: [], indexes: [], way };
              batch.classes.push(inside);
              batch.rules.push(rule);
              batch.indexes.push(index);
              classes = outside;
              continue;
            }
            if (classes) piece = withInterfaces(piece, classes);
            classes = undefined;
            fork({ index, piece: withInterfaces(piece, inside) });
            piece = withInterfaces(piece, outside);
            continue;
          }
        }
        if (classes) piece = withInterfaces(piece, classes);
        classes = undefined;
      }
      if (!ctx.recordSteps && idleJump(ctx, table, rule, piece.packet, input)) {
        // A batch's representative passes the chain by; the other classes would look in it too.
        if (ctx.batchRecord) ctx.batchRecord.visits.push([table.chains.get(rule.command.rule.jump?.name as string) as Chain, 0, piece.packet]);
        continue;
      }
      const split = sourceSplit(rule, ctx.ruleset);
      if (split) {
        const inside = piece.src.intersect(split.set);
        if (inside.isEmpty()) continue;
        const outside = piece.src.subtract(split.set);
        if (!outside.isEmpty()) fork({ index: index + 1, piece: { ...piece, src: outside } });
        piece = { ...piece, src: inside };
      }
      const packet = concrete(piece);
      const matched = matchRule(split ? split.rest : rule.command.rule, { packet, place, host: ctx.host });
      if (matched.result === false) continue;
      const line = rule.command.line;
      if (matched.result === "unknown") {
        if (ctx.batchRecord) ctx.batchRecord.unknowns++;
        if (ctx.budget <= 0) {
          results.push({ piece, end: "verdict", verdict: "UNKNOWN", decider: { table: table.name, chain: chainName, line, rule }, note: "too many undecidable matches on the way; analysis stopped here" });
          ended = true;
          continue;
        }
        const step = (event: StepEvent): Step => ({ hook: place.hook, table: table.name, chain: chainName, line, rule, event, detail: matched.unknown.join(", ") });
        fork({ index: index + 1, piece: addStep(assume(piece, rule, matched.unknown, false), step("assume-no-match"), ctx) });
        piece = addStep(assume(piece, rule, matched.unknown, true), step("assume-match"), ctx);
      }
      const effect = targetEffect(rule.command.rule.jump, piece.packet, place, ctx.host);
      // The steps, and the words in them, only when a trace records them: exposure walks
      // thousands of packet classes and keeps none.
      const at = ctx.recordSteps ? { hook: place.hook, table: table.name, chain: chainName, line, rule } : undefined;
      switch (effect.kind) {
        case "continue": {
          const next = { ...piece, packet: effect.packet };
          if (at) {
            const changed = describeChange(piece.packet, effect.packet);
            const detail = [effect.note, changed].filter(Boolean).join(": ");
            piece = addStep(next, { ...at, event: changed ? "rewrite" : "match", ...(detail ? { detail } : {}) }, ctx);
          } else piece = next;
          break;
        }
        case "verdict": {
          let next = effect.packet ? { ...piece, packet: effect.packet } : piece;
          if (at) {
            const changed = effect.packet ? describeChange(piece.packet, effect.packet) : "";
            const detail = changed ? `${effect.note ?? effect.verdict} ${changed}` : (effect.note ?? effect.verdict);
            next = addStep(next, { ...at, event: changed ? "rewrite" : "verdict", detail }, ctx);
          }
          results.push({ piece: next, end: "verdict", verdict: effect.verdict, decider: { table: table.name, chain: chainName, line, rule }, ...(effect.note ? { note: effect.note } : {}) });
          ended = true;
          break;
        }
        case "return":
          results.push({ piece: at ? addStep(piece, { ...at, event: "return" }, ctx) : piece, end: "return" });
          ended = true;
          break;
        case "jump": {
          const entered = at ? addStep(piece, { ...at, event: effect.goto ? "goto" : "jump", detail: effect.chain }, ctx) : piece;
          const sub = walkChain(ctx, table, effect.chain, entered, place, depth + 1);
          const returned: Piece[] = [];
          for (const r of sub) {
            if (r.end === "return" && !effect.goto) returned.push(r.piece);
            else results.push(r);
          }
          for (const back of mergePieces(returned)) fork({ index: index + 1, piece: back });
          ended = true;
          break;
        }
      }
    }
    if (classes) piece = withInterfaces(piece, classes);
    if (!ended) results.push(fallOff(ctx, table, chain.name, chain.builtin, chain.policy, chain.line, piece, place));
    flushReturning();
    flushBatch();
  }
  return results;
}

function fallOff(ctx: WalkContext, table: Table, chain: string, builtin: boolean, policy: string | undefined, line: number | undefined, piece: Piece, place: Place): ChainEnd {
  if (!builtin) return { piece, end: "return" };
  const verdict = (policy ?? "ACCEPT") as TerminalVerdict;
  return policyEnd(ctx, table, chain, verdict, line, piece, place);
}

export function policyEnd(ctx: WalkContext, table: Table, chain: string, verdict: TerminalVerdict, line: number | undefined, piece: Piece, place: Place): ChainEnd {
  const decided = addStep(piece, { hook: place.hook, table: table.name, chain, ...(line !== undefined ? { line } : {}), event: "policy", detail: verdict }, ctx);
  return { piece: decided, end: "verdict", verdict, decider: { table: table.name, chain, ...(line !== undefined ? { line } : {}) } };
}

function endpoint(address: bigint, port: number | undefined, family: Packet["family"]): string {
  const a = formatAddress(address, family);
  const shown = family === "ipv6" && port !== undefined ? `[${a}]` : a;
  return port === undefined ? shown : `${shown}:${port}`;
}

/** What a target changed, in words: `destination 203.0.113.10:8080 → 172.17.0.2:80`, `mark 0x0 → 0x4000`. */
function describeChange(before: Packet, after: Packet): string {
  const parts: string[] = [];
  if (before.dst !== after.dst || before.dport !== after.dport) parts.push(`destination ${endpoint(before.dst, before.dport, before.family)} → ${endpoint(after.dst, after.dport, after.family)}`);
  if (before.mark !== after.mark) parts.push(`mark 0x${before.mark.toString(16)} → 0x${after.mark.toString(16)}`);
  if (before.conn.mark !== after.conn.mark) parts.push(`connmark 0x${before.conn.mark.toString(16)} → 0x${after.conn.mark.toString(16)}`);
  if (before.conn.state !== after.conn.state) parts.push(`conntrack ${before.conn.state} → ${after.conn.state}`);
  if (!before.conn.snat && after.conn.snat) parts.push(after.conn.replyDst !== before.conn.replyDst ? `source → ${formatAddress(after.conn.replyDst, after.family)}` : "source rewritten");
  return parts.join(", ");
}
