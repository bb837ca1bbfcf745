/**
 * Addresses and prefixes as `ip` prints them, and as the engine holds them: bigints with
 * IPv4 in the low 32 bits. ip formats addresses with inet_ntop, so an IPv4 address is always
 * four decimal parts: we read it with inet_pton's strict rules (a paste cut to `192.168.1`
 * is a problem, not 192.168.1.0 as iptables' own lenient parser would have it).
 */
import type { Family } from "../model/netfilter.js";
import { inetPton4, parseIPv6 } from "../model/values/address.js";
import { formatAddress, prefixRange } from "../model/ip/address-set.js";
import { ADDRESS_BITS, addressToBigint, cidrContains, prefixMask } from "../model/ip/addresses.js";

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

/** An address of either family; the family is told by the colon. */
export function parseAddress(text: string): IpAddress | undefined {
  const family: Family = text.includes(":") ? "ipv6" : "ipv4";
  const bytes = family === "ipv4" ? inetPton4(text) : parseIPv6(text);
  if (bytes === undefined) return undefined;
  const value = addressToBigint(bytes);
  return { family, value, text: formatAddress(value, family) };
}

/** `ADDR/LEN` or a bare address (a host route: full length). */
export function parsePrefix(text: string): IpPrefix | undefined {
  const slash = text.indexOf("/");
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const width = ADDRESS_BITS[address.family];
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
  return cidrContains(prefix.network, prefix.length, address, prefix.family);
}

/** Whether `inner` lies wholly inside `outer` (same family, at least as long, inside). */
export function prefixWithin(inner: IpPrefix, outer: IpPrefix): boolean {
  return inner.family === outer.family && inner.length >= outer.length && prefixContains(outer, inner.network);
}

/** The last address of the prefix (IPv4's directed broadcast). */
export function prefixLast(prefix: IpPrefix): bigint {
  return prefixRange(prefix.network, prefix.length, prefix.family)[1];
}
