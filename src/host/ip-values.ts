/**
 * Addresses and prefixes as `ip` prints them, and as the engine holds them: bigints with
 * IPv4 in the low 32 bits. ip formats addresses with inet_ntop, so an IPv4 address is always
 * four decimal parts: we read it with inet_pton's strict rules (a paste cut to `192.168.1`
 * is a problem, not 192.168.1.0 as iptables' own lenient parser would have it).
 */
import type { Family } from "../model/netfilter.js";
import { inetPton4, parseIPv6 } from "../model/values/address.js";
import { formatIPv6 } from "../format/address.js";

export interface IpAddress {
  readonly family: Family;
  readonly value: bigint;
  /** Canonical text. */
  readonly text: string;
}

export interface IpPrefix {
  readonly family: Family;
  /** The network address (host bits cleared). */
  readonly network: bigint;
  readonly length: number;
  /** Canonical CIDR text, length always written. */
  readonly text: string;
}

export function addressWidth(family: Family): number {
  return family === "ipv4" ? 32 : 128;
}

function bytesToBigint(bytes: readonly number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function bigintToBytes(value: bigint, family: Family): number[] {
  const count = addressWidth(family) / 8;
  return Array.from({ length: count }, (_, i) => Number((value >> BigInt(8 * (count - 1 - i))) & 0xffn));
}

export function formatAddress(value: bigint, family: Family): string {
  const bytes = bigintToBytes(value, family);
  return family === "ipv4" ? bytes.join(".") : formatIPv6(bytes);
}

/** An address of either family; the family is told by the colon. */
export function parseAddress(text: string): IpAddress | undefined {
  const family: Family = text.includes(":") ? "ipv6" : "ipv4";
  const bytes = family === "ipv4" ? inetPton4(text) : parseIPv6(text);
  if (bytes === undefined) return undefined;
  const value = bytesToBigint(bytes);
  return { family, value, text: formatAddress(value, family) };
}

export function prefixMask(length: number, family: Family): bigint {
  const width = BigInt(addressWidth(family));
  const all = (1n << width) - 1n;
  return (all << (width - BigInt(length))) & all;
}

/** `ADDR/LEN` or a bare address (a host route: full length). */
export function parsePrefix(text: string): IpPrefix | undefined {
  const slash = text.indexOf("/");
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const width = addressWidth(address.family);
  let length = width;
  if (slash >= 0) {
    const lenText = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > width) return undefined;
    length = Number(lenText);
  }
  return prefixOf(address.value, length, address.family);
}

export function prefixOf(value: bigint, length: number, family: Family): IpPrefix {
  const network = value & prefixMask(length, family);
  return { family, network, length, text: `${formatAddress(network, family)}/${length}` };
}

export function prefixContains(prefix: IpPrefix, address: bigint): boolean {
  return (address & prefixMask(prefix.length, prefix.family)) === prefix.network;
}

/** Whether `inner` lies wholly inside `outer` (same family, at least as long, inside). */
export function prefixWithin(inner: IpPrefix, outer: IpPrefix): boolean {
  return inner.family === outer.family && inner.length >= outer.length && prefixContains(outer, inner.network);
}

/** The last address of the prefix (IPv4's directed broadcast). */
export function prefixLast(prefix: IpPrefix): bigint {
  return prefix.network | ((1n << BigInt(addressWidth(prefix.family) - prefix.length)) - 1n);
}
