import { describe, expect, it } from "vitest";
import { lintText, type LintOptions } from "../../src/lint.js";
import rule from "../../src/rules/exposure-not-in-intent.js";
import { testLintRule } from "../helpers/rule-tester.js";
import type { PublicPort } from "../../src/config/types.js";

/** The rule's own examples: 8080 → 172.17.0.2:80 published (line 10), ssh accepted from 10/8 in INPUT (line 20). */
const BAD = rule.docs.bad;
const GOOD = rule.docs.good;

function port(n: number, extra: Partial<PublicPort> = {}): PublicPort {
  return { port: { from: n, to: n }, protocol: "tcp", from: [], ...extra };
}

function intent(...ports: PublicPort[]): LintOptions {
  return { intent: { public: ports } };
}

const FROM_10 = { from: ["10.0.0.0/8"] };

testLintRule(rule, {
  valid: [
    { name: "no intent in the configuration: quiet", dump: BAD },
    { name: "8080 declared public from anywhere, ssh from 10/8", dump: BAD, options: intent(port(8080), port(22, FROM_10)) },
    { name: "a port range that holds the published port", dump: BAD, options: intent({ ...port(8000), port: { from: 8000, to: 8100 } }, port(22, FROM_10)) },
    { name: "the fixed dump drops the undeclared sources in DOCKER-USER", dump: GOOD, options: intent(port(8080, FROM_10), port(22, FROM_10)) },
    { name: "trusted sources need no declaration", dump: GOOD, options: { ...intent(), trustedSources: ["10.0.0.0/8"] } },
    { name: "an empty intent on a dump with nothing reachable from outside", dump: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n", options: intent() },
  ],
  invalid: [
    {
      name: "8080 reachable from everywhere, declared only for 10/8",
      dump: BAD,
      options: intent(port(8080, FROM_10), port(22, FROM_10)),
      findings: [{ line: 10, column: 1, endColumn: 89, message: "published port tcp 0.0.0.0:8080 → 172.17.0.2:80 is reachable from 0.0.0.0/0 except 10.0.0.0/8 on eth0, which the intent does not declare" }],
    },
    {
      name: "a host service (ssh in INPUT) nobody declared",
      dump: GOOD,
      options: intent(port(8080, FROM_10)),
      findings: [{ line: 20, column: 1, endColumn: 58, message: /^host service tcp [\d.]+:22 is reachable from 10\.0\.0\.0\/8 on eth0, which the intent does not declare$/ }],
    },
    {
      name: "the right port under the wrong protocol",
      dump: GOOD,
      options: intent({ ...port(8080, FROM_10), protocol: "udp" }, port(22, FROM_10)),
      findings: [{ line: 10, column: 1, endColumn: 89, message: /^published port tcp 0\.0\.0\.0:8080 .* reachable from 10\.0\.0\.0\/8 on eth0/ }],
    },
    {
      name: "declared on one host address, published on all of them",
      dump: GOOD,
      options: intent(port(8080, { ...FROM_10, host: "192.0.2.10" }), port(22, FROM_10)),
      findings: [{ line: 10, column: 1, endColumn: 89, message: /^published port tcp 0\.0\.0\.0:8080/ }],
    },
  ],
});

describe("IPT220 remediation", () => {
  const findingOf = (text: string, options: LintOptions) => lintText(text, options).findings.find((f) => f.code === rule.code);

  it("keeps only the declared sources of a published port in DOCKER-USER, matched by the original port", () => {
    const f = findingOf(BAD, intent(port(8080, FROM_10), port(22, FROM_10)));
    expect(f?.remediation?.now).toEqual(["iptables -I DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL ! -s 10.0.0.0/8 -j DROP"]);
  });

  it("drops every outside source of a service no entry declares, in INPUT", () => {
    const f = findingOf(GOOD, intent(port(8080, FROM_10)));
    expect(f?.remediation?.now).toEqual(["iptables -I INPUT -i eth0 -p tcp -m tcp --dport 22 -j DROP"]);
  });

  it("uses the external interface the configuration names", () => {
    const f = findingOf(BAD, { ...intent(port(22, FROM_10)), externalInterface: "ens3" });
    expect(f?.message).toMatch(/ on ens3, which/);
  });
});
