/**
 * Addresses as the engine holds them: one bigint per address (IPv4 in the low 32 bits,
 * IPv6 in 128), so that masks and comparisons are the same code for both families. The
 * kernel compares `(addr & mask) == net` (ip_packet_match, conntrack_addrcmp); iptables
 * stores the network already masked, so masking both sides here gives the same answer for
 * `-s 10.1.2.3/8` as the kernel's `10.0.0.0/8`.
 */
import type { Family } from "../netfilter.js";
import { parseHost, type ParsedHostMask } from "../values/address.js";

export const ADDRESS_BITS: Readonly<Record<Family, number>> = { ipv4: 32, ipv6: 128 };

const ALL_ONES: Readonly<Record<Family, bigint>> = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };

/** Big-endian bytes (4 for IPv4, 16 for IPv6, or a dotted/colon mask) as one bigint. */
export function addressToBigint(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b & 0xff);
  return value;
}

/** The mask of a prefix length: `/8` is 255.0.0.0. Lengths beyond the family are clamped. */
export function prefixMask(prefixLength: number, family: Family): bigint {
  const bits = BigInt(ADDRESS_BITS[family]);
  const len = BigInt(Math.max(0, Math.min(prefixLength, ADDRESS_BITS[family])));
  return len === 0n ? 0n : (ALL_ONES[family] >> (bits - len)) << (bits - len);
}

/**
 * Whether `addr` lies in `net` under a prefix length or a full mask (`-s A/255.0.255.0`
 * gives non-contiguous masks, which the kernel applies bit by bit like any other).
 */
export function cidrContains(net: bigint, prefixLenOrMask: number | bigint, addr: bigint, family: Family): boolean {
  const mask = typeof prefixLenOrMask === "number" ? prefixMask(prefixLenOrMask, family) : prefixLenOrMask;
  return (addr & mask) === (net & mask);
}

/** A literal address (no host names, no mask) as a bigint; undefined when not one. */
export function parseAddressText(text: string, family: Family): bigint | undefined {
  const host = parseHost(text, family);
  return host.ok && host.value.kind === "address" ? addressToBigint(host.value.bytes) : undefined;
}

/** A network as the kernel keeps it after iptables parsed `ADDR[/MASK]`. */
export interface Network {
  readonly net: bigint;
  readonly mask: bigint;
}

/**
 * The network of a parsed `ADDR[/MASK]` (src/model/values/address.ts), or undefined for a
 * host name: iptables resolved it when the rule was loaded and the dump does not say to what.
 */
export function networkOf(parsed: ParsedHostMask, family: Family): Network | undefined {
  if (parsed.host.kind !== "address") return undefined;
  const m = parsed.mask;
  const mask = m === undefined ? ALL_ONES[family] : typeof m === "number" ? prefixMask(m, family) : addressToBigint(m);
  return { net: addressToBigint(parsed.host.bytes) & mask, mask };
}

/** Whether `addr` is in `network`. */
export function inNetwork(network: Network, addr: bigint): boolean {
  return (addr & network.mask) === network.net;
}

/** 127.0.0.0/8 (ipv4_is_loopback) or ::1 (ipv6_addr_loopback). */
export function isLoopbackAddress(addr: bigint, family: Family): boolean {
  return family === "ipv4" ? addr >> 24n === 0x7fn : addr === 1n;
}

/** 224.0.0.0/4 (ipv4_is_multicast) or ff00::/8 (ipv6_addr_is_multicast). */
export function isMulticastAddress(addr: bigint, family: Family): boolean {
  return family === "ipv4" ? addr >> 28n === 0xen : addr >> 120n === 0xffn;
}

/** 255.255.255.255, the limited broadcast (ipv4_is_lbcast); IPv6 has no broadcast. */
export function isLimitedBroadcast(addr: bigint, family: Family): boolean {
  return family === "ipv4" && addr === ALL_ONES.ipv4;
}
