/** Test helper: whether a Docker version lies in a range as dockerView writes them ("18.05–27.x (also 18.03.1)", "≤1.9", "28.0.0"). */

function parts(v: string): (number | "x")[] {
  return v.split(".").map((p) => (p === "x" ? "x" : Number(p)));
}

/** -1, 0, 1; an "x" part matches anything from there on. */
function compare(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === "x" || y === "x") return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function inOne(version: string, range: string): boolean {
  const also = /\(also ([\d.]+)\)/.exec(range);
  if (also && compare(version, also[1] as string) === 0) return true;
  const bare = range.replace(/\(.*?\)/g, "").trim();
  if (bare.startsWith("≤")) return compare(version, bare.slice(1)) <= 0;
  const [lo, hi = lo] = bare.split("–") as [string, string?];
  return compare(version, lo) >= 0 && compare(version, hi as string) <= 0;
}

/** `ranges` may list several ranges separated by ", " (an undecided era). */
export function versionInRanges(version: string, ranges: string): boolean {
  return ranges.split(/,\s(?![^(]*\))/).some((r) => inOne(version, r));
}
