import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/rule-shadowed.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** filter INPUT (policy DROP) with the given rules from line 3 on. */
const input = (...rules: string[]): string => ["*filter", ":INPUT DROP [0:0]", ...rules, "COMMIT", ""].join("\n");
const end = (text: string): number => text.length + 1;

const DROP_NET = "-A INPUT -s 192.0.2.0/24 -j DROP";
const ALLOW_HOST = "-A INPUT -s 192.0.2.10/32 -p tcp -m tcp --dport 22 -j ACCEPT";

testLintRule(rule, {
  valid: [
    { name: "the narrow allow comes before the broad drop", dump: input(ALLOW_HOST, DROP_NET) },
    { name: "the same outcome is IPT111, not a shadow", dump: input("-A INPUT -p tcp -j ACCEPT", "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT") },
    { name: "a rate limit never covers", dump: input("-A INPUT -p tcp -m limit --limit 10/sec -j ACCEPT", "-A INPUT -p tcp -m tcp --dport 22 -j DROP") },
    { name: "a host name is never compared", dump: input("-A INPUT -s gateway.example -j DROP", "-A INPUT -s 192.0.2.10/32 -j ACCEPT") },
    { name: "a match only the earlier rule has", dump: input("-A INPUT -m set --match-set blocked src -j DROP", "-A INPUT -s 192.0.2.10/32 -j ACCEPT") },
    { name: "an unknown extension in the later rule leaves it unjudged", dump: input("-A INPUT -j DROP", "-A INPUT -m frobnicate --frob 1 -j ACCEPT") },
    { name: "a jump returns, so it shadows nothing", dump: input(":LOGGING - [0:0]", "-A INPUT -j LOGGING", "-A INPUT -j ACCEPT", "-A LOGGING -j LOG") },
    { name: "! -s keeps the excluded net alive", dump: input("-A INPUT ! -s 10.0.0.0/8 -j DROP", "-A INPUT -s 10.1.0.0/16 -j ACCEPT") },
    { name: "a port match leaves fragments to the later rule", dump: input("-A INPUT -p tcp -m tcp -j DROP", "-A INPUT -p tcp -j ACCEPT") },
    { name: "another chain", dump: input(":other - [0:0]", "-A INPUT -j other", "-A other -s 192.0.2.0/24 -j DROP", "-A INPUT -s 192.0.2.10/32 -j ACCEPT") },
    {
      name: "Docker's own chains are left to IPT204 and IPT208",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80
        COMMIT`,
    },
  ],
  invalid: [
    {
      name: "an allow after a broader drop (the documented example)",
      dump: input(DROP_NET, ALLOW_HOST),
      findings: [{ line: 4, column: 1, endColumn: end(ALLOW_HOST), message: "never reached: line 3 matches every packet this rule matches and ends the chain for them first with -j DROP, so this rule's -j ACCEPT never applies" }],
    },
    {
      name: "an interface wildcard covers a name it starts",
      dump: input("-A INPUT -i eth+ -j DROP", "-A INPUT -i eth1 -p tcp -m tcp --dport 22 -j ACCEPT"),
      findings: [{ line: 4, column: 1, endColumn: 52, message: /^never reached: line 3 .* first with -j DROP, so this rule's -j ACCEPT never applies$/ }],
    },
    {
      name: "a multiport list covers one of its ports, and a REJECT is another outcome than DROP",
      dump: input("-A INPUT -p tcp -m multiport --dports 80,443 -j REJECT --reject-with tcp-reset", "-A INPUT -p tcp -m tcp --dport 443 -j DROP"),
      findings: [{ line: 4, column: 1, endColumn: 43, message: /first with -j REJECT --reject-with tcp-reset, so this rule's -j DROP never applies$/ }],
    },
    {
      name: "! -s covers a net outside it; a rule without a target never counts",
      dump: input("-A INPUT ! -s 10.0.0.0/8 -j DROP", "-A INPUT -s 192.0.2.0/24"),
      findings: [{ line: 4, column: 1, endColumn: 25, message: /first with -j DROP, so this rule never counts a packet$/ }],
    },
    {
      name: "a goto ends the chain; a built-in chain's RETURN names the policy",
      dump: input(":allow - [0:0]", "-A INPUT -p udp -g allow", "-A INPUT -p udp -m udp --dport 53 -j ACCEPT", "-A INPUT -j RETURN", "-A INPUT -p tcp -j ACCEPT", "-A allow -j ACCEPT"),
      findings: [
        { line: 5, column: 1, endColumn: 44, message: /line 4 .* first with -g allow, so this rule's -j ACCEPT never applies$/ },
        { line: 7, column: 1, endColumn: 26, message: /line 6 .* first with -j RETURN, which applies the DROP policy, so this rule's -j ACCEPT never applies$/ },
      ],
    },
    {
      name: "a second DNAT for the same port in nat PREROUTING",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        -A PREROUTING -i eth1 -p tcp -m conntrack --ctstate NEW -m tcp --dport 24562 -j DNAT --to-destination 192.168.10.64:443
        -A PREROUTING -i eth1 -p tcp -m conntrack --ctstate NEW -m tcp --dport 24562 -j DNAT --to-destination 192.168.11.64:443
        COMMIT`,
      findings: [{ line: 4, column: 1, endColumn: 120, message: /first with -j DNAT --to-destination 192\.168\.10\.64:443, so this rule's -j DNAT --to-destination 192\.168\.11\.64:443 never applies$/ }],
    },
    {
      name: "IPv6, with a comment (no condition) on the covering rule",
      dump: "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 2001:db8::/32 -m comment --comment \"block\" -j DROP\n-A INPUT -s 2001:db8:1::/48 -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n",
      options: { family: { family: "ipv6", source: "option" } },
      findings: [{ line: 4, column: 1, endColumn: 64, message: /^never reached: line 3 / }],
    },
  ],
});

describe("IPT110 details", () => {
  it("points at the shadowing rule and deletes the dead one, each rule of a -s list", () => {
    const text = input("-A INPUT -s 192.0.2.0/24 -j DROP", "-A INPUT -s 192.0.2.1,192.0.2.2 -j ACCEPT");
    const [f] = lintText(text).findings.filter((x) => x.code === rule.code);
    expect(f?.related).toEqual([{ span: { start: { line: 3, column: 1 }, end: { line: 3, column: 33 } }, message: "shadowed by this rule" }]);
    expect(f?.remediation?.now).toEqual(["iptables -D INPUT -s 192.0.2.1/32 -j ACCEPT", "iptables -D INPUT -s 192.0.2.2/32 -j ACCEPT"]);
    expect(f?.help).toBe("If this rule was meant to win for its packets, move it above line 3 (delete it, then `iptables -I INPUT 1 -s 192.0.2.1/32 -j ACCEPT`); otherwise delete it.");
  });

  it("gives the nat table's command", () => {
    const text = "*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\n-A POSTROUTING -s 10.8.0.0/24 -o eth0 -j SNAT --to-source 192.0.2.1\nCOMMIT\n";
    const [f] = lintText(text).findings.filter((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -t nat -D POSTROUTING -s 10.8.0.0/24 -o eth0 -j SNAT --to-source 192.0.2.1"]);
  });
});

describe.runIf(hasCorpus)("IPT110 over Docker's reference dumps", () => {
  it("fires on no unmodified reference dump", () => {
    const files = corpusFiles("docker");
    expect(files.filter((p) => lintText(readCorpus(p)).findings.some((f) => f.code === rule.code))).toEqual([]);
  });
});
