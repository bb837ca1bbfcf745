/**
 * Sets of addresses as sorted, disjoint, inclusive ranges of bigints: the source dimension of
 * a packet class. The engine splits a set at every `-s` prefix a packet meets on its way (as
 * fffuu partitions the address space by the prefixes of a ruleset), so each piece is decided
 * by the same rules, and prints what is reachable as prefixes: `0.0.0.0/0 except 10.0.0.0/8`.
 */
import { formatIPv6 } from "../../format/address.js";
import type { Family } from "../netfilter.js";
import { ADDRESS_BITS } from "./addresses.js";

type Range = readonly [bigint, bigint];

export function addressBits(family: Family): number {
  return ADDRESS_BITS[family];
}

/** The range a network covers: `base/len` with the host bits ignored. */
export function prefixRange(base: bigint, length: number, family: Family): Range {
  const hostBits = BigInt(addressBits(family) - length);
  const low = (base >> hostBits) << hostBits;
  return [low, low + (1n << hostBits) - 1n];
}

export function formatAddress(value: bigint, family: Family): string {
  if (family === "ipv4") return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".");
  const bytes: number[] = [];
  for (let s = 120n; s >= 0n; s -= 8n) bytes.push(Number((value >> s) & 0xffn));
  return formatIPv6(bytes);
}

export class AddressSet {
  private constructor(
    readonly family: Family,
    /** Sorted, disjoint, not adjacent. */
    readonly ranges: readonly Range[],
  ) {}

  static all(family: Family): AddressSet {
    return new AddressSet(family, [[0n, (1n << BigInt(addressBits(family))) - 1n]]);
  }

  static empty(family: Family): AddressSet {
    return new AddressSet(family, []);
  }

  static of(family: Family, ranges: readonly Range[]): AddressSet {
    return new AddressSet(family, normalise(ranges));
  }

  static prefix(family: Family, base: bigint, length: number): AddressSet {
    return new AddressSet(family, [prefixRange(base, length, family)]);
  }

  static single(family: Family, address: bigint): AddressSet {
    return new AddressSet(family, [[address, address]]);
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  private cachedKey: string | undefined;

  /** A string equal for equal sets (merging pieces compares it). */
  key(): string {
    return (this.cachedKey ??= this.ranges.map((r) => `${r[0]}-${r[1]}`).join(","));
  }

  isAll(): boolean {
    const all = AddressSet.all(this.family).ranges[0] as Range;
    return this.ranges.length === 1 && this.ranges[0]![0] === all[0] && this.ranges[0]![1] === all[1];
  }

  equals(other: AddressSet): boolean {
    return this.ranges.length === other.ranges.length && this.ranges.every((r, i) => r[0] === other.ranges[i]![0] && r[1] === other.ranges[i]![1]);
  }

  contains(address: bigint): boolean {
    return this.ranges.some(([lo, hi]) => lo <= address && address <= hi);
  }

  union(other: AddressSet): AddressSet {
    return new AddressSet(this.family, normalise([...this.ranges, ...other.ranges]));
  }

  intersect(other: AddressSet): AddressSet {
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a0, a1] = this.ranges[i]!;
      const [b0, b1] = other.ranges[j]!;
      const lo = a0 > b0 ? a0 : b0;
      const hi = a1 < b1 ? a1 : b1;
      if (lo <= hi) out.push([lo, hi]);
      if (a1 < b1) i++;
      else j++;
    }
    return new AddressSet(this.family, out);
  }

  complement(): AddressSet {
    const max = (1n << BigInt(addressBits(this.family))) - 1n;
    const out: Range[] = [];
    let next = 0n;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1n]);
      next = hi + 1n;
    }
    if (next <= max) out.push([next, max]);
    return new AddressSet(this.family, out);
  }

  subtract(other: AddressSet): AddressSet {
    return this.intersect(other.complement());
  }

  /**
   * An address of the set to stand for all of it: an ordinary unicast address when the set
   * has one, because the kernel treats loopback, unspecified and multicast sources specially
   * (martians; ip6_rcv_core drops ::1 from other devices) and a class must not die of that.
   */
  representative(): bigint | undefined {
    let fallback: bigint | undefined;
    for (const [lo, hi] of this.ranges) {
      for (const candidate of [hi - lo >= 2n ? lo + 1n : lo, lo + (hi - lo) / 2n, lo + (hi - lo) / 2n + 1n, lo + (hi - lo) / 4n, hi]) {
        fallback ??= candidate;
        if (!isSpecial(candidate, this.family)) return candidate;
      }
    }
    return fallback;
  }

  /** The fewest prefixes that cover exactly the set. */
  toPrefixes(): string[] {
    const bits = addressBits(this.family);
    const out: string[] = [];
    for (const [lo, hi] of this.ranges) {
      let start = lo;
      while (start <= hi) {
        let size = 0;
        while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= hi) size++;
        out.push(`${formatAddress(start, this.family)}/${bits - size}`);
        start += 1n << BigInt(size);
      }
    }
    return out;
  }

  /**
   * In words, the shorter of the set and "everything except its complement":
   * `0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16`, `nowhere`, `10.0.0.0/8`.
   */
  describe(): string {
    if (this.isEmpty()) return "nowhere";
    const own = this.toPrefixes();
    const all = AddressSet.all(this.family).toPrefixes()[0] as string;
    if (this.isAll()) return all;
    const missing = this.complement().toPrefixes();
    return missing.length < own.length ? `${all} except ${missing.join(", ")}` : own.join(", ");
  }
}

function normalise(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

/** 0.0.0.0/8, 127.0.0.0/8, 224.0.0.0/4 and above; ::, ::1, ff00::/8. */
function isSpecial(address: bigint, family: Family): boolean {
  if (family === "ipv4") {
    const first = Number(address >> 24n);
    return first === 0 || first === 127 || first >= 224;
  }
  return address <= 1n || address >> 120n === 0xffn;
}
