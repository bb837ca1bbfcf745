/**
 * A packet's way through the netfilter hooks, in the kernel's priority order
 * (include/uapi/linux/netfilter_ipv4.h NF_IP_PRI_*: raw −300, conntrack −200, mangle −150,
 * DNAT −100, filter 0, security 50, SNAT 100):
 *   arriving:  PREROUTING raw → mangle → nat → routing decision →
 *              INPUT mangle → filter → security → nat        (delivered to the host), or
 *              FORWARD mangle → filter → security → POSTROUTING mangle → nat (forwarded).
 * The nat table sees only the first packet of a connection (ctstate NEW), never an
 * untracked one (raw NOTRACK / CT --notrack).
 */
import type { Hook, TableName } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";
import { AddressSet } from "../model/ip/address-set.js";
import { isLoopbackAddress } from "../model/ip/addresses.js";
import type { HostFacts } from "./host.js";
import type { Connection, ConntrackState, Packet } from "./packet.js";
import type { TerminalVerdict } from "./targets.js";
import type { InterfaceSet } from "./interface-set.js";
import { mergePieces } from "./merge.js";
import { policyEnd, walkChain, type ChainEnd, type Decider, type Piece, type WalkContext } from "./walk.js";

const TABLE_ORDER: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ["raw", "mangle", "nat"],
  INPUT: ["mangle", "filter", "security", "nat"],
  FORWARD: ["mangle", "filter", "security"],
  OUTPUT: ["raw", "mangle", "nat", "filter", "security"],
  POSTROUTING: ["mangle", "nat"],
};

export type Fate = "delivered" | "forwarded" | "dropped" | "rejected" | "queued" | "unknown";

/** How a packet class ends: where it went, who decided, and what the packet looked like then. */
export interface Outcome {
  readonly piece: Piece;
  readonly fate: Fate;
  /** The rule or policy that dropped, rejected or queued it; the last accept otherwise. */
  readonly decider?: Decider;
  /** Output interface of a forwarded packet. */
  readonly out?: string;
  readonly note?: string;
}

export interface PacketSpec {
  readonly src: AddressSet;
  readonly dst: bigint;
  readonly proto: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly icmpType?: number;
  readonly in: string;
  /** Several interface classes at once (exposure): `in` must be the first of them. */
  readonly ins?: InterfaceSet;
  readonly state?: ConntrackState;
  readonly mark?: number;
}

export interface EngineOptions {
  readonly recordSteps?: boolean;
  /**
   * Leave out the nat table: what the host's own firewall would do with a packet that no
   * DNAT redirects ("would INPUT let this source reach port 8080 on the host?").
   */
  readonly withoutNat?: boolean;
  /**
   * Leave out source NAT (nat POSTROUTING and nat INPUT): it runs after every filter
   * decision and cannot drop, so reachability does not depend on it; trace keeps it.
   */
  readonly withoutSourceNat?: boolean;
}

/** Forks allowed before the engine stops splitting and says UNKNOWN. */
const FORK_BUDGET = 4096;

function walkContext(ruleset: Ruleset, host: HostFacts, options: EngineOptions): WalkContext {
  return { ruleset, host, budget: FORK_BUDGET, recordSteps: options.recordSteps ?? false, withoutNat: options.withoutNat ?? false, withoutSourceNat: options.withoutSourceNat ?? false };
}

function initialPiece(spec: PacketSpec, family: Packet["family"]): Piece {
  const src = spec.src.representative() ?? 0n;
  const state = spec.state ?? "NEW";
  const conn: Connection = {
    state,
    direction: "ORIGINAL",
    origSrc: src,
    origDst: spec.dst,
    ...(spec.sport !== undefined ? { origSport: spec.sport, replyDport: spec.sport } : {}),
    ...(spec.dport !== undefined ? { origDport: spec.dport, replySport: spec.dport } : {}),
    replySrc: spec.dst,
    replyDst: src,
    dnat: false,
    snat: false,
    mark: 0,
  };
  const packet: Packet = {
    family,
    src,
    dst: spec.dst,
    proto: spec.proto,
    ...(spec.sport !== undefined ? { sport: spec.sport } : {}),
    ...(spec.dport !== undefined ? { dport: spec.dport } : {}),
    ...(spec.icmpType !== undefined ? { icmpType: spec.icmpType } : {}),
    ...(spec.proto === 6 ? { tcpFlags: state === "NEW" ? 2 : 16 } : {}),
    fragment: false,
    in: spec.in,
    mark: spec.mark ?? 0,
    conn,
  };
  return { packet, src: spec.src, ...(spec.ins ? { ins: spec.ins } : {}) };
}

/** Every outcome of a packet class arriving on `spec.in`. */
export function evaluateArriving(ruleset: Ruleset, host: HostFacts, spec: PacketSpec, options: EngineOptions = {}): Outcome[] {
  const ctx = walkContext(ruleset, host, options);
  const outcomes: Outcome[] = [];
  const first = initialPiece(spec, ruleset.family);
  // ip6_rcv_core drops ::1 (either way) arriving on any device but lo before PREROUTING;
  // IPv4 leaves the check to the routing decision, after DNAT (moby#45610).
  if (ruleset.family === "ipv6" && spec.in !== "lo" && (isLoopbackAddress(first.packet.dst, "ipv6") || isLoopbackAddress(first.packet.src, "ipv6"))) {
    return [{ piece: first, fate: "dropped", note: "ip6_rcv_core: ::1 arriving on an interface other than lo is dropped before any hook" }];
  }
  for (const pre of runHook(ctx, "PREROUTING", [first], outcomes)) {
    const route = routeOf(pre.packet, host);
    if (route.kind === "martian") {
      outcomes.push({ piece: pre, fate: "dropped", note: route.why });
      continue;
    }
    if (route.kind === "local") {
      for (const done of runHook(ctx, "INPUT", [pre], outcomes)) outcomes.push({ piece: done, fate: "delivered" });
      continue;
    }
    const routed = { ...pre, packet: { ...pre.packet, out: route.out } };
    const forwarded = runHook(ctx, "FORWARD", [routed], outcomes);
    for (const done of runHook(ctx, "POSTROUTING", forwarded, outcomes)) outcomes.push({ piece: done, fate: "forwarded", out: route.out });
  }
  return outcomes;
}

/**
 * A packet a local process sends (`from the host itself`): OUTPUT raw → mangle → nat →
 * filter → security, then POSTROUTING; a local destination then comes back in on lo through
 * INPUT (the nat table has already done its work on the connection).
 */
export function evaluateLocal(ruleset: Ruleset, host: HostFacts, spec: Omit<PacketSpec, "in">, options: EngineOptions = {}): Outcome[] {
  const ctx = walkContext(ruleset, host, options);
  const outcomes: Outcome[] = [];
  const start = initialPiece({ ...spec, in: "" }, ruleset.family);
  const { in: _in, ...packet } = start.packet;
  const local: Piece = { ...start, packet: { ...packet, out: outDevice(packet.dst, host) } };
  for (const out of runHook(ctx, "OUTPUT", [local], outcomes)) {
    const device = outDevice(out.packet.dst, host);
    const rerouted = { ...out, packet: { ...out.packet, out: device } };
    for (const post of runHook(ctx, "POSTROUTING", [rerouted], outcomes)) {
      if (device !== "lo") {
        outcomes.push({ piece: post, fate: "forwarded", out: device });
        continue;
      }
      const back = { ...post, packet: { ...post.packet, in: "lo" } };
      const { out: _o, ...withoutOut } = back.packet;
      for (const done of runHook(ctx, "INPUT", [{ ...back, packet: withoutOut }], outcomes)) outcomes.push({ piece: done, fate: "delivered" });
    }
  }
  return outcomes;
}

function outDevice(dst: bigint, host: HostFacts): string {
  return host.addressType(dst, "LOCAL") === true || isLoopbackAddress(dst, host.family) ? "lo" : (host.routeDevice(dst) ?? "?");
}

/**
 * Only the FORWARD hook, for a packet whose way out is known (between two containers of one
 * bridge: in and out are the bridge, whatever the routes say).
 */
export function evaluateForward(ruleset: Ruleset, host: HostFacts, spec: PacketSpec & { readonly out: string }, options: EngineOptions = {}): Outcome[] {
  const ctx = walkContext(ruleset, host, options);
  const outcomes: Outcome[] = [];
  const start = initialPiece(spec, ruleset.family);
  const piece = { ...start, packet: { ...start.packet, out: spec.out } };
  for (const done of runHook(ctx, "FORWARD", [piece], outcomes)) outcomes.push({ piece: done, fate: "forwarded", out: spec.out });
  return outcomes;
}

type Route = { kind: "local" } | { kind: "forward"; out: string } | { kind: "martian"; why: string };

/**
 * ip_route_input_slow: a loopback destination or source arriving on another interface is
 * a martian and dropped (route_localnet is off by default); a local address is delivered;
 * anything else is forwarded on the route's device.
 */
function routeOf(packet: Packet, host: HostFacts): Route {
  const fromLo = packet.in === "lo";
  if (!fromLo && isLoopbackAddress(packet.dst, packet.family)) return { kind: "martian", why: "routing: a loopback destination arriving on another interface is a martian and dropped" };
  if (!fromLo && isLoopbackAddress(packet.src, packet.family)) return { kind: "martian", why: "routing: a loopback source arriving on another interface is a martian and dropped" };
  if (host.addressType(packet.dst, "LOCAL") === true) return { kind: "local" };
  return { kind: "forward", out: host.routeDevice(packet.dst) ?? "?" };
}

/**
 * Runs the tables of one hook in order; pieces that every table accepts come out, the
 * others become outcomes. A packet the nat table must not see skips it.
 */
function runHook(ctx: WalkContext, hook: Hook, pieces: readonly Piece[], outcomes: Outcome[]): Piece[] {
  let current = [...pieces];
  for (const tableName of TABLE_ORDER[hook]) {
    const table = ctx.ruleset.tables.get(tableName);
    if (!table || !table.chains.has(hook)) continue;
    const next: Piece[] = [];
    for (const piece of current) {
      const sourceNat = hook === "POSTROUTING" || hook === "INPUT";
      if (tableName === "nat" && (piece.packet.conn.state !== "NEW" || ctx.withoutNat || (sourceNat && ctx.withoutSourceNat))) {
        next.push(piece);
        continue;
      }
      const place = { hook, table: tableName };
      // The raw table runs before conntrack (NF_IP_PRI_RAW < NF_IP_PRI_CONNTRACK): the packet
      // has no entry yet, which the conntrack match reads as INVALID.
      const beforeConntrack = tableName === "raw" && piece.packet.conn.state !== "UNTRACKED";
      const entered = beforeConntrack ? { ...piece, packet: { ...piece.packet, conn: { ...piece.packet.conn, state: "INVALID" as const } } } : piece;
      for (const walked of walkChain(ctx, table, hook, entered, place)) {
        const end = beforeConntrack ? restoreState(walked, piece.packet.conn.state) : walked;
        const resolved: ChainEnd = end.end === "return" ? policyEnd(ctx, table, hook, (table.chains.get(hook)?.policy ?? "ACCEPT") as TerminalVerdict, table.chains.get(hook)?.line, end.piece, place) : end;
        if (resolved.end !== "verdict") continue;
        if (resolved.verdict === "ACCEPT") next.push(resolved.piece);
        else outcomes.push({ piece: resolved.piece, fate: fateOf(resolved.verdict), decider: resolved.decider, ...(resolved.note ? { note: resolved.note } : {}) });
      }
    }
    current = mergePieces(next);
  }
  return current;
}

/** After raw: the packet gets its real conntrack state back, unless raw made it untracked. */
function restoreState(end: ChainEnd, state: ConntrackState): ChainEnd {
  const conn = end.piece.packet.conn;
  if (conn.state === "UNTRACKED") return end;
  return { ...end, piece: { ...end.piece, packet: { ...end.piece.packet, conn: { ...conn, state } } } };
}

function fateOf(verdict: TerminalVerdict): Fate {
  switch (verdict) {
    case "DROP":
      return "dropped";
    case "REJECT":
      return "rejected";
    case "QUEUE":
      return "queued";
    default:
      return "unknown";
  }
}

