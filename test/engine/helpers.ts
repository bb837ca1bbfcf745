/**
 * Test helpers of the packet-path engine: rules parsed from real rule text, packets with
 * sensible defaults (an IPv4 TCP SYN to port 80 arriving on eth0, a NEW connection, mark 0),
 * and host facts given as tables.
 */
import { expect, it } from "vitest";
import type { RuleSpec } from "../../src/ast/nodes.js";
import type { AddressType, HostFacts } from "../../src/engine/host.js";
import type { MatchContext } from "../../src/engine/match-types.js";
import type { Connection, Packet, Place } from "../../src/engine/packet.js";
import { parseAddressText } from "../../src/model/ip/addresses.js";
import { matchRule } from "../../src/engine/rule-match.js";
import type { Tri } from "../../src/engine/tri.js";
import { lintText } from "../../src/lint.js";
import type { Family } from "../../src/model/netfilter.js";

/**
 * The RuleSpec of `-A CHAIN <options> -j ACCEPT` in the built-in chain of `place` (filter
 * INPUT unless told); the rule must load, as iptables-restore would check it.
 */
export function ruleOf(options: string, family: Family = "ipv4", place: Place = FILTER_INPUT): RuleSpec {
  const { table, hook: chain } = place;
  const text = `*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${options} -j ACCEPT\nCOMMIT\n`;
  const result = lintText(text, { family: { family, source: "option" } });
  const errors = result.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(`rule does not load: ${options}: ${errors.map((e) => e.message).join("; ")}`);
  const rule = result.ruleset.tables.get(table)?.chains.get(chain)?.rules[0];
  if (rule === undefined) throw new Error(`no rule parsed from: ${options}`);
  return rule.command.rule;
}

export const FILTER_INPUT: Place = { hook: "INPUT", table: "filter" };
export const FILTER_FORWARD: Place = { hook: "FORWARD", table: "filter" };
export const FILTER_OUTPUT: Place = { hook: "OUTPUT", table: "filter" };

/** An address literal of either family as the engine's bigint. */
export function addr(text: string, family: Family = text.includes(":") ? "ipv6" : "ipv4"): bigint {
  const value = parseAddressText(text, family);
  if (value === undefined) throw new Error(`not an address: ${text}`);
  return value;
}

type Address = bigint | string;

export type PacketOverrides = Omit<Partial<Packet>, "conn" | "src" | "dst"> & {
  readonly src?: Address;
  readonly dst?: Address;
  readonly conn?: Partial<Omit<Connection, "origSrc" | "origDst" | "replySrc" | "replyDst">> & {
    readonly origSrc?: Address;
    readonly origDst?: Address;
    readonly replySrc?: Address;
    readonly replyDst?: Address;
  };
};

const asAddress = (a: Address): bigint => (typeof a === "bigint" ? a : addr(a));

/**
 * An IPv4 TCP SYN 192.0.2.10:40000 → 198.51.100.20:80 in on eth0, NEW, mark 0; its
 * conntrack tuples follow the packet's addresses and ports unless overridden.
 */
export function testPacket(overrides: PacketOverrides = {}): Packet {
  const family = overrides.family ?? "ipv4";
  const src = asAddress(overrides.src ?? (family === "ipv4" ? "192.0.2.10" : "2001:db8::10"));
  const dst = asAddress(overrides.dst ?? (family === "ipv4" ? "198.51.100.20" : "2001:db8:1::20"));
  const sport = "sport" in overrides ? overrides.sport : 40000;
  const dport = "dport" in overrides ? overrides.dport : 80;
  const c = overrides.conn ?? {};
  const conn: Connection = {
    state: c.state ?? "NEW",
    direction: c.direction ?? "ORIGINAL",
    origSrc: asAddress(c.origSrc ?? src),
    origDst: asAddress(c.origDst ?? dst),
    replySrc: asAddress(c.replySrc ?? dst),
    replyDst: asAddress(c.replyDst ?? src),
    ...optional("origSport", "origSport" in c ? c.origSport : sport),
    ...optional("origDport", "origDport" in c ? c.origDport : dport),
    ...optional("replySport", "replySport" in c ? c.replySport : dport),
    ...optional("replyDport", "replyDport" in c ? c.replyDport : sport),
    dnat: c.dnat ?? false,
    snat: c.snat ?? false,
    mark: c.mark ?? 0,
  };
  const { conn: _c, src: _s, dst: _d, ...rest } = overrides;
  return {
    family,
    proto: 6,
    tcpFlags: 0x02,
    fragment: false,
    length: 60,
    in: "eth0",
    mark: 0,
    ...rest,
    ...optional("sport", sport),
    ...optional("dport", dport),
    src,
    dst,
    conn,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export type TypeTable = Partial<Record<AddressType, readonly string[]>>;

export interface FakeHostOptions {
  readonly family?: Family;
  /** Addresses of each type on the host as a whole. */
  readonly types?: TypeTable;
  /** Addresses of each type as seen on one device (addrtype --limit-iface-in/out). */
  readonly perInterface?: Readonly<Record<string, TypeTable>>;
  /** Answer "unknown" for every lookup, as when the host's addresses were not given. */
  readonly unknown?: boolean;
}

/** HostFacts from tables: an address has a type when it is listed under it. */
export function fakeHost(options: FakeHostOptions = {}): HostFacts {
  const family = options.family ?? "ipv4";
  const listed = (table: TypeTable | undefined, type: AddressType, address: bigint) =>
    (table?.[type] ?? []).some((a) => addr(a, family) === address);
  return {
    family,
    addressType(address, type, iface) {
      if (options.unknown) return "unknown";
      return listed(iface === undefined ? options.types : options.perInterface?.[iface], type, address);
    },
    routeDevice: () => undefined,
    addressOn: () => undefined,
  };
}


export function contextOf(packet: Packet, host: HostFacts = fakeHost({ family: packet.family }), place: Place = FILTER_INPUT): MatchContext {
  return { packet, place, host };
}

/** The answer of matchRule for `options` and a packet built from `overrides`. */
export function decide(options: string, overrides: PacketOverrides = {}, host?: HostFacts, place?: Place): Tri {
  const packet = testPacket(overrides);
  return matchRule(ruleOf(options, packet.family, place), contextOf(packet, host, place)).result;
}

/** A table row: rule options, packet overrides, expected answer. */
export type Case = readonly [options: string, overrides: PacketOverrides, expected: Tri];

/**
 * One vitest case per row: the rule text is parsed with lintText, the packet built with
 * testPacket, and matchRule must give the expected answer.
 */
export function itDecides(cases: readonly Case[], host?: (family: Family) => HostFacts, place?: Place): void {
  const rows = cases.map(([options, overrides, expected]) => ({ name: `${options} ${show(overrides)} → ${String(expected)}`, options, overrides, expected }));
  it.each(rows)("$name", ({ options, overrides, expected }) => {
    expect(decide(options, overrides, host?.(overrides.family ?? "ipv4"), place)).toBe(expected);
  });
}

function show(o: PacketOverrides): string {
  return JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
