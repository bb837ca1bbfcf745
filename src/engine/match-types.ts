/**
 * The interface between the engine and the per-extension match evaluators (src/engine/matches/).
 * An evaluator reads the options of one `-m NAME` (as the AST holds them) and says whether a
 * packet matches, at one place, on one host: true, false, or "unknown" when it cannot be
 * decided from the dump (the engine then follows both outcomes and names the match).
 */
import type { ExtensionNode } from "../ast/nodes.js";
import type { HostFacts } from "./host.js";
import type { Packet, Place } from "./packet.js";
import type { Tri } from "./tri.js";

export interface MatchContext {
  readonly packet: Packet;
  readonly place: Place;
  readonly host: HostFacts;
}

export type MatchEvaluator = (extension: ExtensionNode, ctx: MatchContext) => Tri;
