import { describe, expect, it } from "vitest";
import { span, type Finding, type Severity } from "../../src/findings.js";
import { escapeData, escapeProperty, githubReport } from "../../src/report/github.js";
import { allReports } from "./fixtures.js";

function finding(severity: Severity, message: string, line = 1): Finding {
  return { code: "IPT202", name: "published-on-all-interfaces", severity, message, span: span(line, 3, 9) };
}

describe("GitHub workflow commands", () => {
  it.each([
    ["100%", "100%25", "100%25"],
    ["a\r\nb", "a%0D%0Ab", "a%0D%0Ab"],
    ["a:b,c", "a:b,c", "a%3Ab%2Cc"],
    ["%0A", "%250A", "%250A"],
  ])("escape %j as data %j and as a property %j", (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
  });

  it("maps error, warning and info to error, warning and notice annotations with file, span and title", () => {
    const out = githubReport([{ path: "a,b:c.rules", findings: [finding("error", "e"), finding("warning", "w", 2), finding("info", "i", 3)] }]).split("\n");
    expect(out[0]).toBe("::error file=a%2Cb%3Ac.rules,line=1,col=3,endLine=1,endColumn=9,title=IPT202 published-on-all-interfaces::e");
    expect(out[1]).toMatch(/^::warning file=.*,line=2,.*::w$/);
    expect(out[2]).toMatch(/^::notice file=.*,line=3,.*::i$/);
  });

  it("keeps a message on one command line: dump newlines are escaped text, help lines are %0A", () => {
    const out = githubReport([{ path: "x", findings: [{ ...finding("error", "two\nlines 50%"), help: "do this" }] }]);
    const [command] = out.split("\n");
    expect(command).toMatch(/::two\\nlines 50%25%0Ahelp: do this$/);
  });

  it("ends with a plain summary line, counting suppressed findings", () => {
    const lines = githubReport(allReports()).trimEnd().split("\n");
    expect(lines.at(-1)).toBe("iptlint: 6 problems (3 errors, 2 warnings, 1 info) in 4 files, 2 suppressed");
    expect(lines.filter((l) => l.startsWith("::error file=missing.rules,"))).toHaveLength(1);
  });

  it("says where to find the rest when a type exceeds GitHub's 10 annotations per step", () => {
    const many = Array.from({ length: 11 }, (_, i) => finding("warning", `w${i}`, i + 1));
    expect(githubReport([{ path: "x", findings: many }]).trimEnd().split("\n").at(-1)).toMatch(/^iptlint: 11 problems .*GitHub shows only 10 annotations of each type per step/);
    expect(githubReport([{ path: "x", findings: many.slice(1) }])).not.toContain("GitHub shows only");
  });
});
