import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/docker-chains-missing.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 (era D) nat table for docker0; `extra` goes before COMMIT. */
const NAT = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
COMMIT`;

const FILTER = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT`;

const FLUSHED_FILTER = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A DOCKER-USER -j RETURN
COMMIT`;

testLintRule(rule, {
  valid: [
    { name: "an intact Docker 27 ruleset", dump: `${NAT}\n${FILTER}\n` },
    { name: "only the filter table (iptables -S): nat is not judged", dump: `${FILTER}\n` },
    { name: "only the nat table: filter is not judged", dump: `${NAT}\n` },
    { name: "only DOCKER-USER, no other trace of Docker: the nftables backend's case (IPT215)", dump: `${FLUSHED_FILTER}\n` },
    {
      name: "a host without Docker",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -i virbr0 -j ACCEPT
        COMMIT`,
    },
  ],
  invalid: [
    {
      name: "filter flushed and rebuilt by another tool while nat keeps Docker's rules",
      dump: `${NAT}\n${FLUSHED_FILTER}\n`,
      findings: [{ line: 12, column: 2, endColumn: 8, message: /^the filter table has none of Docker's chains \(only DOCKER-USER is left\) although nat still holds chain DOCKER and the MASQUERADE of 172\.17\.0\.0\/16 ! -o docker0: / }],
    },
    {
      name: "nat table flushed and its chains deleted (iptables -t nat -F; -X)",
      dump: `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n${FILTER}\n`,
      findings: [{ line: 1, column: 2, endColumn: 5, message: /^the nat table has no DOCKER chain and no MASQUERADE for docker0 although filter holds Docker's DOCKER, DOCKER-ISOLATION-STAGE-1, DOCKER-ISOLATION-STAGE-2: / }],
    },
    {
      name: "iptables -F: chains kept, every rule gone",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        COMMIT
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER - [0:0]
        :DOCKER-FORWARD - [0:0]
        :DOCKER-USER - [0:0]
        COMMIT`,
      findings: [
        { line: 6, column: 2, endColumn: 8, message: /^nat DOCKER is declared but neither PREROUTING nor OUTPUT jumps to it/ },
        { line: 8, column: 2, endColumn: 8, message: /^filter FORWARD jumps to none of Docker's chains although DOCKER, DOCKER-FORWARD are declared/ },
      ],
    },
  ],
});

describe("IPT213 on a jump to a Docker chain the file does not declare", () => {
  it("leaves it to undefined-chain (IPT101), which reports it at the jump already", () => {
    const text = "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\nCOMMIT\n";
    const findings = lintText(text).findings;
    expect(findings.filter((f) => f.span.start.line === 12).map((f) => f.code)).toEqual(["IPT101"]);
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});

describe.runIf(hasCorpus)("IPT213 over Docker's reference dumps", () => {
  it("does not fire on any unmodified reference dump (golden files and single-table -S files included)", () => {
    const files = corpusFiles("docker");
    expect(files.length).toBeGreaterThan(50);
    const fired = files.filter((p) => lintText(readCorpus(p), p.endsWith(".S") ? { table: p.includes(".nat.") ? "nat" : p.includes(".raw.") ? "raw" : "filter" } : {}).findings.some((f) => f.code === rule.code));
    expect(fired).toEqual([]);
  });
});
