import { describe, expect, it } from "vitest";
import { span, type Finding } from "../../src/findings.js";
import { gitlabReport, gitlabSeverity } from "../../src/report/gitlab.js";
import { allReports, DOCKER_HOST, report } from "./fixtures.js";

interface Issue {
  type: string;
  check_name: string;
  description: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

function parse(text: string): Issue[] {
  return JSON.parse(text) as Issue[];
}

const at = span(1, 1, 2);

describe("GitLab Code Quality report", () => {
  const issues = parse(gitlabReport(allReports()));

  it("is a JSON array with one issue per active finding, suppressed and unread files left out", () => {
    expect(issues.map((i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name}`)).toEqual([
      "hosts/docker-host.rules:11 IPT202",
      "hosts/docker-host.rules:12 IPT204",
      "hosts/docker-host.rules:20 IPT011",
      "hosts/docker-host.rules:25 IPT206",
      "evil\\x1b[31m.rules:5 IPT011",
      "evil\\x1b[31m.rules:7 IPT101",
    ]);
    for (const i of issues) expect(i.type).toBe("issue");
  });

  it.each<[Finding, string]>([
    [{ code: "IPT011", name: "unknown-option", severity: "error", message: "", span: at }, "blocker"],
    [{ code: "IPT201", name: "docker-user-jump-missing", severity: "error", message: "", span: at }, "critical"],
    [{ code: "IPT202", name: "published-on-all-interfaces", severity: "warning", message: "", span: at }, "major"],
    [{ code: "IPT206", name: "icc-open", severity: "info", message: "", span: at }, "info"],
  ])("maps %j to %s", (f, severity) => {
    expect(gitlabSeverity(f)).toBe(severity);
  });

  it("gives unique fingerprints, different for the same findings in another file", () => {
    const prints = issues.map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    const a = parse(gitlabReport([report("a.rules", DOCKER_HOST)]));
    const b = parse(gitlabReport([report("b.rules", DOCKER_HOST)]));
    expect(a.map((i) => i.check_name)).toEqual(b.map((i) => i.check_name));
    for (let i = 0; i < a.length; i++) expect(a[i]?.fingerprint).not.toBe(b[i]?.fingerprint);
  });

  it("writes paths relative to the repository, as given", () => {
    expect(parse(gitlabReport([report("./etc/rules.v4", DOCKER_HOST)]))[0]?.location.path).toBe("etc/rules.v4");
  });
});
