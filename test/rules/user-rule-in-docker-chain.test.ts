import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/user-rule-in-docker-chain.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";
import { ERA_A, ERA_B, ERA_C } from "../docker/fixtures.js";

const filter = (chains: string, rules: string): string => dump`
  *filter
  :FORWARD DROP [0:0]
  ${chains}
  :DOCKER-USER - [0:0]
  -A FORWARD -j DOCKER-USER
  ${rules}
  COMMIT`;

testLintRule(rule, {
  valid: [
    {
      name: "Docker's own shapes in DOCKER: per-port accept, --link pair, 28+ default drop, routed icmp",
      dump: filter(
        ":DOCKER - [0:0]",
        [
          "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT",
          "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT",
          "-A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 5432 -j ACCEPT",
          "-A DOCKER ! -i docker0 -o docker0 -j DROP",
          "-A DOCKER -o bridge1 -p icmp -j ACCEPT",
        ].join("\n"),
      ),
    },
    { name: "any rule in DOCKER-USER", dump: filter(":DOCKER - [0:0]", "-A DOCKER-USER -s 203.0.113.0/24 -m comment --comment \"blocked\" -j DROP") },
    { name: "Docker ≤1.9 (era A)", dump: ERA_A },
    { name: "Docker 1.10–17.05 (era B)", dump: ERA_B },
    { name: "Docker 17.06–18.04 (era C)", dump: ERA_C },
    {
      name: "nat DOCKER: RETURN, WSL2 loopback0 RETURN, IPv4 DNATs with and without host address",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A DOCKER -i docker0 -j RETURN
        -A DOCKER -d 127.0.0.0/8 -i loopback0 -j RETURN
        -A DOCKER -d 192.0.2.7/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        -A DOCKER -p sctp -m sctp --dport 9000 -j DNAT --to-destination 172.17.0.2:9000
        COMMIT`,
    },
  ],
  invalid: [
    {
      name: "a source block written into filter DOCKER",
      dump: filter(":DOCKER - [0:0]", "-A DOCKER -s 203.0.113.0/24 -j DROP"),
      findings: [
        {
          line: 6,
          column: 1,
          endColumn: 36,
          message: "filter DOCKER (per-container accepts for published ports (28.0+: and the default drop per bridge)) holds a rule Docker does not write (-s 203.0.113.0/24 -j DROP): Docker rebuilds the chain at every daemon start, so this rule will be lost",
        },
      ],
    },
    {
      name: "a per-port accept with a comment is not Docker's",
      dump: filter(":DOCKER - [0:0]", '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -m comment --comment "web" -j ACCEPT'),
      findings: [{ line: 6, column: 1, endColumn: 113, message: /^filter DOCKER .* holds a rule Docker does not write/ }],
    },
    {
      name: "an ACCEPT in DOCKER-FORWARD and a LOG in DOCKER-CT (28.x)",
      dump: filter(
        ":DOCKER-FORWARD - [0:0]\n:DOCKER-CT - [0:0]",
        "-A FORWARD -j DOCKER-FORWARD\n-A DOCKER-FORWARD -j DOCKER-CT\n-A DOCKER-FORWARD -i eth0 -o docker0 -p tcp -m tcp --dport 22 -j ACCEPT\n-A DOCKER-CT -o docker0 -j LOG",
      ),
      findings: [
        { line: 9, column: 1, endColumn: 72, message: /^filter DOCKER-FORWARD \(Docker's part of FORWARD \(28\.0\.1\+\)\) holds a rule Docker does not write/ },
        { line: 10, column: 1, endColumn: 31, message: /^filter DOCKER-CT / },
      ],
    },
    {
      name: "a REDIRECT in nat DOCKER",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A DOCKER -i eth1 -p tcp -m tcp --dport 8443 -j REDIRECT --to-ports 443
        COMMIT`,
      findings: [{ line: 5, column: 1, endColumn: 72, message: /^nat DOCKER \(DNAT of published ports\) holds a rule Docker does not write \(-i eth1 -p tcp -m tcp --dport 8443 -j REDIRECT --to-ports 443\)/ }],
    },
  ],
});

describe("IPT208 remediation", () => {
  it("moves a filter rule to DOCKER-USER and a nat rule to PREROUTING", () => {
    const f = lintText(filter(":DOCKER - [0:0]", "-A DOCKER -s 203.0.113.0/24 -j DROP")).findings.find((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -D DOCKER -s 203.0.113.0/24 -j DROP", "iptables -I DOCKER-USER -s 203.0.113.0/24 -j DROP"]);
    const n = lintText("*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A DOCKER -i eth1 -j ACCEPT\nCOMMIT\n").findings.find((x) => x.code === rule.code);
    expect(n?.remediation?.now).toEqual(["iptables -t nat -D DOCKER -i eth1 -j ACCEPT", "iptables -t nat -I PREROUTING -m addrtype --dst-type LOCAL -i eth1 -j ACCEPT"]);
  });
});

describe.runIf(hasCorpus)("IPT208 over Docker's reference dumps", () => {
  it("fires on no unmodified reference dump (every era, IPv4 and IPv6)", () => {
    const files = corpusFiles("docker");
    expect(files.filter((p) => lintText(readCorpus(p)).findings.some((f) => f.code === rule.code))).toEqual([]);
  });
});
