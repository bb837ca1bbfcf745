import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/loopback-publish-reachable.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

const LO_DNAT = "-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
const ACCEPT = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
const GUARD = "-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP";

/** Docker 27 (era D): the DNAT is on line 6. */
function docker27(dnat: string): string {
  return dump`
    *nat
    :PREROUTING ACCEPT [0:0]
    :DOCKER - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
    -A DOCKER -i docker0 -j RETURN
    ${dnat}
    COMMIT
    *filter
    :FORWARD DROP [0:0]
    :DOCKER - [0:0]
    :DOCKER-ISOLATION-STAGE-1 - [0:0]
    :DOCKER-ISOLATION-STAGE-2 - [0:0]
    :DOCKER-USER - [0:0]
    -A FORWARD -j DOCKER-USER
    -A FORWARD -j DOCKER-ISOLATION-STAGE-1
    -A FORWARD -o docker0 -j DOCKER
    ${ACCEPT}
    -A DOCKER-ISOLATION-STAGE-1 -j RETURN
    COMMIT`;
}

/** Docker 28.2+ (era F): filter first, the DNAT on line 22; `raw` is the raw table's text or "". */
function docker28(raw: string, dnat = LO_DNAT): string {
  return dump`
    *filter
    :FORWARD DROP [0:0]
    :DOCKER - [0:0]
    :DOCKER-BRIDGE - [0:0]
    :DOCKER-CT - [0:0]
    :DOCKER-FORWARD - [0:0]
    :DOCKER-ISOLATION-STAGE-1 - [0:0]
    :DOCKER-USER - [0:0]
    -A FORWARD -j DOCKER-USER
    -A FORWARD -j DOCKER-FORWARD
    ${ACCEPT}
    -A DOCKER ! -i docker0 -o docker0 -j DROP
    -A DOCKER-FORWARD -j DOCKER-CT
    -A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1
    -A DOCKER-FORWARD -j DOCKER-BRIDGE
    -A DOCKER-BRIDGE -o docker0 -j DOCKER
    COMMIT
    *nat
    :PREROUTING ACCEPT [0:0]
    :DOCKER - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
    ${dnat}
    COMMIT
    ${raw}`;
}

const raw = (...rules: string[]) => ["*raw", ":PREROUTING ACCEPT [0:0]", "-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP", ...rules, "COMMIT"].join("\n");

testLintRule(rule, {
  valid: [
    { name: "Docker 28+: the raw loopback guard is there", dump: docker28(raw(GUARD)) },
    { name: "Docker 28+ without a raw table in the input: not judged", dump: docker28("") },
    { name: "published on all addresses is not a loopback publish", dump: docker27(LO_DNAT.replace("-d 127.0.0.1/32 ", "")) },
    {
      name: "IPv6 ::1 needs no guard: the kernel drops it before PREROUTING",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A DOCKER -d ::1/128 ! -s fe80::/10 ! -i br-dummy -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd49:efd7:54aa::1]:80
        COMMIT`,
      options: { family: { family: "ipv6", source: "option" } },
    },
    { name: "a fragment cannot show the raw table", dump: `${LO_DNAT}\n` },
  ],
  invalid: [
    {
      name: "Docker 27 never writes the guard",
      dump: docker27(LO_DNAT),
      findings: [{ line: 6, column: 1, endColumn: 105, message: "tcp 127.0.0.1:8080 → 172.17.0.2:80 on docker0 is published on loopback but no raw PREROUTING rule drops 127.0.0.1 arriving from other interfaces, so hosts on the LAN can reach it" }],
    },
    {
      name: "Docker 28+: the raw table has the container drop but not the loopback guard",
      dump: docker28(raw()),
      findings: [{ line: 22, column: 1, endColumn: 105, message: /^tcp 127\.0\.0\.1:8080 → 172\.17\.0\.2:80 on docker0 is published on loopback/ }],
    },
    {
      name: "Docker 28+: the guard is for another port",
      dump: docker28(raw(GUARD.replace("8080", "8081"))),
      findings: [{ line: 22, column: 1, endColumn: 105, message: /no raw PREROUTING rule drops 127\.0\.0\.1/ }],
    },
  ],
});

describe("IPT203 remediation", () => {
  it("gives the raw DROP Docker 28 writes, and the upgrade for a pre-28 layout", () => {
    const [f] = lintText(docker27(LO_DNAT)).findings.filter((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -t raw -I PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP"]);
    expect(f?.remediation?.durable).toMatch(/upgrade Docker to 28\.0/);
  });
});

describe.runIf(hasCorpus)("IPT203 on Docker's reference dumps", () => {
  // Every loopback scenario there is 28.0+ with its guard, or IPv6.
  it.each(corpusFiles("docker").map((f) => [f]))("%s: does not fire", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
