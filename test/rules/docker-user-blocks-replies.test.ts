import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/docker-user-blocks-replies.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 filter table, docker0 172.17.0.0/16; DOCKER-USER rules from line 17. */
function host(dockerUser: string): string {
  return dump`
    *nat
    :PREROUTING ACCEPT [0:0]
    :POSTROUTING ACCEPT [0:0]
    -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
    COMMIT
    *filter
    :INPUT ACCEPT [0:0]
    :FORWARD DROP [0:0]
    :OUTPUT ACCEPT [0:0]
    :DOCKER - [0:0]
    :DOCKER-USER - [0:0]
    -A FORWARD -j DOCKER-USER
    -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A FORWARD -o docker0 -j DOCKER
    -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
    -A FORWARD -i docker0 -o docker0 -j ACCEPT
    ${dockerUser}
    COMMIT`;
}

const ESTABLISHED = "-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN";
const REPLIES = "so it also drops the replies to connections the containers opened (DNS answers, downloads)";

testLintRule(rule, {
  valid: [
    { name: "RELATED,ESTABLISHED returns first", dump: host(`${ESTABLISHED}\n-A DOCKER-USER -i eth0 ! -s 203.0.113.0/24 -j DROP`) },
    { name: "the older docs' -m state ACCEPT first", dump: host("-A DOCKER-USER -i eth0 -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A DOCKER-USER -i eth0 -j DROP") },
    { name: "a block list", dump: host("-A DOCKER-USER -s 192.0.2.66/32 -j DROP") },
    { name: "only new connections", dump: host("-A DOCKER-USER -i eth0 -m conntrack --ctstate NEW -j DROP") },
    { name: "--ctorigdstport with --ctdir ORIGINAL", dump: host("-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP") },
    { name: "a SYN-only drop", dump: host("-A DOCKER-USER -i eth0 -p tcp -m tcp --syn -j DROP") },
    { name: "a service port below the ephemeral range", dump: host("-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 80 -j DROP") },
    { name: "egress filtering from the bridge", dump: host("-A DOCKER-USER -i docker0 -d 10.0.0.0/8 -j REJECT --reject-with icmp-port-unreachable") },
    { name: "towards the external interface", dump: host("-A DOCKER-USER -o eth0 -p tcp -m tcp --dport 25 -j DROP") },
    { name: "after Docker's RETURN, never reached", dump: host("-A DOCKER-USER -j RETURN\n-A DOCKER-USER -j DROP") },
    { name: "no Docker rules at all", dump: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -j DROP\nCOMMIT\n" },
  ],
  invalid: [
    {
      name: "an allow list on the external interface",
      dump: host("-A DOCKER-USER -i eth0 ! -s 203.0.113.0/24 -j DROP"),
      findings: [{ line: 17, column: 1, endColumn: 51, message: `DOCKER-USER drops this traffic before any RELATED,ESTABLISHED rule, ${REPLIES}` }],
    },
    {
      name: "a blanket DROP without -i",
      dump: host("-A DOCKER-USER -j DROP"),
      findings: [{ line: 17, column: 1, endColumn: 23, message: `DOCKER-USER drops this traffic before any RELATED,ESTABLISHED rule, ${REPLIES}; without -i <external interface> it also drops the containers' own outgoing packets and the traffic between Docker networks` }],
    },
    {
      name: "a REJECT into the bridge, with an ESTABLISHED rule after it",
      dump: host(`-A DOCKER-USER -o docker0 ! -s 203.0.113.0/24 -j REJECT --reject-with icmp-port-unreachable\n${ESTABLISHED}`),
      findings: [{ line: 17, column: 1, endColumn: 92, message: "DOCKER-USER rejects this traffic before any RELATED,ESTABLISHED rule, so it also rejects the replies to connections the containers opened (DNS answers, downloads); without -i <external interface> it also drops the traffic from other Docker networks into docker0" }],
    },
    {
      name: "an ipset allow list and an ephemeral-range port",
      dump: host("-A DOCKER-USER -i eth0 -m set ! --match-set office src -j DROP\n-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 40000:50000 -j DROP"),
      findings: [
        { line: 17, column: 1, endColumn: 63, message: new RegExp(`^DOCKER-USER drops this traffic before any RELATED,ESTABLISHED rule, ${REPLIES.replace(/[()]/g, "\\$&")}$`) },
        { line: 18, column: 1, endColumn: 65, message: /^DOCKER-USER drops this traffic/ },
      ],
    },
  ],
});

describe("IPT210 remediation", () => {
  const findings = (text: string) => lintText(text).findings.filter((f) => f.code === rule.code);

  it("inserts the RETURN first in DOCKER-USER", () => {
    expect(findings(host("-A DOCKER-USER -i ens3 ! -s 203.0.113.0/24 -j DROP"))[0]?.remediation?.now).toEqual(["iptables -I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"]);
  });

  it("limits a rule without -i to the external interface, in place, before inserting", () => {
    expect(findings(host("-A DOCKER-USER -i ens3 -p udp -m udp --dport 53 -j ACCEPT\n-A DOCKER-USER ! -s 203.0.113.0/24 -j DROP"))[0]?.remediation?.now).toEqual([
      "iptables -R DOCKER-USER 2 ! -s 203.0.113.0/24 -i ens3 -j DROP",
      "iptables -I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
    ]);
  });

  it("replaces a negated -i by the external interface", () => {
    expect(findings(host("-A DOCKER-USER ! -i docker0 -j DROP"))[0]?.remediation?.now[0]).toBe("iptables -R DOCKER-USER 1 -i eth0 -j DROP");
  });
});

describe.runIf(hasCorpus)("IPT210 on the corpus", () => {
  // No reference or real dump has a DOCKER-USER rule other than Docker's RETURN.
  it.each([...corpusFiles("docker"), ...corpusFiles("real")].map((f) => [f]))("%s: does not fire", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
