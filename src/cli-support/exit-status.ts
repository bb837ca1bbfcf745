/**
 * The exit status of a lint run, as a CI gate reads it (ESLint, ruff and hadolint's
 * conventions): 0 nothing at or above the threshold, 1 findings at or above it (or more
 * warnings than --max-warnings allows), 2 usage, input or internal error (decided by the CLI
 * before this). Suppressed findings are never counted.
 */
import type { Severity } from "../findings.js";
import type { FileReport } from "../report/types.js";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

export interface Gate {
  /** The lowest severity that fails the run (`--fail-on`, default warning). */
  readonly failOn: Severity;
  /** `--exit-zero`: findings never fail the run (errors reading input still do). */
  readonly exitZero: boolean;
  /** `--max-warnings N`: more warnings than N fail the run whatever --fail-on says. */
  readonly maxWarnings?: number;
}

export const DEFAULT_GATE: Gate = { failOn: "warning", exitZero: false };

export function isSeverity(text: string): text is Severity {
  return (SEVERITIES as readonly string[]).includes(text);
}

export function findingsStatus(files: readonly FileReport[], gate: Gate): 0 | 1 {
  if (gate.exitZero) return 0;
  const all = files.flatMap((f) => f.findings);
  if (all.some((f) => RANK[f.severity] >= RANK[gate.failOn])) return 1;
  const warnings = all.filter((f) => f.severity === "warning").length;
  return gate.maxWarnings !== undefined && warnings > gate.maxWarnings ? 1 : 0;
}
