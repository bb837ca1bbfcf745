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
import type { FirewallRule, Ruleset, Table } from "../model/ruleset.js";
import { AddressSet, formatAddress } from "../model/ip/address-set.js";
import type { InterfaceSet } from "./interface-set.js";
import { firstAtOrAfter, ruleCandidates } from "./chain-index.js";
import { mergePieces, pieceKey } from "./merge.js";
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
}

const MAX_DEPTH = 64;

export function addStep(piece: Piece, step: Step, ctx: WalkContext): Piece {
  return ctx.recordSteps ? { ...piece, steps: { head: step, tail: piece.steps } } : piece;
}

function assume(piece: Piece, rule: FirewallRule, matches: readonly string[], assumed: boolean): Piece {
  return { ...piece, assumptions: { head: { rule, matches, assumed }, tail: piece.assumptions } };
}

/** The packet with one concrete source from the piece's set, as the matches need one. */
export function concrete(piece: Piece): Packet {
  const src = piece.src.representative() ?? piece.packet.src;
  const p = piece.packet;
  if (p.src === src) return p;
  const conn = p.conn.direction === "ORIGINAL" && !p.conn.snat ? { ...p.conn, origSrc: src, replyDst: src } : p.conn;
  return { ...p, src, conn };
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

/**
 * `-i NAME` / `! -i NAME` / `-i eth+` against the piece's interface classes: the classes the
 * rule's test accepts go on into the rule, the others to the next rule. "none": no class
 * passes; undefined: all do (nothing to split).
 */
function splitInterfaces(rule: FirewallRule, piece: Piece): { inside: Piece; outside: Piece } | "none" | undefined {
  const option = rule.command.rule.inInterface;
  const pattern = option?.values[0]?.text;
  if (!option || pattern === undefined || !piece.ins) return undefined;
  const { inside, outside } = piece.ins.split(pattern, option.inverted);
  if (inside.isEmpty()) return "none";
  if (outside.isEmpty()) return undefined;
  const withIns = (ins: InterfaceSet): Piece => ({ ...piece, ins, packet: { ...piece.packet, in: ins.first() } });
  return { inside: withIns(inside), outside: withIns(outside) };
}

interface WorkItem {
  readonly index: number;
  piece: Piece;
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
  const fork = (item: WorkItem): void => {
    const key = keyOf(item);
    const waiting = key === undefined ? undefined : pending.get(key);
    if (waiting) {
      waiting.piece = { ...waiting.piece, ins: (waiting.piece.ins as InterfaceSet).union(item.piece.ins as InterfaceSet) };
      return;
    }
    ctx.budget--;
    work.push(item);
    if (key !== undefined) pending.set(key, item);
  };
  while (work.length > 0) {
    const item = work.pop() as WorkItem;
    const key = keyOf(item);
    if (key !== undefined) pending.delete(key);
    let piece = item.piece;
    let ended = false;
    const candidates = ruleCandidates(chain, ctx.ruleset.family, piece.packet.dst, piece.packet.proto, piece.packet.dport, piece.packet.out);
    for (let k = firstAtOrAfter(candidates, item.index); k < candidates.length && !ended; k++) {
      const index = candidates[k] as number;
      const rule = chain.rules[index] as FirewallRule;
      if (piece.ins) {
        const byInterface = splitInterfaces(rule, piece);
        if (byInterface === "none") continue;
        if (byInterface) {
          // The classes the rule tests go back on the stack at this rule (where the split
          // is then a no-op); the rest walks on without a new lookup: on a Docker host one
          // bridge leaves at each `-i <bridge> -j RETURN` of nat DOCKER.
          fork({ index, piece: byInterface.inside });
          piece = byInterface.outside;
          continue;
        }
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
      const at = { hook: place.hook, table: table.name, chain: chainName, line, rule };
      switch (effect.kind) {
        case "continue": {
          const changed = describeChange(piece.packet, effect.packet);
          const detail = [effect.note, changed].filter(Boolean).join(": ");
          piece = addStep({ ...piece, packet: effect.packet }, { ...at, event: changed ? "rewrite" : "match", ...(detail ? { detail } : {}) }, ctx);
          break;
        }
        case "verdict": {
          const next = effect.packet ? { ...piece, packet: effect.packet } : piece;
          const changed = effect.packet ? describeChange(piece.packet, effect.packet) : "";
          const detail = changed ? `${effect.note ?? effect.verdict} ${changed}` : (effect.note ?? effect.verdict);
          results.push({ piece: addStep(next, { ...at, event: changed ? "rewrite" : "verdict", detail }, ctx), end: "verdict", verdict: effect.verdict, decider: { table: table.name, chain: chainName, line, rule }, ...(effect.note ? { note: effect.note } : {}) });
          ended = true;
          break;
        }
        case "return":
          results.push({ piece: addStep(piece, { ...at, event: "return" }, ctx), end: "return" });
          ended = true;
          break;
        case "jump": {
          const entered = addStep(piece, { ...at, event: effect.goto ? "goto" : "jump", detail: effect.chain }, ctx);
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
    if (!ended) results.push(fallOff(ctx, table, chain.name, chain.builtin, chain.policy, chain.line, piece, place));
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
