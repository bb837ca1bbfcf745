/**
 * GitLab Code Quality (a subset of the Code Climate issue format): a JSON array that the
 * merge-request widget diffs between the base and the head pipeline by `fingerprint`.
 *
 * Severity: GitLab knows info, minor, major, critical and blocker. iptlint maps
 * - an error iptables-restore itself raises (isKernelError) → blocker: the whole dump is refused
 *   and nothing of it is applied, which blocks any deployment of it;
 * - any other error (a ruleset that loads but exposes or breaks containers) → critical;
 * - warning → major; info → info (a remark, not a defect: "minor" would still count as one).
 *
 * Fingerprints: iptlint's finding fingerprints ignore the path (they are per artifact, as SARIF
 * wants), but GitLab compares one flat list for the whole project, so the path is hashed in.
 * Suppressed findings and unreadable files are left out: the format has no place for either.
 */
import { createHash } from "node:crypto";
import { isKernelError } from "../checks.js";
import type { Finding } from "../findings.js";
import { escapeText } from "../text.js";
import { placedFindings } from "./sarif.js";
import type { FileReport } from "./types.js";

type GitLabSeverity = "info" | "minor" | "major" | "critical" | "blocker";

export function gitlabSeverity(f: Finding): GitLabSeverity {
  if (f.severity === "info") return "info";
  if (f.severity === "warning") return "major";
  return isKernelError(f) ? "blocker" : "critical";
}

/** Code Climate categories: Docker exposure rules (IPT2xx) are security, the rest bug risks. */
function categories(f: Finding): string[] {
  return [f.code.startsWith("IPT2") ? "Security" : "Bug Risk"];
}

/** GitLab links the path to the repository file, so `./x` is written as `x`. */
function repoPath(path: string): string {
  return escapeText(path.replace(/^(\.\/)+/, ""));
}

export function gitlabReport(files: readonly FileReport[]): string {
  // Fingerprints as in SARIF (counted over suppressed findings too), so suppressing one of two
  // identical findings does not make GitLab see the other as fixed and a new one introduced.
  const issues = files.flatMap((file) =>
    placedFindings(file)
      .filter((p) => !p.suppression)
      .map(({ finding: f, fingerprint }) => ({
        type: "issue",
        check_name: f.code,
        description: `${escapeText(f.message)} [${f.name}]`,
        categories: categories(f),
        fingerprint: createHash("sha256").update(`${file.path}\u0000${fingerprint}`).digest("hex").slice(0, 32),
        severity: gitlabSeverity(f),
        location: { path: repoPath(file.path), lines: { begin: f.span.start.line, end: f.span.end.line } },
      })),
  );
  return JSON.stringify(issues, null, 2) + "\n";
}
