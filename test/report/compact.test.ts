import { describe, expect, it } from "vitest";
import { compactReport } from "../../src/report/compact.js";
import { allReports, CLEAN_DUMP, report } from "./fixtures.js";

describe("the compact report", () => {
  const lines = compactReport(allReports()).trimEnd().split("\n");

  it("writes one `path:line:col: severity CODE message [name]` line per active finding", () => {
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning|info) IPT\d{3} .+ \[[a-z0-9-]+\]$/);
    expect(lines[2]).toBe("hosts/docker-host.rules:20:17: error IPT011 unknown option `--dportt' [unknown-option]");
  });

  it("writes nothing for clean files", () => {
    expect(compactReport([report("<stdin>", CLEAN_DUMP)])).toBe("");
  });
});
