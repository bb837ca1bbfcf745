import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { SourceLines } from "../../src/source.js";
import { settleFindings } from "../../src/suppress/pipeline.js";
import { at, DB_RULE, lintHost } from "./host.js";

function settle(edit: (t: string) => string, configText: string) {
  const { config, problems } = parseConfig(configText, "/r/.iptlintrc.json");
  expect(problems).toEqual([]);
  const r = lintHost(edit);
  return settleFindings({ path: "rules.v4", findings: r.findings, dump: r.dump, source: new SourceLines(r.text), today: "2026-11-15", ...(config ? { config } : {}) });
}

describe("settleFindings", () => {
  it("applies the configuration before the directives, so a directive for a rule that is off is unused", () => {
    const s = settle((t) => t.replace(DB_RULE, `# iptlint-disable-next-line IPT202\n${DB_RULE}`), '{"rules": {"IPT202": "off"}}');
    expect(s.findings.map(at)).toEqual(["IPT206@28"]);
    expect(s.suppressed).toEqual([]);
    expect(s.unused.map((f) => f.message)).toEqual(["iptlint-disable-next-line IPT202: IPT202 silenced nothing: no IPT202 finding on the next rule line"]);
  });

  it("applies the configuration to the findings the directives add", () => {
    const s = settle((t) => `# iptlint-disable-next-line IPT999\n# iptlint-enable IPT202\n${t}`, '{"rules": {"invalid-suppression": "error", "unused-suppression": "off"}}');
    expect(s.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(["IPT033:error", "IPT202:error", "IPT202:warning", "IPT206:info"]);
    expect(s.unused).toEqual([]);
    expect(s.baselineCandidates).toEqual(s.findings);
  });
});
