import { describe, expect, it } from "vitest";
import { applyRuleConfig } from "../../src/config/apply.js";
import { parseConfig } from "../../src/config/parse.js";
import { lintText } from "../../src/lint.js";
import { hostDump } from "../suppress/host.js";

const findings = lintText(hostDump()).findings;
const summary = (fs: readonly { code: string; severity: string }[]) => fs.map((f) => `${f.code}:${f.severity}`);

function configured(rules: string) {
  const { config, problems } = parseConfig(`{"rules": ${rules}}`, "/r/.iptlintrc.json");
  expect(problems).toEqual([]);
  return summary(applyRuleConfig(findings, config));
}

describe("applyRuleConfig", () => {
  it("keeps findings as they are without a configuration, and with 'on'", () => {
    expect(summary(findings)).toEqual(["IPT202:error", "IPT202:warning", "IPT206:info"]);
    expect(summary(applyRuleConfig(findings, undefined))).toEqual(summary(findings));
    expect(configured('{"published-on-all-interfaces": "on"}')).toEqual(["IPT202:error", "IPT202:warning", "IPT206:info"]);
  });

  it("drops the findings of rules that are off", () => {
    expect(configured('{"icc-open": "off"}')).toEqual(["IPT202:error", "IPT202:warning"]);
  });

  it("rewrites the severity of every finding of an overridden rule", () => {
    expect(configured('{"IPT202": "info", "IPT206": "error"}')).toEqual(["IPT202:info", "IPT202:info", "IPT206:error"]);
  });
});
