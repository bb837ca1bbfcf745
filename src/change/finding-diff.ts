/**
 * Findings new in NEW and fixed since OLD, matched on a key that ignores line numbers and the
 * way a rule is written (./finding-key.ts): a rule that moves down because a line was inserted
 * above it keeps its findings, and a rewrite in canonical form changes nothing.
 */
import type { Finding } from "../findings.js";
import type { LintResult } from "../lint.js";
import type { SourceLines } from "../source.js";
import { findingKeys } from "./finding-key.js";

/**
 * Notes on how iptlint read the file rather than on the rules it holds: converting a dump
 * between iptables-save and `iptables -S` form adds or removes them without changing anything
 * the kernel loads, so they are never new or fixed.
 */
const FORM_NOTES: ReadonlySet<string> = new Set(["IPT023", "IPT024"]);

export interface ChangedFinding {
  readonly finding: Finding;
  /** The line it points at, as written in its version (untrusted: escape before output). */
  readonly lineText: string;
}

export interface FindingChanges {
  /** In NEW and not in OLD, in NEW's order. */
  readonly added: readonly ChangedFinding[];
  /** In OLD and not in NEW, in OLD's order. */
  readonly fixed: readonly ChangedFinding[];
  /** In both. */
  readonly unchanged: number;
}

interface FindingVersion {
  readonly result: LintResult;
  readonly findings: readonly Finding[];
  readonly source: SourceLines;
}

export function findingChanges(a: FindingVersion | undefined, b: FindingVersion | undefined): FindingChanges {
  const before = keyed(a);
  const after = keyed(b);
  const beforeKeys = new Set(before.map((k) => k.key));
  const afterKeys = new Set(after.map((k) => k.key));
  return {
    added: after.filter((k) => !beforeKeys.has(k.key)).map((k) => k.changed),
    fixed: before.filter((k) => !afterKeys.has(k.key)).map((k) => k.changed),
    unchanged: after.filter((k) => beforeKeys.has(k.key)).length,
  };
}

function keyed(v: FindingVersion | undefined): { key: string; changed: ChangedFinding }[] {
  if (!v) return [];
  const findings = v.findings.filter((f) => !FORM_NOTES.has(f.code));
  const keys = findingKeys(findings, v.result.dump, v.source);
  return findings.map((finding, i) => ({ key: keys[i] as string, changed: { finding, lineText: v.source.line(finding.span.start.line) } }));
}
