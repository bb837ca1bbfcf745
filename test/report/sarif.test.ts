import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/checks.js";
import { LINT_RULES } from "../../src/rules/index.js";
import { artifactLocation, placedFindings, sarifReport } from "../../src/report/sarif.js";
import type { FileReport } from "../../src/report/types.js";
import { hasSarifSchema, SCHEMA_NOTE, sarifValidator } from "./sarif-schema.js";
import { allReports, DOCKER_HOST, dockerHostReport, report, TOOL_VERSION } from "./fixtures.js";

/** Parsed SARIF, navigated freely in assertions. */
type Json = any;

function sarif(files: readonly FileReport[]): Json {
  return JSON.parse(sarifReport(files, TOOL_VERSION));
}

describe("the SARIF report", () => {
  const files = allReports();
  const log = sarif(files);
  const run = log.runs[0];

  it.skipIf(!hasSarifSchema)(`validates against the SARIF 2.1.0 schema (${SCHEMA_NOTE})`, () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.skipIf(!hasSarifSchema)(`the schema check can fail: a raw <stdin> uri is rejected (${SCHEMA_NOTE})`, () => {
    const validate = sarifValidator();
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = "<stdin>";
    expect(validate(broken)).toBe(false);
  });

  it("lists every check and lint rule once, sorted by code, with help and a stable help anchor", () => {
    const rules: Json[] = run.tool.driver.rules;
    const codes = [...Object.values(CHECKS), ...LINT_RULES].map((e) => e.code).sort();
    expect(rules.map((r) => r.id)).toEqual(codes);
    for (const r of rules) {
      expect(r.helpUri).toBe(`https://github.com/iptlint/iptlint/blob/main/docs/rules.md#${r.id.toLowerCase()}`);
      expect(r.help.text).toContain(r.id);
      expect(r.shortDescription.text).toMatch(/\.$/);
    }
  });

  it("gives Docker rules a security-severity by their severity, and other checks none", () => {
    const byId = new Map<string, Json>(run.tool.driver.rules.map((r: Json) => [r.id, r]));
    expect(byId.get("IPT201").properties["security-severity"]).toBe("8.0");
    expect(byId.get("IPT202").properties["security-severity"]).toBe("5.0");
    expect(byId.get("IPT206").properties["security-severity"]).toBe("2.0");
    expect(byId.get("IPT206").defaultConfiguration.level).toBe("note");
    expect(byId.get("IPT202").properties.tags).toContain("security");
    expect(byId.get("IPT011").properties["security-severity"]).toBeUndefined();
    expect(byId.get("IPT202").help.markdown).toContain("### Why");
  });

  it("points each result's ruleIndex at its rule", () => {
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it("maps severities to levels and keeps 1-based regions with the exclusive end column", () => {
    const host = run.results.filter((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri === "hosts/docker-host.rules" && !r.suppressions);
    expect(host.map((r: Json) => [r.ruleId, r.level])).toEqual([
      ["IPT202", "warning"],
      ["IPT204", "warning"],
      ["IPT011", "error"],
      ["IPT206", "note"],
    ]);
    expect(host[2].locations[0].physicalLocation.region).toEqual({ startLine: 20, startColumn: 17, endLine: 20, endColumn: 25 });
    expect(host[1].relatedLocations[0].physicalLocation.region.startLine).toBe(11);
  });

  it("reports suppressed findings as results with their suppression and justification", () => {
    const suppressed = run.results.filter((r: Json) => r.suppressions);
    expect(suppressed.map((r: Json) => r.suppressions[0].kind)).toEqual(["inSource", "external"]);
    expect(suppressed[0].suppressions[0].justification).toBe("staging mirror, firewalled upstream");
    expect(suppressed[1].suppressions[0].justification).toBe("\\x1b]0;pwned\\x1b\\ accepted");
  });

  it("reports unreadable files as failed execution with a notification", () => {
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toBe("cannot read missing.rules: no such file");
    expect(sarif([dockerHostReport()]).runs[0].invocations[0]).toEqual({ executionSuccessful: true });
  });

  it("gives each result a partial fingerprint that does not depend on suppression", () => {
    const active = placedFindings(report("h.rules", DOCKER_HOST));
    const withSuppression = placedFindings(dockerHostReport());
    expect(withSuppression.map((p) => p.fingerprint)).toEqual(active.map((p) => p.fingerprint));
    for (const r of run.results) expect(r.partialFingerprints["iptlint/v1"]).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("artifact locations", () => {
  it.each([
    ["hosts/a.rules", { uri: "hosts/a.rules", uriBaseId: "%SRCROOT%" }],
    ["./a.rules", { uri: "a.rules", uriBaseId: "%SRCROOT%" }],
    ["<stdin>", { uri: "%3Cstdin%3E", uriBaseId: "%SRCROOT%" }],
    ["my rules#1.v4", { uri: "my%20rules%231.v4", uriBaseId: "%SRCROOT%" }],
    ["/etc/iptables/rules.v4", { uri: "file:///etc/iptables/rules.v4" }],
    ["bad\x1b\ud800.rules", { uri: "bad%1B%EF%BF%BD.rules", uriBaseId: "%SRCROOT%" }],
  ])("%j → %j", (path, expected) => {
    expect(artifactLocation(path)).toEqual(expected);
  });
});
