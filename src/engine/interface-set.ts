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
    // The lowest set bit: mask & -mask is a power of two; its bit length gives the index.
    const lowest = this.mask & -this.mask;
    return this.universe.names[lowest.toString(2).length - 1] as string;
  }

  names(): string[] {
    return this.universe.names.filter((_, i) => (this.mask >> BigInt(i)) & 1n);
  }
}
