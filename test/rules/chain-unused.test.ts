import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/chain-unused.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

const filter = (...lines: string[]): string => ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ...lines, "COMMIT", ""].join("\n");

testLintRule(rule, {
  valid: [
    { name: "a chain reached by -j", dump: filter(":ssh - [0:0]", "-A INPUT -p tcp -m tcp --dport 22 -j ssh", "-A ssh -j ACCEPT") },
    { name: "a chain reached by -g", dump: filter(":ssh - [0:0]", "-A INPUT -p tcp -g ssh") },
    { name: "a chain reached only from another user chain", dump: filter(":a - [0:0]", ":b - [0:0]", "-A INPUT -j a", "-A a -j b") },
    { name: "Docker's chains", dump: filter(":DOCKER - [0:0]", ":DOCKER-ISOLATION-STAGE-2 - [0:0]", ":DOCKER-USER - [0:0]") },
    { name: "kubelet's and kube-proxy's markers", dump: "*mangle\n:PREROUTING ACCEPT [0:0]\n:KUBE-IPTABLES-HINT - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\n:KUBE-PROXY-CANARY - [0:0]\nCOMMIT\n" },
    { name: "ufw's, Shorewall's and OpenWrt's framework chains", dump: filter(":ufw-user-limit - [0:0]", ":ufw6-logging-deny - [0:0]", ":shorewall - [0:0]", ":zone_wan_DROP - [0:0]", "-A ufw-user-limit -j REJECT") },
    { name: "a fragment cannot show the jump", dump: "-N orphan\n-A orphan -j ACCEPT\n" },
  ],
  invalid: [
    {
      name: "a chain with a rule and nothing jumping to it (the documented example)",
      dump: filter(":ssh-allow - [0:0]", "-A INPUT -i lo -j ACCEPT", "-A ssh-allow -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -j ACCEPT"),
      findings: [{ line: 4, column: 2, endColumn: 11, message: "chain ssh-allow in the filter table is declared but no rule jumps or goes to it, so its rule never runs" }],
    },
    {
      name: "an empty chain, and a chain of the same name jumped to in another table",
      dump: `${filter(":empty - [0:0]", ":X - [0:0]", "-A X -j DROP", "-A X -j LOG")}*nat\n:PREROUTING ACCEPT [0:0]\n:X - [0:0]\n-A PREROUTING -j X\nCOMMIT\n`,
      findings: [
        { line: 4, column: 2, endColumn: 7, message: "chain empty in the filter table is declared but no rule jumps or goes to it, so it is empty and does nothing" },
        { line: 5, column: 2, endColumn: 3, message: "chain X in the filter table is declared but no rule jumps or goes to it, so its 2 rules never run" },
      ],
    },
    {
      name: "iptables -S: a chain created with -N",
      dump: "-P INPUT ACCEPT\n-N old-rules\n-A old-rules -j DROP\n",
      findings: [{ line: 2, column: 4, endColumn: 13, message: /^chain old-rules in the filter table is declared/ }],
    },
  ],
});

describe("IPT112 remediation", () => {
  it("flushes and deletes the chain, in its table", () => {
    const f = lintText("*nat\n:PREROUTING ACCEPT [0:0]\n:stale - [0:0]\n-A stale -j RETURN\nCOMMIT\n").findings.find((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -t nat -F stale", "iptables -t nat -X stale"]);
    const g = lintText(filter(":empty - [0:0]")).findings.find((x) => x.code === rule.code);
    expect(g?.remediation?.now).toEqual(["iptables -X empty"]);
  });
});

describe.runIf(hasCorpus)("IPT112 over Docker's reference dumps", () => {
  it("fires on no unmodified reference dump (every era, IPv4 and IPv6)", () => {
    const files = corpusFiles("docker");
    expect(files.filter((p) => lintText(readCorpus(p)).findings.some((f) => f.code === rule.code))).toEqual([]);
  });
});
