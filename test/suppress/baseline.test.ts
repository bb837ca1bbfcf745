import { describe, expect, it } from "vitest";
import { fingerprints } from "../../src/report/fingerprint.js";
import { SourceLines } from "../../src/source.js";
import { applyBaseline } from "../../src/suppress/apply-baseline.js";
import { parseBaseline, writeBaseline, type Baseline } from "../../src/suppress/baseline.js";
import { settleFindings } from "../../src/suppress/pipeline.js";
import { at, DB_RULE, lintHost, lineOf, WEB_RULE } from "./host.js";

const TODAY = "2026-11-15";

/** Removes a published port: its DNAT rule and its filter DOCKER accept rule. */
const withoutService = (dnat: string, accept: string) => (t: string) =>
  t
    .split("\n")
    .filter((l) => l !== dnat && !l.endsWith(accept))
    .join("\n");

/** Lints the (edited) host and settles its findings against `baseline`, like the CLI. */
function settle(edit?: (t: string) => string, baseline?: Baseline) {
  const r = lintHost(edit);
  const settled = settleFindings({ path: "hosts/db/rules.v4", findings: r.findings, dump: r.dump, source: new SourceLines(r.text), today: TODAY, ...(baseline ? { baseline } : {}) });
  return { ...settled, text: r.text };
}

function baselineOf(edit?: (t: string) => string): Baseline {
  const s = settle(edit);
  const parsed = parseBaseline(writeBaseline([{ path: "./hosts/db/rules.v4", findings: s.baselineCandidates, source: new SourceLines(s.text) }]));
  expect(parsed.problems).toEqual([]);
  return parsed.baseline as Baseline;
}

describe("baseline round trip", () => {
  it("writes one entry per finding, and the parsed baseline suppresses them all", () => {
    const baseline = baselineOf();
    expect(baseline.entries.map((e) => [e.code, e.name, e.path, e.line])).toEqual([
      ["IPT202", "published-on-all-interfaces", "hosts/db/rules.v4", 11],
      ["IPT202", "published-on-all-interfaces", "hosts/db/rules.v4", 12],
      ["IPT206", "icc-open", "hosts/db/rules.v4", 27],
    ]);
    const s = settle(undefined, baseline);
    expect(s.findings).toEqual([]);
    expect(s.unused).toEqual([]);
    expect(s.suppressed.map((x) => [at(x.finding), x.kind, x.via])).toEqual([
      ["IPT202@11", "external", "baseline"],
      ["IPT202@12", "external", "baseline"],
      ["IPT206@27", "external", "baseline"],
    ]);
  });

  it("keeps suppressing when unrelated lines are inserted above, since fingerprints do not depend on line numbers", () => {
    const baseline = baselineOf();
    const edit = (t: string) => `# saved by cron\n${t.replace(":DOCKER - [0:0]", ":DOCKER - [0:0]\n-A PREROUTING -p tcp -m tcp --dport 2222 -j REDIRECT --to-ports 22")}`;
    const before = lintHost();
    const after = lintHost(edit);
    expect(after.findings.map((f) => f.span.start.line)).not.toEqual(before.findings.map((f) => f.span.start.line));
    expect(fingerprints(after.findings, new SourceLines(after.text))).toEqual(fingerprints(before.findings, new SourceLines(before.text)));
    const s = settle(edit, baseline);
    expect(s.findings).toEqual([]);
    expect(s.suppressed).toHaveLength(3);
  });

  it("reports a new finding, and an entry whose finding is gone as unused", () => {
    const baseline = baselineOf(withoutService(WEB_RULE, "--dport 80 -j ACCEPT"));
    const s = settle(withoutService(DB_RULE, "--dport 5432 -j ACCEPT"), baseline);
    expect(s.findings.map(at)).toEqual(["IPT202@11"]);
    expect(s.findings[0]?.message).toMatch(/8080/);
    expect(s.unused.map((f) => [f.code, f.span.start.line, f.message])).toEqual([["IPT034", 1, "the baseline entry for IPT202 published-on-all-interfaces (recorded at line 11) matched no finding"]]);
  });

  it("only matches entries of the same path", () => {
    const baseline = baselineOf();
    const r = lintHost();
    const result = applyBaseline(r.findings, fingerprints(r.findings, new SourceLines(r.text)), "hosts/web/rules.v4", baseline, TODAY);
    expect(result.active).toHaveLength(3);
    expect(result.suppressed).toEqual([]);
    expect(result.unused).toEqual([]);
  });

  it("an expired entry no longer suppresses and yields a baseline-entry-expired finding with its date", () => {
    const baseline = baselineOf();
    const withDates: Baseline = {
      ...baseline,
      entries: baseline.entries.map((e, i) => (i === 0 ? { ...e, expires: "2026-11-14", reason: "DB moves behind the VPN in November" } : i === 1 ? { ...e, expires: TODAY } : e)),
    };
    const s = settle(undefined, withDates);
    expect(s.findings.map((f) => [at(f), f.severity])).toEqual([
      ["IPT035@11", "warning"],
      ["IPT202@11", "error"],
    ]);
    expect(s.findings[0]?.message).toBe("the baseline entry for this IPT202 published-on-all-interfaces finding expired on 2026-11-14 (reason given: DB moves behind the VPN in November), so it is reported again");
    expect(s.suppressed.map((x) => at(x.finding))).toEqual(["IPT202@12", "IPT206@27"]);
    expect(s.unused).toEqual([]);
  });

  it("carries reason and expires into the justification and into a rewritten baseline", () => {
    const baseline = baselineOf();
    const edited: Baseline = { ...baseline, entries: baseline.entries.map((e) => ({ ...e, reason: `accepted ${e.code}`, expires: "2027-01-31" })) };
    const s = settle(undefined, edited);
    expect(s.suppressed.map((x) => x.justification)).toEqual(["accepted IPT202", "accepted IPT202", "accepted IPT206"]);
    const rewritten = parseBaseline(writeBaseline([{ path: "hosts/db/rules.v4", findings: s.baselineCandidates, source: new SourceLines(s.text) }], edited)).baseline;
    expect(rewritten?.entries.map((e) => [e.reason, e.expires])).toEqual([
      ["accepted IPT202", "2027-01-31"],
      ["accepted IPT202", "2027-01-31"],
      ["accepted IPT206", "2027-01-31"],
    ]);
  });

  it("writes the documented format", () => {
    const s = settle();
    const text = writeBaseline([{ path: "rules.v4", findings: s.baselineCandidates.slice(0, 1), source: new SourceLines(s.text) }]);
    const json = JSON.parse(text) as { version: number; entries: Record<string, unknown>[] };
    expect(json.version).toBe(1);
    expect(Object.keys(json.entries[0] ?? {})).toEqual(["fingerprint", "code", "name", "path", "line", "message"]);
    expect(json.entries[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(text.endsWith("}\n")).toBe(true);
  });
});

describe("parseBaseline", () => {
  const entry = { fingerprint: "0123456789abcdef0123456789abcdef", code: "IPT202", name: "published-on-all-interfaces", path: "rules.v4", line: 3, message: "m" };
  const problemsOf = (value: unknown) => parseBaseline(JSON.stringify(value, null, 2)).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

  it.each([
    ["a wrong version", { version: 2, entries: [] }, ["2:14 version: unsupported baseline version 2; this iptlint reads version 1"]],
    ["a date that does not exist", { version: 1, entries: [{ ...entry, expires: "2026-02-30" }] }, ['11:18 entries[0].expires: expected a date YYYY-MM-DD, got "2026-02-30"']],
    ["a misspelt key", { version: 1, entries: [{ ...entry, reson: "x" }] }, ['11:7 entries[0].reson: unknown key; did you mean "reason"? (known keys: fingerprint, code, name, path, line, message, expires, reason)']],
    ["a missing fingerprint", { version: 1, entries: [{ ...entry, fingerprint: undefined }] }, ["4:5 entries[0].fingerprint: missing (required)"]],
    ["a bad line", { version: 1, entries: [{ ...entry, line: "3" }] }, ["9:15 entries[0].line: expected a line number, got a string"]],
  ])("reports %s with its position", (_name, value, expected) => {
    expect(problemsOf(value)).toEqual(expected);
  });

  it("reports JSON syntax errors with line and column", () => {
    expect(parseBaseline('{\n  "version": 1,\n  "entries": [,]\n}\n').problems).toEqual([{ message: "JSON syntax error: unexpected ',', expected a value", line: 3, column: 15 }]);
  });

  it("lineOf helper finds rules (sanity check of the test host)", () => {
    expect(lineOf(settle().text, DB_RULE)).toBe(11);
  });
});
