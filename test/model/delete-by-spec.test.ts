/**
 * `-D CHAIN rule-spec` in a restore file. Expectations from the kernel oracle
 * (../shared/tools/oracle, iptables 1.8.9, both backends agree): the first rule equal after
 * parsing is deleted; no equal rule fails the line with "Bad rule (does a matching rule exist
 * in that chain?)".
 */
import { describe, expect, it } from "vitest";
import { printRuleset } from "../../src/format/print.js";
import { lintText } from "../../src/lint.js";

const dump = (...lines: string[]) => ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ...lines, "COMMIT", ""].join("\n");

describe("-D CHAIN rule-spec", () => {
  it.each([
    ["spelled differently, equal once parsed", ["-A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT", "-D INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT"], []],
    ["the first of two equal rules (10.0.0.1/8 is 10.0.0.0/8)", ["-A INPUT -s 10.0.0.1/8 -j ACCEPT", "-A INPUT -s 10.0.0.0/8 -j ACCEPT", "-D INPUT -s 10.0.0.0/8 -j ACCEPT"], ["-A INPUT -s 10.0.0.0/8 -j ACCEPT"]],
    ["only the equal one among others", ["-A INPUT -i lo -j ACCEPT", "-A INPUT -p icmp -j ACCEPT", "-D INPUT -p icmp -j ACCEPT"], ["-A INPUT -i lo -j ACCEPT"]],
  ])("deletes %s", (_name, lines, left) => {
    const result = lintText(dump(...lines));
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(printRuleset(result.ruleset, { counters: false }).split("\n").filter((l) => l.startsWith("-A"))).toEqual(left);
  });

  it.each([
    ["another port", ["-A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT", "-D INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 23 -j ACCEPT"]],
    ["a rule with a comment the spec lacks", ["-A INPUT -s 10.0.0.0/8 -m comment --comment ssh -j ACCEPT", "-D INPUT -s 10.0.0.0/8 -j ACCEPT"]],
    ["an empty chain", ["-D INPUT -j ACCEPT"]],
  ])("fails the line when nothing equals it: %s", (_name, lines) => {
    const result = lintText(dump(...lines));
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.code, f.span.start.line])).toEqual([["IPT019", 4 + lines.length]]);
    expect(errors[0]?.message).toMatch(/^-D INPUT: Bad rule \(does a matching rule exist in that chain\?\)/);
  });
});
