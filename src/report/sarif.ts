/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and most security dashboards ingest:
 * one run, the whole catalogue as `tool.driver.rules` (so `ruleIndex` and rule help work for
 * every code), one result per finding, suppressed findings as results with `suppressions`
 * (SARIF §3.27.23: a viewer hides them, a baseline still matches them), unreadable inputs as
 * tool execution notifications. All dump text goes through escapeText.
 */
import type { CheckInfo } from "../checks.js";
import { compareFindings, type Finding, type RelatedSpan, type Severity, type Span } from "../findings.js";
import type { LintRule } from "../rules/define.js";
import { escapeText } from "../text.js";
import { escapedDockerSubjects, escapedRemediation, messageWithDetails } from "./details.js";
import { fingerprints } from "./fingerprint.js";
import { allEntries, explain } from "./rules.js";
import type { FileReport, SuppressedFinding } from "./types.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI = "https://github.com/iptlint/iptlint";
/**
 * Rule documentation lives in docs/rules.md, one section per code whose anchor is the code in
 * lower case (`#ipt202`): the section must start with `<a id="ipt202"></a>` (or a heading that
 * is just the code), because GitHub's heading slugs include the name, and a code never changes
 * while a name might be reworded.
 */
const RULES_DOC = `${INFORMATION_URI}/blob/main/docs/rules.md`;
/** Key of partialFingerprints; bump the suffix if the fingerprint recipe ever changes. */
const FINGERPRINT_KEY = "iptlint/v1";

type Level = "error" | "warning" | "note";
const LEVEL: Readonly<Record<Severity, Level>> = { error: "error", warning: "warning", info: "note" };

/**
 * GitHub ranks security alerts by `security-severity` (≥9 critical, 7–8.9 high, 4–6.9 medium,
 * below low). Only the Docker exposure rules (IPT2xx) are security findings; a syntax error is a
 * defect, not a vulnerability, and gets no security-severity.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: "8.0", warning: "5.0", info: "2.0" };

type Entry = CheckInfo | LintRule;

function isDockerRule(code: string): boolean {
  return code.startsWith("IPT2");
}

function tags(e: Entry): string[] {
  if (isDockerRule(e.code)) return ["security", "docker", "firewall"];
  return ["correctness", e.code.startsWith("IPT0") ? "syntax" : "ruleset"];
}

function markdownHelp(e: Entry): string {
  const head = [`**${e.code} ${e.name}** (${e.severity})`, "", `${e.summary}.`];
  if (!("docs" in e)) return [...head, "", "Reported by the parser or the ruleset model: the kernel's iptables-restore rejects (or, for warnings and info, notes) what it describes."].join("\n");
  const d = e.docs;
  return [
    ...head,
    "",
    "### Why",
    "",
    d.why,
    ...(d.exceptions ? ["", "### When it is fine", "", d.exceptions] : []),
    "",
    "### Example that fires it",
    "",
    "```text",
    d.bad.replace(/\n$/, ""),
    "```",
    "",
    "### Fixed",
    "",
    "```text",
    d.good.replace(/\n$/, ""),
    "```",
    "",
    "### References",
    "",
    ...d.references.map((r) => `- <${r}>`),
  ].join("\n");
}

function ruleDescriptor(e: Entry): object {
  return {
    id: e.code,
    name: e.name,
    shortDescription: { text: `${e.summary}.` },
    fullDescription: { text: "docs" in e ? e.docs.why : `${e.summary}.` },
    help: { text: explain(e.code) ?? `${e.summary}.`, markdown: markdownHelp(e) },
    helpUri: `${RULES_DOC}#${e.code.toLowerCase()}`,
    defaultConfiguration: { level: LEVEL[e.severity] },
    properties: { tags: tags(e), ...(isDockerRule(e.code) ? { "security-severity": SECURITY_SEVERITY[e.severity] } : {}) },
  };
}

/** Lone surrogates cannot be percent-encoded (encodeURIComponent throws): U+FFFD stands in. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/**
 * The path as given, as a URI reference: each segment percent-encoded (so `<stdin>` becomes
 * `%3Cstdin%3E` and control characters cannot appear), relative paths against %SRCROOT% (the
 * checkout, for GitHub), absolute ones as file:// URIs.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const encode = (p: string) => wellFormed(p).split("/").map(encodeURIComponent).join("/");
  if (path.startsWith("/")) return { uri: `file://${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, "")), uriBaseId: "%SRCROOT%" };
}

/** SARIF regions are 1-based with an exclusive end column, like iptlint spans. */
function region(s: Span): object {
  return { startLine: Math.max(1, s.start.line), startColumn: Math.max(1, s.start.column), endLine: Math.max(1, s.end.line), endColumn: Math.max(1, s.end.column) };
}

function physicalLocation(path: string, s: Span): object {
  return { physicalLocation: { artifactLocation: artifactLocation(path), region: region(s) } };
}

function relatedLocations(path: string, related: readonly RelatedSpan[]): object[] {
  return related.map((r, i) => ({ id: i + 1, message: { text: escapeText(r.message) }, ...physicalLocation(path, r.span) }));
}

interface Placed {
  readonly finding: Finding;
  readonly fingerprint: string;
  readonly suppression?: SuppressedFinding;
}

/**
 * Fingerprints over active and suppressed findings together, in position order (the order
 * lintText produced them in), so a finding keeps its fingerprint whether or not it, or a twin
 * on the same line, is suppressed. Returned in that order, each with its suppression.
 */
export function placedFindings(file: FileReport): Placed[] {
  const all = [...file.findings.map((finding) => ({ finding })), ...(file.suppressed ?? []).map((s) => ({ finding: s.finding, suppression: s }))];
  all.sort((a, b) => compareFindings(a.finding, b.finding));
  const prints = fingerprints(
    all.map((x) => x.finding),
    file.source,
  );
  return all.map((x, i) => ({ ...x, fingerprint: prints[i] as string }));
}

function result(path: string, p: Placed, ruleIndex: ReadonlyMap<string, number>): object {
  const f = p.finding;
  const index = ruleIndex.get(f.code);
  return {
    ruleId: f.code,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    // What a viewer shows: the message, then help and remediation, one item a line.
    message: { text: messageWithDetails(f) },
    locations: [physicalLocation(path, f.span)],
    partialFingerprints: { [FINGERPRINT_KEY]: p.fingerprint },
    ...(f.related?.length ? { relatedLocations: relatedLocations(path, f.related) } : {}),
    ...(p.suppression ? { suppressions: [suppression(p.suppression)] } : {}),
    ...(f.remediation || f.docker?.length ? { properties: { ...(f.remediation ? { remediation: escapedRemediation(f.remediation) } : {}), ...(f.docker?.length ? { docker: escapedDockerSubjects(f.docker) } : {}) } } : {}),
  };
}

function suppression(s: SuppressedFinding): object {
  return { kind: s.kind, status: "accepted", ...(s.justification ? { justification: escapeText(s.justification) } : {}), properties: { via: s.via } };
}

function readErrorNotification(file: FileReport & { readError: string }): object {
  return { level: "error", message: { text: escapeText(file.readError) }, locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }] };
}

export function sarifReport(files: readonly FileReport[], toolVersion: string): string {
  const rules = allEntries();
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const unread = files.filter((f): f is FileReport & { readError: string } => f.readError !== undefined);
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "iptlint", version: toolVersion, informationUri: INFORMATION_URI, rules: rules.map(ruleDescriptor) } },
        invocations: [{ executionSuccessful: unread.length === 0, ...(unread.length ? { toolExecutionNotifications: unread.map(readErrorNotification) } : {}) }],
        // Columns come from JavaScript string offsets.
        columnKind: "utf16CodeUnits",
        results: files.flatMap((file) => placedFindings(file).map((p) => result(file.path, p, ruleIndex))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
