/**
 * Agreement between iptlint's canonical printer and the kernel's iptables-save (the oracle's
 * `canon`): per table, the rule lines are aligned by longest common subsequence, and a rule
 * agrees when it is printed byte for byte as the kernel prints it, in the same place.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ORACLE } from "./corpus.js";

export const hasIptables = existsSync("/usr/sbin/iptables-nft-restore") || existsSync("/sbin/iptables-nft-restore");

/** The kernel's canonical form of a dump file, or undefined when it rejects it. */
export function kernelCanon(path: string, family: "ipv4" | "ipv6"): string | undefined {
  try {
    return execFileSync(ORACLE, ["canon", path, ...(family === "ipv6" ? ["--v6"] : [])], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

export interface Agreement {
  readonly rules: number;
  readonly agreeing: number;
  /** Kernel lines iptlint printed differently (with iptlint's closest line), for reports. */
  readonly differences: Array<{ kernel: string; iptlint?: string }>;
  readonly chainsAgree: boolean;
}

function ruleLines(text: string): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  let table = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("*")) table = line;
    else if (line.startsWith("-A ")) byTable.set(table, [...(byTable.get(table) ?? []), line]);
  }
  return byTable;
}

function chainLines(text: string): string {
  return text.split("\n").filter((l) => l.startsWith("*") || l.startsWith(":")).join("\n");
}

export function compareCanon(kernel: string, mine: string): Agreement {
  const k = ruleLines(kernel);
  const m = ruleLines(mine);
  let rules = 0;
  let agreeing = 0;
  const differences: Agreement["differences"] = [];
  for (const [table, kLines] of k) {
    const mLines = m.get(table) ?? [];
    const common = lcs(kLines, mLines);
    rules += kLines.length;
    agreeing += common.size;
    kLines.forEach((line, i) => {
      if (!common.has(i)) differences.push({ kernel: line, ...(closest(line, mLines) ? { iptlint: closest(line, mLines) } : {}) });
    });
  }
  return { rules, agreeing, differences, chainsAgree: chainLines(kernel) === chainLines(mine) };
}

/** Indexes of `a` that belong to a longest common subsequence of a and b. */
function lcs(a: readonly string[], b: readonly string[]): Set<number> {
  // Rule lists are mostly identical: trim the common head and tail, run DP on the rest.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const keep = new Set<number>();
  for (let i = 0; i < head; i++) keep.add(i);
  for (let i = 0; i < tail; i++) keep.add(a.length - 1 - i);
  const A = a.slice(head, a.length - tail);
  const B = b.slice(head, b.length - tail);
  if (A.length * B.length > 4e7) return keep;
  const dp = Array.from({ length: A.length + 1 }, () => new Uint32Array(B.length + 1));
  for (let i = A.length - 1; i >= 0; i--) for (let j = B.length - 1; j >= 0; j--) dp[i]![j] = A[i] === B[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  for (let i = 0, j = 0; i < A.length && j < B.length; ) {
    if (A[i] === B[j]) {
      keep.add(head + i);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

function closest(line: string, candidates: readonly string[]): string | undefined {
  const prefix = line.split(" ").slice(0, 2).join(" ");
  return candidates.find((c) => c.startsWith(prefix + " ") && c.length > 0 && similar(c, line));
}

function similar(a: string, b: string): boolean {
  const wa = new Set(a.split(" "));
  const wb = b.split(" ");
  return wb.filter((w) => wa.has(w)).length >= wb.length * 0.6;
}
