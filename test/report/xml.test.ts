/** Checkstyle and JUnit XML: well formed whatever the dump holds, with the counts consumers read. */
import { describe, expect, it } from "vitest";
import { span } from "../../src/findings.js";
import { checkstyleReport, xmlText } from "../../src/report/checkstyle.js";
import { junitReport } from "../../src/report/junit.js";
import type { FileReport } from "../../src/report/types.js";
import { allReports } from "./fixtures.js";
import { xmlProblems } from "./xml-check.js";

const files = allReports();

/** Findings whose message and path hold everything XML is picky about. */
const HOSTILE: FileReport = {
  path: `a&b<"c">'d'\x01\x0b\ufffe\ud800.rules`,
  findings: [{ code: "IPT011", name: "unknown-option", severity: "error", message: `x < y && "z" > 'w' \x00\x1b[0m ]]> \uffff`, help: "<help/>", span: span(1, 1, 2) }],
};

describe("the well-formedness check itself", () => {
  it.each([
    ['<a x="1"/>', []],
    ["<a><b></b></a>", []],
    ["<a><b></a></b>", ["</a> does not close the open element", "</b> does not close the open element"]],
    ['<a x="1 & 2"/>', ["bare & in a@x"]],
    ['<a x="1 &amp; 2" y="&#38;"/>', []],
    ["<a>1 < 2</a>", ['malformed tag at "< 2</a>"', "unclosed elements: a"]],
    ["<a>\x1b</a>", ["character U+001b is not allowed in XML 1.0"]],
    ['<a x="1" x="2"/>', ["repeated attribute in <a>"]],
    ["<a/><b/>", ["more than one root element"]],
  ])("%j → %j", (doc, problems) => {
    expect(xmlProblems(doc)).toEqual(problems);
  });
});

describe("XML text", () => {
  it.each([
    [`<&>"'`, "&lt;&amp;&gt;&quot;&apos;"],
    ["\x1b[31m", "\\x1b[31m"],
    ["tab\there", "tab\\there"],
    ["\ufffe\uffff", "\\ufffe\\uffff"],
    ["lone \ud800 high", "lone \\ud800 high"],
    ["lone \udc00 low", "lone \\udc00 low"],
    ["pair \ud83d\udd25 kept", "pair \ud83d\udd25 kept"],
  ])("%j → %j", (raw, xml) => {
    expect(xmlText(raw)).toBe(xml);
  });
});

describe("Checkstyle XML", () => {
  const out = checkstyleReport(files);

  it("is well formed, also for hostile paths and messages", () => {
    expect(xmlProblems(out)).toEqual([]);
    expect(xmlProblems(checkstyleReport([HOSTILE]))).toEqual([]);
  });

  it("lists every file, with one error element per active finding and source iptlint.CODE", () => {
    expect([...out.matchAll(/<file name="([^"]*)"/g)].map((m) => m[1])).toEqual(["hosts/docker-host.rules", "evil\\x1b[31m.rules", "&lt;stdin&gt;", "missing.rules"]);
    expect([...out.matchAll(/ source="([^"]*)"/g)].map((m) => m[1])).toEqual(["iptlint.IPT202", "iptlint.IPT204", "iptlint.IPT011", "iptlint.IPT206", "iptlint.IPT011", "iptlint.IPT101", "iptlint.read-error"]);
    expect(out).toContain('<error line="20" column="17" severity="error" message="unknown option `--dportt&apos;" source="iptlint.IPT011"/>');
    expect(out).toContain('<checkstyle version="4.3">');
  });
});

describe("JUnit XML", () => {
  const out = junitReport(files);

  it("is well formed, also for hostile paths and messages", () => {
    expect(xmlProblems(out)).toEqual([]);
    expect(xmlProblems(junitReport([HOSTILE]))).toEqual([]);
  });

  it("has one suite per file, counting failures (errors and warnings), read errors and skipped (suppressed) cases", () => {
    const suites = [...out.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1).join(" "));
    expect(suites).toEqual(["hosts/docker-host.rules 5 3 0 1", "evil\\x1b[31m.rules 3 2 0 1", "&lt;stdin&gt; 1 0 0 0", "missing.rules 1 0 1 0"]);
    expect(out).toMatch(/<testsuites name="iptlint" tests="10" failures="5" errors="1" skipped="2">/);
  });

  it("keeps the severity in the failure type, and reports info as a passing case with output", () => {
    expect([...out.matchAll(/<failure type="(\w+)"/g)].map((m) => m[1])).toEqual(["warning", "warning", "error", "error", "error"]);
    expect(out).toMatch(/<testcase name="IPT206 icc-open at 25:1" [^>]*>\n\s*<system-out>line 25, column 1, info: /);
  });

  it("writes a passing test case for a clean file", () => {
    expect(out).toContain('<testcase name="&lt;stdin&gt;" classname="&lt;stdin&gt;" time="0"/>');
  });

  it("says why a suppressed finding was skipped", () => {
    expect(out).toContain('<skipped message="suppressed by rule-comment: staging mirror, firewalled upstream"/>');
  });
});
