import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/rule-redundant.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

/** filter INPUT (policy DROP) with the given lines from line 3 on. */
const input = (...rules: string[]): string => ["*filter", ":INPUT DROP [0:0]", ...rules, "COMMIT", ""].join("\n");

const LO = "-A INPUT -i lo -j ACCEPT";
const SSH = "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT";

testLintRule(rule, {
  valid: [
    { name: "different rules", dump: input(LO, SSH) },
    { name: "a last rule that restates the policy is not reported", dump: input(SSH, "-A INPUT -j DROP") },
    { name: "another outcome is IPT110, not a redundancy", dump: input("-A INPUT -p tcp -j DROP", SSH) },
    { name: "repeated rate limits are two buckets", dump: input("-A INPUT -p icmp -m limit --limit 1/sec -j ACCEPT", "-A INPUT -p icmp -m limit --limit 1/sec -j ACCEPT") },
    { name: "a repeated jump to a chain that marks packets", dump: input(":mark - [0:0]", "-A INPUT -j mark", "-A INPUT -j mark", "-A mark -j MARK --set-xmark 0x1/0x1") },
    { name: "a repeated LOG with a MARK between the copies", dump: input("-A INPUT -j LOG", "-A INPUT -j MARK --set-xmark 0x1/0xffffffff", "-A INPUT -j LOG") },
    { name: "a repeated MARK (not judged: may not be idempotent)", dump: input("-A INPUT -j MARK --xor-mark 0x1", "-A INPUT -j MARK --xor-mark 0x1") },
  ],
  invalid: [
    {
      name: "an exact repeat and a narrower rule with the same verdict (the documented example)",
      dump: input(LO, SSH, "-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j ACCEPT", LO),
      findings: [
        { line: 5, column: 1, endColumn: 63, message: "line 4 matches every packet this rule matches and has already ended the chain for them the same way (-j ACCEPT), so removing this rule changes nothing" },
        { line: 6, column: 1, endColumn: 25, message: "repeats line 3 exactly: that rule has already ended the chain (-j ACCEPT) for every packet this one matches" },
      ],
    },
    {
      name: "RETURN in a built-in chain is its policy",
      dump: input("-A INPUT ! -i eth0 -j RETURN", "-A INPUT -i eth1 -p udp -j DROP"),
      findings: [{ line: 4, column: 1, endColumn: 32, message: /the same way \(-j RETURN, which applies the DROP policy\), so removing this rule changes nothing$/ }],
    },
    {
      name: "a wider state set already accepts",
      dump: input("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "-A INPUT -p udp -m udp --sport 53 -m state --state ESTABLISHED -j ACCEPT"),
      findings: [{ line: 4, column: 1, endColumn: 73, message: /^line 3 matches every packet this rule matches/ }],
    },
    {
      name: "a repeated LOG, and a repeated jump to a chain that only accepts",
      dump: input(":ok - [0:0]", "-A INPUT -j LOG", "-A INPUT -j LOG", "-A INPUT -i br0 -j ok", "-A INPUT -i br0 -j ok", "-A ok -j ACCEPT"),
      findings: [
        { line: 5, column: 1, endColumn: 16, message: "repeats line 4 exactly, and nothing between the two copies changes the packet, so this copy changes no verdict" },
        { line: 7, column: 1, endColumn: 22, message: "repeats line 6 exactly, and nothing between the two copies changes the packet, so this copy changes no verdict" },
      ],
    },
    {
      name: "a repeated MASQUERADE in nat POSTROUTING",
      dump: "*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE\n-A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE\nCOMMIT\n",
      findings: [{ line: 4, column: 1, endColumn: 71, message: "repeats line 3 exactly: that rule has already ended the chain (-j MASQUERADE) for every packet this one matches" }],
    },
  ],
});

describe("IPT111 details", () => {
  it("points at the first copy and deletes the second", () => {
    const [f] = lintText(input(LO, LO)).findings.filter((x) => x.code === rule.code);
    expect(f?.related).toEqual([{ span: { start: { line: 3, column: 1 }, end: { line: 3, column: 25 } }, message: "first copy" }]);
    expect(f?.remediation?.now).toEqual(["iptables -D INPUT -i lo -j ACCEPT"]);
  });

  it("ip6tables for an IPv6 dump", () => {
    const [f] = lintText(input(LO, LO), { family: { family: "ipv6", source: "option" } }).findings.filter((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["ip6tables -D INPUT -i lo -j ACCEPT"]);
  });
});

describe.runIf(hasCorpus)("IPT111 over Docker's reference dumps", () => {
  it("fires on no unmodified reference dump", () => {
    const files = corpusFiles("docker");
    expect(files.filter((p) => lintText(readCorpus(p)).findings.some((f) => f.code === rule.code))).toEqual([]);
  });
});
