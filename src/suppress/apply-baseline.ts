/** Matching a file's findings against the baseline. */
import { finding } from "../checks.js";
import { FILE_START, type Finding } from "../findings.js";
import type { SuppressedFinding } from "../report/types.js";
import { baselinePath, type Baseline, type BaselineEntry } from "./baseline.js";

export interface BaselineResult {
  /** Findings no live entry covers (an expired entry's finding included). */
  readonly active: Finding[];
  readonly suppressed: SuppressedFinding[];
  /** One `baseline-entry-expired` finding per expired entry that matched, at its finding. */
  readonly expired: Finding[];
  /** Entries for this path that matched no finding, as `unused-suppression` findings. */
  readonly unused: Finding[];
}

/**
 * `prints[i]` is the fingerprint of `findings[i]` (src/report/fingerprint.ts, computed over
 * the same list --write-baseline was given); `today` is YYYY-MM-DD. An entry is live through
 * its `expires` day, so ISO dates compare as strings.
 */
export function applyBaseline(findings: readonly Finding[], prints: readonly string[], path: string, baseline: Baseline, today: string): BaselineResult {
  const file = baselinePath(path);
  const entries = new Map<string, BaselineEntry>();
  for (const e of baseline.entries) if (baselinePath(e.path) === file) entries.set(e.fingerprint, e);
  const matched = new Set<BaselineEntry>();
  const result = { active: [] as Finding[], suppressed: [] as SuppressedFinding[], expired: [] as Finding[] };
  findings.forEach((f, i) => {
    const entry = entries.get(prints[i] ?? "");
    if (!entry || entry.code !== f.code) return void result.active.push(f);
    matched.add(entry);
    if (entry.expires !== undefined && entry.expires < today) {
      result.active.push(f);
      result.expired.push(expiredFinding(f, entry));
    } else {
      result.suppressed.push({ finding: f, kind: "external", via: "baseline", ...(entry.reason ? { justification: entry.reason } : {}) });
    }
  });
  const unused = [...entries.values()].filter((e) => !matched.has(e)).map(unusedEntry);
  return { ...result, unused };
}

function expiredFinding(f: Finding, entry: BaselineEntry): Finding {
  const why = entry.reason ? ` (reason given: ${entry.reason})` : "";
  return finding("baselineEntryExpired", f.span, `the baseline entry for this ${entry.code} ${entry.name} finding expired on ${entry.expires}${why}, so it is reported again`, {
    help: "fix the finding, or move the entry's \"expires\" date if the exception still holds",
  });
}

function unusedEntry(entry: BaselineEntry): Finding {
  return finding("unusedSuppression", FILE_START, `the baseline entry for ${entry.code} ${entry.name} (recorded at line ${entry.line}) matched no finding`, {
    help: "the finding is gone or its line changed: rewrite the baseline with --write-baseline",
  });
}
