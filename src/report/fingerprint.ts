/**
 * Stable fingerprints of findings, for baselines (--baseline) and SARIF partialFingerprints:
 * what a finding is about, not where it is. The key is the code plus the text of the line it
 * points at with counters and spacing normalised, plus the occurrence number among findings
 * with the same key — so adding or removing unrelated lines above does not change it, and a
 * rule that is edited gets a new one.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../findings.js";
import type { SourceLines } from "../source.js";

/** `[12:3456] -A INPUT  -j X` → `-A INPUT -j X`: counters change on every save of a live host. */
export function normalisedLine(text: string): string {
  return text.replace(/^\s*\[\d+:\d+\]\s*/, "").replace(/\s+/g, " ").trim();
}

/** One fingerprint per finding, in the same order; occurrence numbers follow the findings' order. */
export function fingerprints(findings: readonly Finding[], source?: SourceLines): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const line = source ? normalisedLine(source.line(f.span.start.line)) : "";
    const key = `${f.code}\u0000${line}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash("sha256").update(`${key}\u0000${n}`).digest("hex").slice(0, 32);
  });
}
