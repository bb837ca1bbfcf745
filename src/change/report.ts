/**
 * The change gate's report: every compared file, rules that moved from one file to another,
 * and the verdict. A CI gate fails the change (exit 1) when anything becomes more reachable or
 * a new finding is at or above --fail-on (the same threshold as lint).
 */
import { SEVERITY_RANK, type Severity } from "../findings.js";
import type { Family, TableName } from "../model/netfilter.js";
import type { FileChange } from "./compare.js";

/** What was compared with what, for the report's first lines. */
export type Compared =
  | { readonly kind: "files" }
  | {
      readonly kind: "git";
      /** The revision as given, and the commit it names. */
      readonly base: string;
      readonly baseCommit: string;
      /** `working tree`, `index`, or a commit (REV..REV2). */
      readonly target: string;
      /** Files that changed but are not rulesets (by name and content), by path. */
      readonly skipped: readonly string[];
    };

export interface MovedRule {
  readonly family: Family;
  readonly table: TableName;
  /** Canonical form, `-A CHAIN …`. */
  readonly rule: string;
  readonly from: { readonly file: string; readonly line?: number };
  readonly to: { readonly file: string; readonly line?: number };
}

export interface ChangeReport {
  readonly compared: Compared;
  readonly files: readonly FileChange[];
  /** Rules removed from one compared file and added to another of the same family and table. */
  readonly movedBetweenFiles: readonly MovedRule[];
  /** Exposure was asked for (check, diff --exposure). */
  readonly exposure: boolean;
}

export interface ChangeGate {
  readonly failOn: Severity;
  readonly exitZero: boolean;
}

export interface ChangeVerdict {
  /** Targets that something reaches now and did not before. */
  readonly moreReachable: number;
  /** New findings at or above --fail-on. */
  readonly failingFindings: number;
  readonly newFindings: number;
  readonly fixedFindings: number;
  readonly status: 0 | 1;
}

export function changeVerdict(report: ChangeReport, gate: ChangeGate): ChangeVerdict {
  const moreReachable = report.files.reduce((n, f) => n + (f.exposure?.targets.filter((t) => t.moreReachable).length ?? 0), 0);
  const added = report.files.flatMap((f) => f.findings.added);
  const failingFindings = added.filter((c) => SEVERITY_RANK[c.finding.severity] >= SEVERITY_RANK[gate.failOn]).length;
  const fixedFindings = report.files.reduce((n, f) => n + f.findings.fixed.length, 0);
  const failed = moreReachable > 0 || failingFindings > 0;
  return { moreReachable, failingFindings, newFindings: added.length, fixedFindings, status: failed && !gate.exitZero ? 1 : 0 };
}

/** A file whose two versions load the same rules, reach the same and have the same findings. */
export function fileUnchanged(f: FileChange): boolean {
  return f.rules !== undefined && f.rules.equal && (f.exposure?.targets.length ?? 0) === 0 && f.findings.added.length === 0 && f.findings.fixed.length === 0;
}

/**
 * Rules removed from one file and added to another of the same family and table: each file
 * is still compared on its own (each is a ruleset iptables-restore loads whole), and this
 * tells the reader that the rule did not vanish.
 */
export function rulesMovedBetweenFiles(files: readonly FileChange[]): MovedRule[] {
  type Side = { file: FileChange; table: TableName; rule: string; line?: number };
  const removed: Side[] = [];
  const added: Side[] = [];
  for (const file of files) {
    for (const t of file.rules?.tables ?? []) {
      for (const c of t.chains) {
        for (const r of c.rules) {
          if (r.kind === "removed") removed.push({ file, table: t.table, rule: r.rule, ...(r.oldLine !== undefined ? { line: r.oldLine } : {}) });
          if (r.kind === "added") added.push({ file, table: t.table, rule: r.rule, ...(r.newLine !== undefined ? { line: r.newLine } : {}) });
        }
      }
    }
  }
  const moved: MovedRule[] = [];
  for (const r of removed) {
    const i = added.findIndex((x) => x.file !== r.file && x.file.family === r.file.family && x.table === r.table && x.rule === r.rule);
    if (i < 0) continue;
    const to = added.splice(i, 1)[0] as Side;
    moved.push({
      family: r.file.family,
      table: r.table,
      rule: r.rule,
      from: { file: r.file.old.name, ...(r.line !== undefined ? { line: r.line } : {}) },
      to: { file: to.file.new.name, ...(to.line !== undefined ? { line: to.line } : {}) },
    });
  }
  return moved;
}
