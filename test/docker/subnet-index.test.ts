/**
 * SubnetIndex against the scan it replaces: the first entry, in the order given, whose CIDR
 * holds the address as inSubnet reads both. Seeded random subnets of both families, nested
 * and overlapping, lists (`a,b`), host bits set, and text that is no CIDR at all.
 */
import { describe, expect, it } from "vitest";
import { inSubnet } from "../../src/docker/net.js";
import { SubnetIndex } from "../../src/docker/subnet-index.js";
import { formatAddress } from "../../src/model/ip/address-set.js";
import type { Family } from "../../src/model/netfilter.js";

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Addresses near a few bases, so that subnets nest and overlap. */
function addressNear(next: () => number, family: Family): string {
  const bases = family === "ipv4" ? [0x0a000000n, 0xac110000n, 0xc0a80000n] : [0xfd000000000000000000000000000000n, 0x20010db8000000000000000000000000n];
  const base = bases[Math.floor(next() * bases.length)] as bigint;
  const spread = family === "ipv4" ? 1n << 17n : 1n << 20n;
  return formatAddress(base + BigInt(Math.floor(next() * Number(spread))), family);
}

function cidrNear(next: () => number, family: Family): string {
  const bits = family === "ipv4" ? 32 : 128;
  const one = (): string => `${addressNear(next, family)}/${bits - Math.floor(next() * 20)}`;
  const kind = next();
  if (kind < 0.1) return `${one()},${one()}`;
  if (kind < 0.15) return "not-a-subnet";
  if (kind < 0.2) return addressNear(next, family);
  return one();
}

describe("SubnetIndex", () => {
  for (const family of ["ipv4", "ipv6"] as const) {
    it(`gives the first entry whose subnet holds the address, as the scan does (${family})`, () => {
      for (const seed of [7, 8, 9]) {
        const next = random(seed);
        const entries = Array.from({ length: 1 + Math.floor(next() * 150) }, (_, value) => ({ cidr: cidrNear(next, family), value }));
        const index = new SubnetIndex(family, entries);
        for (let q = 0; q < 300; q++) {
          const address = q % 10 === 0 ? `${addressNear(next, family)}/${family === "ipv4" ? 32 : 128}` : addressNear(next, family);
          expect(index.first(address)).toBe(entries.find((e) => inSubnet(address, e.cidr, family))?.value);
        }
        expect(index.first("nonsense")).toBeUndefined();
      }
    });
  }

  it("covers a range that is no single prefix, and /0", () => {
    const index = new SubnetIndex("ipv4", [
      { cidr: "10.0.0.0/24,10.0.1.0/24,10.0.2.0/24", value: "three" },
      { cidr: "0.0.0.0/0", value: "all" },
    ]);
    expect(index.first("10.0.2.9")).toBe("three");
    expect(index.first("10.0.3.1")).toBe("all");
  });
});
