import { describe, expect, it } from "vitest";
import { jsonReport, JSON_REPORT_VERSION } from "../../src/report/json.js";
import { allReports, TOOL_VERSION } from "./fixtures.js";

describe("the JSON report", () => {
  const report = JSON.parse(jsonReport(allReports(), TOOL_VERSION));

  it("stays version 1: suppressed findings are an added field", () => {
    expect(JSON_REPORT_VERSION).toBe(1);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 4, errors: 3, warnings: 2, infos: 1, suppressed: 2 });
  });

  it("lists each file's suppressed findings with how they were suppressed and why", () => {
    expect(report.files.map((f: { suppressed: unknown[] }) => f.suppressed.length)).toEqual([1, 1, 0, 0]);
    const [host, evil] = report.files;
    expect(host.suppressed[0]).toMatchObject({ code: "IPT202", line: 12, column: 1, suppression: { kind: "inSource", via: "rule-comment", justification: "staging mirror, firewalled upstream" } });
    expect(evil.suppressed[0].suppression).toEqual({ kind: "external", via: "baseline", justification: "\\x1b]0;pwned\\x1b\\ accepted" });
    expect(evil.suppressed[0].help).not.toContain("\x1b");
  });
});
