import type { InterfaceSet } from "./interface-set.js";
import type { Piece } from "./walk.js";

/**
 * Pieces that left a table (or returned from a chain) in the same state except for the interface they came in on are
 * one class again: on a Docker host the `-i <bridge> -j RETURN` rules of nat DOCKER split
 * every bridge off, and without merging each would walk the rest of the hooks alone
 * (quadratic in the number of bridges). Only interface-class pieces without a recorded
 * trace are merged; a trace keeps each path.
 */
export function mergePieces(pieces: readonly Piece[]): Piece[] {
  if (pieces.length < 2) return [...pieces];
  const merged = new Map<string, Piece>();
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (!piece.ins || piece.steps) {
      out.push(piece);
      continue;
    }
    const key = pieceKey(piece);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, piece);
      continue;
    }
    merged.set(key, { ...seen, ins: (seen.ins as InterfaceSet).union(piece.ins) });
  }
  return [...out, ...merged.values()];
}

const assumptionIds = new WeakMap<object, number>();
let nextAssumptionId = 1;

const keys = new WeakMap<Piece, string>();

/** The state a piece is in, except its interfaces: equal keys can be merged. Cached per piece. */
export function pieceKey(piece: Piece): string {
  let key = keys.get(piece);
  if (key === undefined) {
    key = computeKey(piece);
    keys.set(piece, key);
  }
  return key;
}

function computeKey(piece: Piece): string {
  const p = piece.packet;
  const c = p.conn;
  let assumptions = 0;
  if (piece.assumptions) {
    assumptions = assumptionIds.get(piece.assumptions) ?? nextAssumptionId++;
    assumptionIds.set(piece.assumptions, assumptions);
  }
  return [p.dst, p.dport, p.sport, p.proto, p.out, p.mark, p.fragment, c.state, c.dnat, c.snat, c.mark, c.replySrc, c.replyDst, c.replySport, assumptions, piece.src.key()].join("|");
}

