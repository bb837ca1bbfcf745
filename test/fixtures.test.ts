/**
 * Every dump under fixtures/ carries its expectations inline: a `# expect: X[, Y…]` comment
 * names the findings on the line after it, each by rule name (`published-on-all-interfaces`)
 * or by code (`IPT202`). A fixture must produce exactly those findings (all severities), no
 * more and no fewer; each finding is compared in the form its marker used, so a finding no
 * marker names shows up by its code. Files under fixtures/probes/ are probe data, not dumps,
 * and only *.rules, *.save, *.save6 and *.txt files are read (a `*.rules.pending` fixture
 * waits for a rule fix and stays out of the exact check).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../src/ast/detect.js";
import type { Finding } from "../src/findings.js";
import { lintText } from "../src/lint.js";

const ROOT = new URL("../fixtures/", import.meta.url).pathname;

function dumps(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "probes" ? [] : dumps(path);
    return /\.(rules|txt|save6?)$/.test(name) ? [path] : [];
  });
}

/** `<line> <name or code>` for every entry of every `# expect:` marker (the line after the marker). */
function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /^# expect: (.+)$/.exec(line.replace(/\r$/, ""));
    if (m) for (const entry of (m[1] as string).split(",")) out.push(`${i + 2} ${entry.trim()}`);
  });
  return out.sort();
}

/**
 * Each finding as `<line> <name>` when a marker on its line still has that name unclaimed,
 * else as `<line> <code>`: a marker by name and one by code each claim one finding, and a
 * finding nobody expected appears by code (an extra entry the comparison rejects).
 */
function actualFindings(findings: readonly Pick<Finding, "code" | "name" | "span">[], expected: readonly string[]): string[] {
  const unclaimed = new Map<string, number>();
  for (const e of expected) unclaimed.set(e, (unclaimed.get(e) ?? 0) + 1);
  const claim = (key: string): boolean => {
    const left = unclaimed.get(key) ?? 0;
    if (left === 0) return false;
    unclaimed.set(key, left - 1);
    return true;
  };
  // Claim by name first for all findings, so that a code marker is not taken by a finding that a name marker names.
  const byName = findings.map((f) => claim(`${f.span.start.line} ${f.name}`));
  return findings.map((f, i) => (byName[i] ? `${f.span.start.line} ${f.name}` : `${f.span.start.line} ${f.code}`)).sort();
}

describe("expect markers", () => {
  const finding = (line: number, code: string, name: string) => ({ code, name, span: { start: { line, column: 1 }, end: { line, column: 2 } } });
  const cases: [string, string, ReturnType<typeof finding>[], boolean][] = [
    ["a code marker matches", "# expect: IPT202\nx", [finding(2, "IPT202", "published-on-all-interfaces")], true],
    ["a name marker matches", "# expect: published-on-all-interfaces\nx", [finding(2, "IPT202", "published-on-all-interfaces")], true],
    ["name and code mixed on one line", "# expect: icc-open, IPT101\nx", [finding(2, "IPT101", "undefined-chain"), finding(2, "IPT206", "icc-open")], true],
    ["a missing finding fails", "# expect: icc-open\nx", [], false],
    ["an extra finding fails", "# expect: icc-open\nx", [finding(2, "IPT206", "icc-open"), finding(2, "IPT202", "published-on-all-interfaces")], false],
    ["a finding on another line fails", "# expect: icc-open\nx\ny", [finding(3, "IPT206", "icc-open")], false],
    ["a name marker does not match another rule's code", "# expect: icc-open\nx", [finding(2, "IPT202", "published-on-all-interfaces")], false],
    ["two findings of one rule need two entries", "# expect: icc-open\nx", [finding(2, "IPT206", "icc-open"), finding(2, "IPT206", "icc-open")], false],
    ["two entries claim two findings", "# expect: icc-open, IPT206\nx", [finding(2, "IPT206", "icc-open"), finding(2, "IPT206", "icc-open")], true],
  ];
  it.each(cases)("%s", (_title, text, findings, matches) => {
    const expected = expectedFindings(text);
    expect(actualFindings(findings, expected).join("|") === expected.join("|")).toBe(matches);
  });
});

describe("fixtures", () => {
  const files = dumps(ROOT);

  it("exist", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s gives exactly the findings its # expect: lines name", (_name, path) => {
    const text = readFileSync(path, "utf8");
    const family = familyFromFileName(path);
    const result = lintText(text, family ? { family: { family, source: "file name" } } : {});
    const expected = expectedFindings(text);
    expect(actualFindings(result.findings, expected)).toEqual(expected);
  });
});
