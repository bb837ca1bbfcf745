/**
 * JUnit XML, for CI test-report views (GitLab, Jenkins, Azure): one <testsuite> per input and
 * one <testcase> per finding, as ESLint's junit formatter does; a clean input is one passing
 * <testcase>, so it still shows up as checked.
 *
 * JUnit has only pass, failure, error and skipped, so:
 * - errors and warnings are <failure type="error|warning"> (ESLint reports every problem as a
 *   failure and keeps the severity in the text; here it is in `type`);
 * - an info finding is a passing testcase with the note in <system-out>: a failure would turn
 *   the report red for a remark, and "skipped" would claim the check did not run;
 * - a suppressed finding is <skipped>, with the suppression and its reason: the check ran and
 *   was deliberately waived;
 * - a file that could not be read is an <error> (the test could not run at all).
 */
import type { Finding } from "../findings.js";
import { escapeText } from "../text.js";
import { xmlText } from "./checkstyle.js";
import { detailLines } from "./details.js";
import type { FileReport, SuppressedFinding } from "./types.js";

interface Case {
  readonly xml: string;
  readonly failure: boolean;
  readonly error: boolean;
  readonly skipped: boolean;
}

export function junitReport(files: readonly FileReport[]): string {
  const suites = files.map(suite);
  const total = (k: "tests" | "failures" | "errors" | "skipped") => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="iptlint" tests="${total("tests")}" failures="${total("failures")}" errors="${total("errors")}" skipped="${total("skipped")}">`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
  ].join("\n") + "\n";
}

function suite(file: FileReport) {
  const name = xmlText(file.path);
  const cases = [...(file.readError ? [unreadCase(name, file.readError)] : []), ...file.findings.map((f) => findingCase(name, f)), ...(file.suppressed ?? []).map((s) => suppressedCase(name, s))];
  if (cases.length === 0) cases.push({ xml: `    <testcase name="${name}" classname="${name}" time="0"/>`, failure: false, error: false, skipped: false });
  const tests = cases.length;
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const xml = [`  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0">`, ...cases.map((c) => c.xml), "  </testsuite>"].join("\n");
  return { xml, tests, failures, errors, skipped };
}

/** `IPT202 published-on-all-interfaces at 11:1`: unique within the file, readable in a list. */
function caseName(f: Finding): string {
  return xmlText(`${f.code} ${f.name} at ${f.span.start.line}:${f.span.start.column}`);
}

/** The long text of a failure: where, what, and what to do, one item a line. */
function details(f: Finding): string {
  const lines = [`line ${f.span.start.line}, column ${f.span.start.column}, ${f.severity}: ${escapeText(f.message)} (${f.code} ${f.name})`, ...detailLines(f)];
  return lines.map(xmlText).join("\n");
}

function findingCase(file: string, f: Finding): Case {
  const open = `    <testcase name="${caseName(f)}" classname="${file}" time="0">`;
  if (f.severity === "info") return { xml: `${open}\n      <system-out>${details(f)}</system-out>\n    </testcase>`, failure: false, error: false, skipped: false };
  return { xml: `${open}\n      <failure type="${f.severity}" message="${xmlText(f.message)}">${details(f)}</failure>\n    </testcase>`, failure: true, error: false, skipped: false };
}

function suppressedCase(file: string, s: SuppressedFinding): Case {
  const why = `suppressed by ${s.via}${s.justification ? `: ${s.justification}` : ""}`;
  return { xml: `    <testcase name="${caseName(s.finding)}" classname="${file}" time="0">\n      <skipped message="${xmlText(why)}"/>\n    </testcase>`, failure: false, error: false, skipped: true };
}

function unreadCase(file: string, readError: string): Case {
  return { xml: `    <testcase name="${file}" classname="${file}" time="0">\n      <error type="read-error" message="${xmlText(readError)}"/>\n    </testcase>`, failure: false, error: true, skipped: false };
}
