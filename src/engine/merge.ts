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
    merged.set(key, withMoreInterfaces(seen, piece.ins));
  }
  return [...out, ...merged.values()];
}

const assumptionIds = new WeakMap<object, number>();
let nextAssumptionId = 1;

const keys = new WeakMap<Piece, string>();

/**
 * A piece that differs from `from` only in its interface classes (and the packet's `in`, one
 * of them), with `from`'s key: the walk splits pieces by interface at every `-i` rule.
 */
export function withInterfaces(from: Piece, ins: InterfaceSet): Piece {
  const first = ins.first();
  return sameKey(from, { ...from, ins, packet: from.packet.in === first ? from.packet : { ...from.packet, in: first } });
}

/** `piece` with the classes of `more` added (and its packet kept, as merging has always done). */
export function withMoreInterfaces(piece: Piece, more: InterfaceSet): Piece {
  return sameKey(piece, { ...piece, ins: (piece.ins as InterfaceSet).union(more) });
}

/** `derived`, which is in `from`'s state but for its interfaces, with `from`'s key if known. */
function sameKey(from: Piece, derived: Piece): Piece {
  const key = keys.get(from);
  if (key !== undefined) keys.set(derived, key);
  return derived;
}

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

