/**
 * Baseline files (`--write-baseline FILE`, `--baseline FILE`): the findings a project has
 * accepted, so that CI fails only on new ones. The format, version 1:
 *
 *   {
 *     "version": 1,
 *     "entries": [
 *       {
 *         "fingerprint": "3f0c…",        32 hex digits from src/report/fingerprint.ts: the code,
 *                                         the finding's line text without counters, the occurrence
 *         "code": "IPT202",              the rule (the fingerprint includes it too)
 *         "name": "published-on-all-interfaces",
 *         "path": "rules.v4",            the linted file as the CLI named it, '/' separated
 *         "line": 24,                    informational: where it was when written
 *         "message": "tcp 0.0.0.0:5432 …", informational
 *         "expires": "2026-12-31",       optional: after this day the entry stops suppressing
 *         "reason": "migrating in Q4"    optional: shown as the suppression's justification
 *       }
 *     ]
 *   }
 *
 * An entry matches a finding of the same path with the same fingerprint, so unrelated edits
 * above a finding (a new rule, a counter change) keep it baselined; editing the rule's own
 * line does not. `expires` and `reason` are written by hand and kept when the baseline is
 * rewritten.
 */
import { readDocument } from "../config/document.js";
import type { ConfigProblem } from "../config/types.js";
import { checkKeys, isRecord, Problems, typeName } from "../config/validate.js";
import type { Finding } from "../findings.js";
import { fingerprints } from "../report/fingerprint.js";
import type { SourceLines } from "../source.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly line: number;
  readonly message: string;
  /** YYYY-MM-DD: the last day the entry suppresses its finding. */
  readonly expires?: string;
  readonly reason?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly entries: readonly BaselineEntry[];
}

export interface BaselineFile {
  readonly path: string;
  /** The findings to accept: what is still active after config and in-file suppressions. */
  readonly findings: readonly Finding[];
  readonly source?: SourceLines;
}

/** Paths compare as written by the CLI, with `\` and a leading `./` normalised away. */
export function baselinePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

/** The baseline for `files`, as JSON text; `previous` lends its hand-written expires and reason. */
export function writeBaseline(files: readonly BaselineFile[], previous?: Baseline): string {
  const kept = new Map((previous?.entries ?? []).map((e) => [`${baselinePath(e.path)}\u0000${e.fingerprint}`, e]));
  const entries = files.flatMap((file) => {
    const path = baselinePath(file.path);
    const prints = fingerprints(file.findings, file.source);
    return file.findings.map((f, i): BaselineEntry => {
      const fingerprint = prints[i] as string;
      const old = kept.get(`${path}\u0000${fingerprint}`);
      return {
        fingerprint,
        code: f.code,
        name: f.name,
        path,
        line: f.span.start.line,
        message: f.message,
        ...(old?.expires ? { expires: old.expires } : {}),
        ...(old?.reason ? { reason: old.reason } : {}),
      };
    });
  });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.code.localeCompare(b.code)));
  return JSON.stringify({ version: BASELINE_VERSION, entries }, null, 2) + "\n";
}

const TOP_KEYS = ["version", "entries"];
const ENTRY_KEYS = ["fingerprint", "code", "name", "path", "line", "message", "expires", "reason"];

export function parseBaseline(text: string): { baseline?: Baseline; problems: ConfigProblem[] } {
  const doc = readDocument(text, "json");
  if (doc.value === undefined) return { problems: doc.problems };
  const problems = new Problems(doc);
  const value = doc.value;
  if (!isRecord(value)) {
    problems.add([], `a baseline must be an object with "version" and "entries", got ${typeName(value)}`);
    return { problems: problems.sorted() };
  }
  checkKeys(value, TOP_KEYS, [], problems);
  if (value.version !== BASELINE_VERSION) problems.add(["version"], `unsupported baseline version ${JSON.stringify(value.version) ?? "(missing)"}; this iptlint reads version ${BASELINE_VERSION}`);
  if (!Array.isArray(value.entries)) {
    problems.add(["entries"], `expected a list of entries, got ${typeName(value.entries)}`);
    return { problems: problems.sorted() };
  }
  const entries = value.entries.flatMap((e, i) => entryOf(e, i, problems) ?? []);
  return problems.list.length ? { problems: problems.sorted() } : { baseline: { version: BASELINE_VERSION, entries }, problems: [] };
}

function entryOf(value: unknown, i: number, problems: Problems): BaselineEntry | undefined {
  const path = ["entries", i];
  if (!isRecord(value)) {
    problems.add(path, `expected an object, got ${typeName(value)}`);
    return undefined;
  }
  checkKeys(value, ENTRY_KEYS, path, problems);
  const before = problems.list.length;
  const text = (key: string, required: boolean, valid: (s: string) => string | undefined = () => undefined) => {
    const v = value[key];
    if (v === undefined && !required) return;
    if (typeof v !== "string") return problems.add([...path, key], v === undefined ? "missing (required)" : `expected a string, got ${typeName(v)}`);
    const message = valid(v);
    if (message) problems.add([...path, key], message);
  };
  text("fingerprint", true, (s) => (/^[0-9a-f]{32}$/.test(s) ? undefined : "expected 32 lowercase hex digits, as --write-baseline writes"));
  text("code", true);
  text("name", true);
  text("path", true);
  text("message", true);
  text("expires", false, (s) => (isCalendarDate(s) ? undefined : `expected a date YYYY-MM-DD, got "${s}"`));
  text("reason", false);
  if (!Number.isInteger(value.line) || (value.line as number) < 1) problems.add([...path, "line"], `expected a line number, got ${typeName(value.line)}`);
  return problems.list.length === before ? (value as unknown as BaselineEntry) : undefined;
}

/** `2026-02-30` is not a date: the day must exist in that month. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}
