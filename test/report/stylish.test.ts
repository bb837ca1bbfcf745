import { describe, expect, it } from "vitest";
import { span, type Finding } from "../../src/findings.js";
import { stylishReport } from "../../src/report/stylish.js";
import { SourceLines } from "../../src/source.js";
import { allReports, CLEAN_DUMP, dockerHostReport, report } from "./fixtures.js";

const ANSI = /\x1b\[\d+(;\d+)*m/g;

describe("the stylish report", () => {
  it("groups findings under their file with aligned positions and severities, and [name CODE] last", () => {
    const lines = stylishReport([dockerHostReport()], false).split("\n");
    expect(lines[0]).toBe("hosts/docker-host.rules");
    const heads = lines.filter((l) => /^ {2}\d/.test(l));
    expect(heads.map((l) => l.slice(0, 18))).toEqual(["  11:1   warning  ", "  12:1   warning  ", "  20:17  error    ", "  25:1   info     "]);
    expect(heads[2]).toBe("  20:17  error    unknown option `--dportt'  [unknown-option IPT011]");
  });

  it("underlines the span under the offending line, then help and remediation", () => {
    const out = stylishReport([dockerHostReport()], false);
    expect(out).toContain(["    -A INPUT -p tcp --dportt 22 -j ACCEPT", "                    ^~~~~~~~", "    help: did you mean --dport?"].join("\n"));
    expect(out).toContain("    fix now: iptables -I DOCKER-USER -i docker0 -o docker0 -j DROP\n    durable fix: set \"icc\": false");
  });

  it("ends with the counts, the suppressed findings and the unread files", () => {
    expect(stylishReport(allReports(), false).trimEnd().split("\n").at(-1)).toBe("✖ 6 problems (3 errors, 2 warnings, 1 info), 2 suppressed, 1 file not read");
    const one: Finding = { code: "IPT206", name: "icc-open", severity: "info", message: "m", span: span(1, 1, 2) };
    expect(stylishReport([{ path: "x", findings: [one] }], false).trimEnd().split("\n").at(-1)).toBe("✖ 1 problem (0 errors, 0 warnings, 1 info)");
  });

  it("prints nothing for clean files, and only the suppressed count when everything was suppressed", () => {
    expect(stylishReport([report("<stdin>", CLEAN_DUMP)], false)).toBe("");
    const all = report("a.rules", dockerHostReport().source?.text ?? "", () => true);
    expect(stylishReport([all], false)).toBe("✔ 0 problems (0 errors, 0 warnings, 0 infos), 5 suppressed\n");
  });

  it("colours only when asked, and the coloured text is the plain text plus colour codes", () => {
    const plain = stylishReport(allReports(), false);
    const coloured = stylishReport(allReports(), true);
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, "")).toBe(plain);
  });

  it("underlines a span that runs onto later lines to the end of its first line", () => {
    const source = new SourceLines("-A INPUT -j X\nmore\n");
    const f: Finding = { code: "IPT030", name: "unknown-line", severity: "error", message: "m", span: span(1, 4, 3, 2) };
    expect(stylishReport([{ path: "x", findings: [f], source }], false)).toContain("    -A INPUT -j X\n       ^~~~~~~~~~\n");
  });
});
