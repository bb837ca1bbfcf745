/**
 * Classes split off one after the other, walked as one (walk.ts). A piece of many input
 * interface classes meets a rule per class on a Docker host (DOCKER-ISOLATION-STAGE-1's
 * `-i <br> ! -o <br> -j DOCKER-ISOLATION-STAGE-2`, FORWARD's `-i <br> ! -o <br> -j ACCEPT`):
 * each splits one class off, which then walks on alone, hundreds of walks per packet that
 * differ only in the class. When the rule sends its class the same way for all (the same
 * target, or no match), the walk takes the last class split off (the first the stack pops) as
 * the batch's representative, records where its walk goes, and afterwards proves that every
 * rule on that way treats all the batch's classes alike: then each class would have walked
 * the same way and ended the same, and the representative's ends stand for all (its pieces
 * take all the classes). If the proof fails, the other classes are walked one by one, as
 * they always were.
 *
 * The rules whose effect can depend on the class: an `-i` test, `-m addrtype
 * --limit-iface-in`, and REDIRECT (to the incoming interface's address).
 */
import type { Chain, FirewallRule } from "../model/ruleset.js";
import type { Family } from "../model/netfilter.js";
import { interfaceMatches } from "../model/chain-graph.js";
import { firstAtOrAfter, inputRules, ruleCandidates } from "./chain-index.js";
import type { Packet } from "./packet.js";
import type { InterfaceSet } from "./interface-set.js";
import type { Piece } from "./walk.js";

/** Classes split off at consecutive rules of one chain, all sent the same way by their rule. */
export interface ClassBatch {
  /** The state the classes were split off in (its own classes aside). */
  readonly state: Piece;
  /** The classes split off (one each), in the order of their rules. */
  readonly classes: InterfaceSet[];
  readonly rules: FirewallRule[];
  readonly indexes: number[];
  /** How each member's rule treats it: "pass" (no match), "return", "accept", "jump:CHAIN". */
  readonly way: string;
}

/** What the representative's walk did, recorded while it ran. */
export interface BatchRecord {
  /** Chains, the rule each walk in them started at, and the packet it walked. */
  readonly visits: [Chain, number, Packet][];
  /** Matches the engine could not decide (each reads the fork budget: not batched). */
  unknowns: number;
}

interface Sensitive {
  /** The `-i` text, when the rule has one. */
  readonly input?: string;
  /** An interface-dependent match or target that is not a plain `-i` test. */
  readonly other: boolean;
}

const byChain = new WeakMap<Chain, ReadonlyMap<number, Sensitive>>();

function sensitiveRules(chain: Chain): ReadonlyMap<number, Sensitive> {
  let map = byChain.get(chain);
  if (!map) {
    const found = new Map<number, Sensitive>();
    chain.rules.forEach((rule, index) => {
      const spec = rule.command.rule;
      const other = spec.matches.some((m) => m.name === "addrtype" && m.options.some((o) => o.name === "limit-iface-in")) || (spec.jump?.kind === "extension" && spec.jump.name === "REDIRECT");
      if (spec.inInterface || other) found.set(index, { ...(spec.inInterface ? { input: spec.inInterface.values[0]?.text ?? "" } : {}), other });
    });
    map = found;
    byChain.set(chain, map);
  }
  return map;
}

/**
 * Whether every rule of `chain` from `start` on that a packet like `packet` on one of the
 * `classes` can meet (chain-index.ts), `except` the batch's own rules, treats all of them
 * alike: no interface-dependent match or target, each `-i` test true for all or for none, and
 * no rule that only one of them meets (its own `-i <class>` rules).
 */
export function treatsAlike(chain: Chain, family: Family, start: number, packet: Packet, classes: ReadonlySet<string>, except: ReadonlySet<FirewallRule>): boolean {
  for (const name of classes) {
    const own = inputRules(chain, family, name);
    for (let k = firstAtOrAfter(own, start); k < own.length; k++) if (!except.has(chain.rules[own[k] as number] as FirewallRule)) return false;
  }
  const sensitive = sensitiveRules(chain);
  if (sensitive.size === 0) return true;
  const common = ruleCandidates(chain, family, packet.dst, packet.proto, packet.dport, packet.out, "");
  for (let k = firstAtOrAfter(common, start); k < common.length; k++) {
    const index = common[k] as number;
    const s = sensitive.get(index);
    if (!s || except.has(chain.rules[index] as FirewallRule)) continue;
    if (s.other || s.input === undefined) return false;
    const pattern = s.input;
    if (!pattern.endsWith("+")) {
      // An exact name: the same answer for all unless it names one of them.
      if (classes.has(pattern)) return false;
      continue;
    }
    let first: boolean | undefined;
    for (const name of classes) {
      const matches = interfaceMatches(pattern, name);
      if (first === undefined) first = matches;
      else if (matches !== first) return false;
    }
  }
  return true;
}
