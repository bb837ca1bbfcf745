/**
 * Every format over every dump in fixtures/ (Docker layouts of each era, syntax errors, CRLF,
 * iptables -S): the machine formats parse (JSON) or are well formed (XML), and SARIF validates
 * against its schema — on findings of every code the fixtures raise, not only the report fixtures'.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import { FORMAT_NAMES, renderReport } from "../../src/report/formats.js";
import type { FileReport } from "../../src/report/types.js";
import { decodeSource, SourceLines } from "../../src/source.js";
import { TOOL_VERSION } from "./fixtures.js";
import { hasSarifSchema, SCHEMA_NOTE, sarifValidator } from "./sarif-schema.js";
import { xmlProblems } from "./xml-check.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function dumpFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dumpFiles(path);
    return /\.(rules|save6|txt)$/.test(name) ? [path] : [];
  });
}

const reports: FileReport[] = dumpFiles(join(ROOT, "fixtures")).map((path) => {
  const { text, findings } = decodeSource(readFileSync(path));
  return { path: relative(ROOT, path), findings: [...findings, ...lintText(text).findings], source: new SourceLines(text) };
});

describe("every format over the fixture dumps", () => {
  it("has dumps with findings of every severity to render", () => {
    const severities = new Set(reports.flatMap((r) => r.findings.map((f) => f.severity)));
    expect([...severities].sort()).toEqual(["error", "info", "warning"]);
  });

  it.each(FORMAT_NAMES.map((f) => [f]))("%s renders them as a well-formed document", (format) => {
    const out = renderReport(format, reports, { colour: false, toolVersion: TOOL_VERSION });
    if (format === "json" || format === "sarif" || format === "gitlab") expect(() => JSON.parse(out)).not.toThrow();
    if (format === "checkstyle" || format === "junit") expect(xmlProblems(out)).toEqual([]);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it.skipIf(!hasSarifSchema)(`SARIF validates against the 2.1.0 schema (${SCHEMA_NOTE})`, () => {
    const validate = sarifValidator();
    validate(JSON.parse(renderReport("sarif", reports, { colour: false, toolVersion: TOOL_VERSION })));
    expect(validate.errors ?? []).toEqual([]);
  });
});
