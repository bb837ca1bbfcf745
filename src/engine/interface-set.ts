/**
 * A set of interface classes as a bitmask over a fixed list of class names: a Docker host
 * with hundreds of bridges meets one `-i <bridge>` rule per bridge on every path, and each
 * test must split the set in constant time, not in time proportional to its size.
 */
import { interfaceMatches } from "../model/chain-graph.js";

/** The class names of one analysis, with the mask each `-i` pattern selects (cached). */
export class InterfaceUniverse {
  private readonly masks = new Map<string, bigint>();

  constructor(readonly names: readonly string[]) {}

  /** Classes whose representative name `-i pattern` matches. */
  maskOf(pattern: string): bigint {
    let mask = this.masks.get(pattern);
    if (mask === undefined) {
      mask = 0n;
      this.names.forEach((name, i) => {
        if (interfaceMatches(pattern, name)) mask = (mask as bigint) | (1n << BigInt(i));
      });
      this.masks.set(pattern, mask);
    }
    return mask;
  }

  all(): InterfaceSet {
    return new InterfaceSet(this, (1n << BigInt(this.names.length)) - 1n);
  }

  private powers: bigint[] | undefined;

  /**
   * The class index of a one-bit mask (the lowest bit of a set, mask & -mask), by binary
   * search over the powers of two: neither printing a mask of hundreds of bits nor hashing it
   * (a Map keyed by bigints) is cheap next to the walk step it serves.
   */
  indexOf(bit: bigint): number {
    const powers = (this.powers ??= this.names.map((_, i) => 1n << BigInt(i)));
    let lo = 0;
    let hi = powers.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((powers[mid] as bigint) < bit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class InterfaceSet {
  constructor(
    readonly universe: InterfaceUniverse,
    readonly mask: bigint,
  ) {}

  isEmpty(): boolean {
    return this.mask === 0n;
  }

  equals(other: InterfaceSet): boolean {
    return this.mask === other.mask;
  }

  /** The classes `[!] -i pattern` accepts, and the rest. */
  split(pattern: string, inverted: boolean): { inside: InterfaceSet; outside: InterfaceSet } {
    const matching = this.universe.maskOf(pattern);
    const inside = this.mask & (inverted ? ~matching : matching);
    return { inside: new InterfaceSet(this.universe, inside), outside: new InterfaceSet(this.universe, this.mask & ~inside) };
  }

  union(other: InterfaceSet): InterfaceSet {
    return new InterfaceSet(this.universe, this.mask | other.mask);
  }

  /** The first class's name: the packet's concrete `in`. */
  first(): string {
    if (this.mask === 0n) return this.universe.names[0] as string;
    return this.universe.names[this.universe.indexOf(this.mask & -this.mask)] as string;
  }

  /** The class's name when the set holds exactly one class; else undefined. */
  single(): string | undefined {
    return this.mask !== 0n && (this.mask & (this.mask - 1n)) === 0n ? this.first() : undefined;
  }

  /** The classes' names when there are at most `limit` of them; else undefined (without listing them all). */
  namesUpTo(limit: number): string[] | undefined {
    const out: string[] = [];
    for (let rest = this.mask; rest !== 0n; rest &= rest - 1n) {
      if (out.length === limit) return undefined;
      out.push(this.universe.names[this.universe.indexOf(rest & -rest)] as string);
    }
    return out;
  }

  /** The classes' names, in the universe's order. */
  names(): string[] {
    const out: string[] = [];
    for (let rest = this.mask; rest !== 0n; rest &= rest - 1n) out.push(this.universe.names[this.universe.indexOf(rest & -rest)] as string);
    return out;
  }
}

