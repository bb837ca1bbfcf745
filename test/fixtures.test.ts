/**
 * Every dump under fixtures/ carries its expectations inline: a `# expect: CODE[,CODE…]`
 * comment names the findings on the line after it. A fixture must produce exactly those
 * findings (all severities), no more and no fewer. Files under fixtures/probes/ are probe
 * data, not dumps.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../src/ast/detect.js";
import { lintText } from "../src/lint.js";

const ROOT = new URL("../fixtures/", import.meta.url).pathname;

function dumps(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "probes" ? [] : dumps(path);
    return /\.(rules|txt|save6?)$/.test(name) ? [path] : [];
  });
}

function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /^# expect: (.+)$/.exec(line.replace(/\r$/, ""));
    if (m) for (const code of (m[1] as string).split(",")) out.push(`${i + 2} ${code.trim()}`);
  });
  return out.sort();
}

describe("fixtures", () => {
  const files = dumps(ROOT);

  it("exist", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s gives exactly the findings its # expect: lines name", (_name, path) => {
    const text = readFileSync(path, "utf8");
    const family = familyFromFileName(path);
    const result = lintText(text, family ? { family: { family, source: "file name" } } : {});
    const actual = result.findings.map((f) => `${f.span.start.line} ${f.code}`).sort();
    expect(actual).toEqual(expectedFindings(text));
  });
});
