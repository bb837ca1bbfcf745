import { describe, expect, it } from "vitest";
import { applySuppressions } from "../../src/suppress/apply.js";
import { at, DB_RULE, lintHost, lineOf, WEB_RULE } from "./host.js";

/** Lints the host with `edit` applied and runs the dump's directives over its findings. */
function suppress(edit: (text: string) => string) {
  const r = lintHost(edit);
  const s = applySuppressions(r.findings, { dump: r.dump });
  return { ...s, text: r.text, line: (needle: string) => lineOf(r.text, needle) };
}

const above = (rule: string, ...lines: string[]) => (t: string) => t.replace(rule, [...lines, rule].join("\n"));
const withComment = (rule: string, comment: string) => (t: string) => t.replace(rule, rule.replace(" -j DNAT", ` -m comment --comment ${comment} -j DNAT`));

describe("applySuppressions", () => {
  it("leaves every finding active when the dump has no directive", () => {
    const s = suppress((t) => t);
    expect(s.active.map(at)).toEqual(["IPT202@11", "IPT202@12", "IPT206@27"]);
    expect(s.suppressed).toEqual([]);
    expect(s.unused).toEqual([]);
  });

  it("disable-next-line silences the next rule line, skipping blank and comment lines, and keeps the reason", () => {
    const s = suppress(above(DB_RULE, "# iptlint-disable-next-line IPT202 -- reachable only through the VPN", "", "# PostgreSQL"));
    expect(s.suppressed.map((x) => [at(x.finding), x.kind, x.via, x.justification])).toEqual([[`IPT202@${s.line(DB_RULE)}`, "inSource", "comment", "reachable only through the VPN"]]);
    expect(s.active.map(at)).toContain(`IPT202@${s.line(WEB_RULE)}`);
    expect(s.unused).toEqual([]);
  });

  it("disable-next-line takes rule names and works without a reason", () => {
    const s = suppress(above(WEB_RULE, "# iptlint-disable-next-line published-on-all-interfaces"));
    expect(s.suppressed.map((x) => at(x.finding))).toEqual([`IPT202@${s.line(WEB_RULE)}`]);
    expect(s.suppressed[0]).not.toHaveProperty("justification");
    expect(s.active.map(at)).toContain(`IPT202@${s.line(DB_RULE)}`);
  });

  it("disable … enable silences the named rule between the two lines only", () => {
    const s = suppress(above(DB_RULE, "# iptlint-disable IPT202 -- legacy database, moving in Q3"));
    const t = suppress((x) => above(DB_RULE, "# iptlint-disable ipt202")(x).replace(DB_RULE, `${DB_RULE}\n# iptlint-enable IPT202`));
    expect(s.suppressed.map((x) => at(x.finding))).toEqual([`IPT202@${s.line(DB_RULE)}`, `IPT202@${s.line(WEB_RULE)}`]);
    expect(s.suppressed.every((x) => x.justification === "legacy database, moving in Q3")).toBe(true);
    expect(t.suppressed.map((x) => at(x.finding))).toEqual([`IPT202@${t.line(DB_RULE)}`]);
    expect(t.active.map(at)).toContain(`IPT202@${t.line(WEB_RULE)}`);
    expect(t.unused).toEqual([]);
  });

  it("disable without codes silences every rule; enable CODE re-enables that rule only", () => {
    const s = suppress((x) => `# iptlint-disable\n${x.replace(WEB_RULE, `# iptlint-enable IPT202\n${WEB_RULE}`)}`);
    expect(s.suppressed.map((x) => at(x.finding))).toEqual([`IPT202@${s.line(DB_RULE)}`, `IPT206@${s.line("-A FORWARD -i docker0 -o docker0 -j ACCEPT")}`]);
    expect(s.active.map(at)).toEqual([`IPT202@${s.line(WEB_RULE)}`]);
  });

  it("enable without codes closes every range", () => {
    const s = suppress((x) => `# iptlint-disable IPT202, IPT206\n${x.replace("*filter", "# iptlint-enable\n*filter")}`);
    expect(s.suppressed.map((x) => x.finding.code)).toEqual(["IPT202", "IPT202"]);
    expect(s.active.map((f) => f.code)).toEqual(["IPT206"]);
    expect(s.unused.map((f) => f.message)).toEqual(["iptlint-disable IPT202, IPT206: IPT206 silenced nothing: no IPT206 finding in its range"]);
  });

  it("disable-file silences the named rules everywhere, wherever it stands", () => {
    const s = suppress((x) => `${x}# iptlint-disable-file IPT202, icc-open -- lab host\n`);
    expect(s.suppressed.map((x) => [x.finding.code, x.justification])).toEqual([
      ["IPT202", "lab host"],
      ["IPT202", "lab host"],
      ["IPT206", "lab host"],
    ]);
    expect(s.active).toEqual([]);
  });

  it("a rule comment silences the named rules on its own rule, with the reason after ':'", () => {
    const s = suppress(withComment(WEB_RULE, '"iptlint-disable IPT202, user-rule-in-docker-chain: behind the reverse proxy"'));
    const line = s.line("--dport 8080");
    expect(s.suppressed.map((x) => [at(x.finding), x.kind, x.via, x.justification])).toEqual([
      [`IPT202@${line}`, "inSource", "rule-comment", "behind the reverse proxy"],
      [`IPT208@${line}`, "inSource", "rule-comment", "behind the reverse proxy"],
    ]);
    expect(s.active.map(at)).toEqual([`IPT202@${s.line(DB_RULE)}`, "IPT206@27"]);
    expect(s.unused).toEqual([]);
  });

  it("an unquoted rule comment without codes or reason silences every rule on its rule", () => {
    const s = suppress(withComment(DB_RULE, "iptlint-disable"));
    const line = s.line("--dport 5432");
    expect(s.suppressed.map((x) => at(x.finding)).sort()).toEqual([`IPT202@${line}`, `IPT208@${line}`]);
    expect(s.suppressed.every((x) => x.justification === undefined)).toBe(true);
  });

  it("reports an unknown rule name with the nearest valid one, and still applies the valid ones", () => {
    const s = suppress(above(DB_RULE, "# iptlint-disable-next-line IPT2O2, publishd-on-all-interfaces, IPT202"));
    const invalid = s.active.filter((f) => f.name === "invalid-suppression");
    expect(invalid.map((f) => [f.code, f.severity, f.message])).toEqual([
      ["IPT033", "warning", 'iptlint-disable-next-line IPT202: unknown rule "IPT2O2"; did you mean "IPT202"? (see iptlint rules)'],
      ["IPT033", "warning", 'iptlint-disable-next-line IPT202: unknown rule "publishd-on-all-interfaces"; did you mean "published-on-all-interfaces"? (see iptlint rules)'],
    ]);
    expect(invalid[0]?.span).toEqual({ start: { line: s.line(DB_RULE) - 1, column: 3 }, end: { line: s.line(DB_RULE) - 1, column: 71 } });
    expect(s.suppressed.map((x) => at(x.finding))).toEqual([`IPT202@${s.line(DB_RULE)}`]);
  });

  it("a directive naming only unknown rules silences nothing (it does not become 'all rules')", () => {
    const s = suppress(above(DB_RULE, "# iptlint-disable-next-line no-such-rule"));
    expect(s.suppressed).toEqual([]);
    expect(s.active.map((f) => f.message)).toContain('iptlint-disable-next-line: unknown rule "no-such-rule" (see iptlint rules)');
  });

  it("reports misspelt directives and directives a rule comment cannot hold", () => {
    const s = suppress((x) => withComment(WEB_RULE, '"iptlint-disable-next-line IPT202"')(`# iptlint-disabel-next-line IPT202\n${x}`));
    expect(s.active.filter((f) => f.code === "IPT033").map((f) => f.message)).toEqual([
      'unknown directive "iptlint-disabel-next-line"; did you mean "iptlint-disable-next-line"? (known: iptlint-disable-next-line, iptlint-disable, iptlint-enable, iptlint-disable-file)',
      '"iptlint-disable-next-line" does not work in a rule comment: only "iptlint-disable CODE[, CODE…][: reason]" does, and it applies to its own rule',
    ]);
    expect(s.suppressed).toEqual([]);
  });

  it("ignores ordinary comments that mention iptlint", () => {
    const s = suppress((x) => `# checked by iptlint every night\n# iptlint: see README\n${x}`);
    expect(s.active.map((f) => f.code)).toEqual(["IPT202", "IPT202", "IPT206"]);
  });

  it("reports directives, and codes within them, that silenced nothing", () => {
    const s = suppress((x) =>
      above(DB_RULE, "# iptlint-disable-next-line IPT202, IPT203")(x)
        .replace("*filter", "# iptlint-enable IPT217\n*filter")
        .concat("# iptlint-disable-next-line\n"),
    );
    expect(s.unused.map((f) => [f.code, f.severity, f.span.start.line, f.message])).toEqual([
      ["IPT034", "info", s.line(DB_RULE) - 1, "iptlint-disable-next-line IPT202, IPT203: IPT203 silenced nothing: no IPT203 finding on the next rule line"],
      ["IPT034", "info", s.line("# iptlint-enable IPT217"), "iptlint-enable IPT217 re-enables a rule that no earlier iptlint-disable turned off"],
      ["IPT034", "info", s.line("# iptlint-disable-next-line"), "iptlint-disable-next-line silenced nothing: no finding on the next rule line"],
    ]);
    expect(s.unused[0]?.help).toBe("remove IPT203 from the directive");
  });

  it("counts a rule comment whose rule has no such finding as unused", () => {
    const s = suppress(withComment(WEB_RULE, '"iptlint-disable IPT206, IPT208"'));
    expect(s.unused.map((f) => f.message)).toEqual(["iptlint-disable IPT206, IPT208: IPT206 silenced nothing: no IPT206 finding on its rule"]);
    expect(s.unused[0]?.span.start.line).toBe(s.line("--dport 8080"));
  });
});
