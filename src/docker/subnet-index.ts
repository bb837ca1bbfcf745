/**
 * "Which bridge's subnet holds this container address?" for every published port of a host
 * with hundreds of networks: asking each bridge in turn (inSubnet per subnet) is quadratic.
 * The subnets are cut into aligned prefixes and kept by prefix length and network, so a
 * question is one lookup per prefix length in use. The answer is the same as the linear
 * scan's: the first entry, in the order given, whose CIDR holds the address as inSubnet reads
 * both (net.ts).
 */
import { parseAddressText } from "../model/ip/addresses.js";
import { addressBits } from "../model/ip/address-set.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { Family } from "../model/netfilter.js";
import { hostOf } from "./net.js";

export class SubnetIndex<T> {
  /** `length/network` → position of the first entry with that prefix. */
  private readonly firstByPrefix = new Map<string, number>();
  private readonly lengths: number[];
  private readonly values: T[] = [];
  private readonly bits: number;

  constructor(
    private readonly family: Family,
    entries: Iterable<{ readonly cidr: string; readonly value: T }>,
  ) {
    this.bits = addressBits(family);
    const lengths = new Set<number>();
    for (const { cidr, value } of entries) {
      const position = this.values.push(value) - 1;
      for (const [low, high] of parseCidrSet(cidr, family)?.ranges ?? []) {
        for (const { network, length } of alignedPrefixes(low, high, this.bits)) {
          const key = `${length}/${network}`;
          if (!this.firstByPrefix.has(key)) this.firstByPrefix.set(key, position);
          lengths.add(length);
        }
      }
    }
    this.lengths = [...lengths];
  }

  /** The first entry whose CIDR holds `address` (no prefix, or a full-length one). */
  first(address: string): T | undefined {
    const a = parseAddressText(hostOf(address), this.family);
    if (a === undefined) return undefined;
    let best: number | undefined;
    for (const length of this.lengths) {
      const hostBits = BigInt(this.bits - length);
      const position = this.firstByPrefix.get(`${length}/${(a >> hostBits) << hostBits}`);
      if (position !== undefined && (best === undefined || position < best)) best = position;
    }
    return best === undefined ? undefined : this.values[best];
  }
}

/** [low, high] as the fewest aligned prefixes that cover exactly it. */
function alignedPrefixes(low: bigint, high: bigint, bits: number): { network: bigint; length: number }[] {
  const out: { network: bigint; length: number }[] = [];
  let start = low;
  while (start <= high) {
    let hostBits = 0;
    // Grow the block while it stays aligned at `start` and inside the range.
    while (hostBits < bits && (start & ((1n << BigInt(hostBits + 1)) - 1n)) === 0n && start + (1n << BigInt(hostBits + 1)) - 1n <= high) hostBits++;
    out.push({ network: start, length: bits - hostBits });
    start += 1n << BigInt(hostBits);
  }
  return out;
}
