/**
 * Every format on the same reports: the output matches its golden file, carries no raw
 * control character from the dump, and the registry renders each name it lists.
 */
import { describe, expect, it } from "vitest";
import { FORMAT_NAMES, isFormatName, renderReport, type FormatName } from "../../src/report/formats.js";
import { allReports, ESC, TOOL_VERSION } from "./fixtures.js";
import { expectGolden } from "./golden.js";

const GOLDEN_EXTENSION: Readonly<Record<FormatName, string>> = {
  text: "txt",
  stylish: "txt",
  compact: "txt",
  json: "json",
  sarif: "sarif.json",
  github: "txt",
  gitlab: "json",
  checkstyle: "xml",
  junit: "xml",
};

const files = allReports();

describe.each(FORMAT_NAMES.map((f) => [f]))("the %s format", (format) => {
  const plain = renderReport(format, files, { colour: false, toolVersion: TOOL_VERSION });

  it("matches its golden file", () => {
    expectGolden(`${format}.${GOLDEN_EXTENSION[format]}`, plain);
  });

  it("never writes the dump's ESC bytes or other control characters, even in colour", () => {
    const coloured = renderReport(format, files, { colour: true, toolVersion: TOOL_VERSION });
    for (const out of [plain, coloured]) {
      // kleur's own colour codes are the only ESC allowed, and only in colour output.
      const withoutOwnColour = out === coloured ? out.replace(/\x1b\[\d+(;\d+)*m/g, "") : out;
      expect(withoutOwnColour).not.toContain(ESC);
      expect(withoutOwnColour).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect(plain).not.toContain(ESC);
  });

  it("names each file that has findings", () => {
    expect(plain).toContain("docker-host.rules");
  });
});

describe("the format registry", () => {
  it("knows its names and nothing else", () => {
    for (const name of FORMAT_NAMES) expect(isFormatName(name)).toBe(true);
    for (const name of ["", "TEXT", "xml", "sarif2"]) expect(isFormatName(name)).toBe(false);
  });

  it("gives every format different output", () => {
    const outputs = FORMAT_NAMES.map((f) => renderReport(f, files, { colour: false, toolVersion: TOOL_VERSION }));
    expect(new Set(outputs).size).toBe(FORMAT_NAMES.length);
  });

  it("colours only the human formats, and only when asked", () => {
    for (const format of FORMAT_NAMES) {
      const coloured = renderReport(format, files, { colour: true, toolVersion: TOOL_VERSION });
      expect(coloured.includes(ESC), format).toBe(format === "text" || format === "stylish");
    }
  });
});
