/**
 * Closed integer intervals (port ranges), each with a value, and the ones that meet a query
 * interval: what "which rules' `--dport A:B` contain port N" and "which DNATs' host ports
 * overlap this one" ask of thousands of ranges on a large Docker host. Scanning every
 * interval per question is quadratic; here the intervals are sorted by their start, and a
 * segment tree over that order keeps the largest end of each run, so a query visits only the
 * runs that can hold an answer: O((k + 1) log n) for k answers.
 *
 * An interval meets [from, to] when `start <= to && from <= end`, the test the callers'
 * linear scans used, taken as is (a reversed interval meets what that test says it meets).
 */
export interface Interval<T> {
  readonly from: number;
  readonly to: number;
  readonly value: T;
}

export class IntervalIndex<T> {
  private readonly items: readonly Interval<T>[];
  /** Segment tree (1-based heap layout) of the largest `to` under each node. */
  private readonly maxEnd: number[];
  private readonly leaves: number;

  constructor(intervals: Iterable<Interval<T>>) {
    // Array.prototype.sort is stable: equal starts keep the order they were given in.
    this.items = [...intervals].sort((a, b) => a.from - b.from);
    let leaves = 1;
    while (leaves < this.items.length) leaves *= 2;
    this.leaves = leaves;
    this.maxEnd = new Array<number>(2 * leaves).fill(-Infinity);
    this.items.forEach((item, i) => (this.maxEnd[leaves + i] = item.to));
    for (let node = leaves - 1; node >= 1; node--) this.maxEnd[node] = Math.max(this.maxEnd[2 * node] as number, this.maxEnd[2 * node + 1] as number);
  }

  get size(): number {
    return this.items.length;
  }

  /** The values of the intervals that meet [from, to], by ascending start. */
  overlapping(from: number, to: number): T[] {
    // Intervals starting after `to` cannot meet it: only the prefix [0, count) is searched.
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.items[mid] as Interval<T>).from <= to) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    if (lo > 0) this.collect(1, 0, this.leaves, lo, from, out);
    return out;
  }

  /** Leaves of `node` (covering positions [start, end)) below `count` whose interval ends at or after `from`. */
  private collect(node: number, start: number, end: number, count: number, from: number, out: T[]): void {
    if (start >= count || (this.maxEnd[node] as number) < from) return;
    if (end - start === 1) {
      out.push((this.items[start] as Interval<T>).value);
      return;
    }
    const mid = (start + end) >> 1;
    this.collect(2 * node, start, mid, count, from, out);
    this.collect(2 * node + 1, mid, end, count, from, out);
  }
}
