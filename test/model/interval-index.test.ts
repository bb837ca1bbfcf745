/**
 * IntervalIndex against the linear scan it replaces (`from <= to' && from' <= to`), over
 * seeded random intervals: ports, ranges, reversed ranges (`80:` reads as 80–0), duplicates.
 */
import { describe, expect, it } from "vitest";
import { IntervalIndex } from "../../src/model/interval-index.js";

/** A small seeded generator (LCG), so that a failure repeats. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("IntervalIndex", () => {
  it("finds exactly the intervals a linear scan finds, in ascending start order", () => {
    for (const seed of [1, 2, 3, 42, 2024]) {
      const next = random(seed);
      const port = (): number => Math.floor(next() * 200);
      const intervals = Array.from({ length: 1 + Math.floor(next() * 300) }, (_, value) => {
        const from = port();
        const kind = next();
        const to = kind < 0.5 ? from : kind < 0.9 ? from + Math.floor(next() * 20) : Math.floor(next() * from);
        return { from, to, value };
      });
      const index = new IntervalIndex(intervals);
      expect(index.size).toBe(intervals.length);
      for (let q = 0; q < 200; q++) {
        const a = port();
        const b = next() < 0.5 ? a : a + Math.floor(next() * 30);
        const expected = intervals.filter((i) => i.from <= b && a <= i.to).map((i) => i.value);
        const found = index.overlapping(a, b);
        expect([...found].sort((x, y) => x - y)).toEqual(expected);
        const starts = found.map((v) => (intervals[v] as { from: number }).from);
        expect(starts).toEqual([...starts].sort((x, y) => x - y));
      }
    }
  });

  it("answers a point query and the whole line, and nothing from an empty index", () => {
    const index = new IntervalIndex([
      { from: 80, to: 80, value: "http" },
      { from: 8000, to: 8010, value: "range" },
      { from: 443, to: 443, value: "https" },
    ]);
    expect(index.overlapping(8005, 8005)).toEqual(["range"]);
    expect(index.overlapping(81, 442)).toEqual([]);
    expect(index.overlapping(-Infinity, Infinity)).toEqual(["http", "https", "range"]);
    expect(new IntervalIndex<number>([]).overlapping(0, 65535)).toEqual([]);
  });
});
