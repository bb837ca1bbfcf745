import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/notrack-skips-docker-nat.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 (era D): docker0 172.17.0.0/16 masquerading, -p 192.0.2.10:8080:80; `raw` is raw PREROUTING's rules (line 4 on). */
const host = (raw: string, chains = ""): string => `*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
${chains}${raw}
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER -d 192.0.2.10/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
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
-A FORWARD -i docker0 -o docker0 -j DROP
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-USER -j RETURN
COMMIT
`;

testLintRule(rule, {
  valid: [
    { name: "loopback NOTRACK", dump: host("-A PREROUTING -i lo -j NOTRACK") },
    { name: "NOTRACK for another host port from the uplink", dump: host("-A PREROUTING -i eth0 -p tcp -m tcp --dport 53 -j CT --notrack") },
    { name: "NOTRACK for UDP only, the port is TCP, but only from eth0", dump: host("-A PREROUTING -i eth0 -p udp -j NOTRACK") },
    { name: "NOTRACK for a destination inside the host's LAN, from eth0", dump: host("-A PREROUTING -d 198.51.100.7/32 -i eth0 -p tcp -m tcp --dport 8080 -j NOTRACK") },
    { name: "a rule with a match iptlint does not read is not judged", dump: host("-A PREROUTING -m set --match-set fast src -j NOTRACK") },
    { name: "no NOTRACK at all", dump: host("-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP") },
  ],
  invalid: [
    {
      name: "NOTRACK of the published host port",
      dump: host("-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j NOTRACK"),
      findings: [{ line: 4, column: 1, endColumn: 60, message: "raw PREROUTING NOTRACK also matches container traffic, which conntrack then ignores and the nat table never sees: traffic to published port 192.0.2.10:8080/tcp (container 172.17.0.2:80) is never DNATed" }],
    },
    {
      name: "CT --notrack of all UDP: containers' DNS and other UDP egress skips MASQUERADE",
      dump: host("-A PREROUTING -p udp -j CT --notrack"),
      findings: [{ line: 4, column: 1, endColumn: 37, message: /^raw PREROUTING CT --notrack also matches .*: outbound traffic of bridge docker0 \(172\.17\.0\.0\/16\) skips MASQUERADE$/ }],
    },
    {
      name: "NOTRACK of the bridge's subnet in a user chain called from PREROUTING",
      dump: host("-A PREROUTING -j FAST\n-A FAST -s 172.16.0.0/12 -j NOTRACK", ":FAST - [0:0]\n"),
      findings: [{ line: 6, column: 1, endColumn: 36, message: /^raw FAST NOTRACK also matches .*outbound traffic of bridge docker0/ }],
    },
  ],
});

describe("IPT214 remediation", () => {
  it("inserts a RETURN before the NOTRACK rule for each kind of container traffic it catches", () => {
    const f = lintText(host("-A PREROUTING -i lo -j NOTRACK\n-A PREROUTING -p tcp -j NOTRACK")).findings.find((x) => x.code === rule.code);
    expect(f?.span.start.line).toBe(5);
    expect(f?.remediation?.now).toEqual(["iptables -t raw -I PREROUTING 2 -p tcp -m tcp --dport 8080 -j RETURN", "iptables -t raw -I PREROUTING 3 -i docker0 -j RETURN"]);
  });
});

describe.runIf(hasCorpus)("IPT214 over the corpus", () => {
  it("fires on no reference dump (Docker never writes NOTRACK) and on no real dump", () => {
    const fired = [...corpusFiles("docker"), ...corpusFiles("real")].filter((p) => !p.endsWith(".nft") && lintText(readCorpus(p)).findings.some((f) => f.code === rule.code));
    expect(fired).toEqual([]);
  });
});
