/**
 * Addresses as iptables-save prints them: the address with the mask applied, then `/LEN`
 * for a contiguous mask (`/32` included) or the dotted mask otherwise; IPv6 in inet_ntop's
 * compressed form (xtables_ipaddr_to_numeric, xtables_ipmask_to_numeric, and the IPv6
 * equivalents in libxtables/xtables.c).
 */
import type { Family } from "../model/netfilter.js";
import { parseHostMask } from "../model/values/address.js";

export interface CanonicalAddress {
  /** `10.0.0.0/8`; undefined for a host name, which only resolving can turn into addresses. */
  readonly text?: string;
  /** The mask is zero: the option matches everything and iptables-save leaves it out. */
  readonly any: boolean;
}

export function canonicalAddress(item: string, family: Family): CanonicalAddress {
  const parsed = parseHostMask(item, family);
  if (!parsed.ok || parsed.value.host.kind !== "address") return { any: false };
  const mask = maskBytes(parsed.value.mask, family);
  const bytes = parsed.value.host.bytes.map((b, i) => b & (mask[i] as number));
  const len = prefixLength(mask);
  const addr = family === "ipv4" ? bytes.join(".") : formatIPv6(bytes);
  const maskText = len !== undefined ? String(len) : family === "ipv4" ? mask.join(".") : formatIPv6(mask);
  return { text: `${addr}/${maskText}`, any: mask.every((b) => b === 0) };
}

/** Mask bytes from a prefix length or a dotted/colon mask; undefined means a full mask. */
export function maskBytes(mask: number | readonly number[] | undefined, family: Family): number[] {
  const width = family === "ipv4" ? 4 : 16;
  if (Array.isArray(mask)) return [...mask];
  const bits = mask === undefined ? width * 8 : (mask as number);
  return Array.from({ length: width }, (_, i) => {
    const left = Math.max(0, Math.min(8, bits - i * 8));
    return (0xff << (8 - left)) & 0xff;
  });
}

/** The prefix length of a contiguous mask, else undefined. */
export function prefixLength(mask: readonly number[]): number | undefined {
  let len = 0;
  let ended = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const set = (byte >> bit) & 1;
      if (set && ended) return undefined;
      if (set) len++;
      else ended = true;
    }
  }
  return len;
}

/**
 * glibc inet_ntop for IPv6: lowercase hex groups without leading zeros, the longest run of
 * two or more zero groups (the first on a tie) as "::", and the last 32 bits in dotted form
 * for IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses.
 */
export function formatIPv6(bytes: readonly number[]): string {
  const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  const mappedV4 = bestStart === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      parts.push(i === 0 ? ":" : "");
      i += bestLen - 1;
      if (i === 7) parts.push("");
      continue;
    }
    if (mappedV4 && i === 6) {
      parts.push(`${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`);
      break;
    }
    parts.push((words[i] as number).toString(16));
  }
  return parts.join(":");
}
