/**
 * What the CLI does with one file's findings before reporting them, in order:
 * 1. the configuration's rule settings (off rules are gone before suppressions count, so a
 *    directive for a rule that is off is unused);
 * 2. the dump's own directives (`#` comments and rule comments);
 * 3. the settings again on what step 2 added (invalid-suppression can be turned off too);
 * 4. the baseline, by fingerprint over exactly the list --write-baseline records.
 */
import type { Dump } from "../ast/nodes.js";
import { applyRuleConfig } from "../config/apply.js";
import type { IptlintConfig } from "../config/types.js";
import { compareFindings, type Finding } from "../findings.js";
import { fingerprints } from "../report/fingerprint.js";
import type { SuppressedFinding } from "../report/types.js";
import type { SourceLines } from "../source.js";
import { applyBaseline } from "./apply-baseline.js";
import { applySuppressions } from "./apply.js";
import type { Baseline } from "./baseline.js";

export interface SettleInput {
  /** The file as the baseline names it (the CLI's argument, or its stdin name). */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly dump: Dump;
  readonly source: SourceLines;
  readonly config?: IptlintConfig;
  readonly baseline?: Baseline;
  /** YYYY-MM-DD, for baseline expiry. */
  readonly today: string;
}

export interface Settled {
  /** What to report and count: sorted, expired baseline entries and invalid directives included. */
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  /** Directives and baseline entries that silenced nothing (--report-unused-suppressions). */
  readonly unused: Finding[];
  /** What --write-baseline records for this file: the findings before the baseline applied. */
  readonly baselineCandidates: Finding[];
}

export function settleFindings(input: SettleInput): Settled {
  const configured = applyRuleConfig(input.findings, input.config);
  const inSource = applySuppressions(configured, { dump: input.dump });
  const candidates = applyRuleConfig(inSource.active, input.config);
  const unused = applyRuleConfig(inSource.unused, input.config);
  if (!input.baseline) return { findings: candidates, suppressed: inSource.suppressed, unused, baselineCandidates: candidates };
  const prints = fingerprints(candidates, input.source);
  const b = applyBaseline(candidates, prints, input.path, input.baseline, input.today);
  return {
    findings: [...b.active, ...applyRuleConfig(b.expired, input.config)].sort(compareFindings),
    suppressed: [...inSource.suppressed, ...b.suppressed],
    unused: [...unused, ...applyRuleConfig(b.unused, input.config)].sort(compareFindings),
    baselineCandidates: candidates,
  };
}
