import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/swarm-ingress-before-docker-user.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Swarm on Docker 28.0.0-style FORWARD (lines 10–11 are the first two FORWARD rules), mesh port tcp 8080. */
function swarm(forward: string, dockerForward = ""): string {
  return dump`
    *filter
    :INPUT ACCEPT [0:0]
    :FORWARD DROP [0:0]
    :OUTPUT ACCEPT [0:0]
    :DOCKER - [0:0]
    :DOCKER-FORWARD - [0:0]
    :DOCKER-INGRESS - [0:0]
    :DOCKER-ISOLATION-STAGE-1 - [0:0]
    :DOCKER-USER - [0:0]
    ${forward}
    -A FORWARD -o docker_gwbridge -j DOCKER
    ${dockerForward || "-A DOCKER-FORWARD -i docker_gwbridge ! -o docker_gwbridge -j ACCEPT"}
    -A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT
    -A DOCKER-INGRESS -p tcp -m tcp --sport 8080 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A DOCKER-INGRESS -j RETURN
    -A DOCKER-ISOLATION-STAGE-1 -j RETURN
    COMMIT
    *nat
    :PREROUTING ACCEPT [0:0]
    :DOCKER-INGRESS - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS
    -A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080
    -A DOCKER-INGRESS -j RETURN
    COMMIT`;
}

testLintRule(rule, {
  valid: [
    { name: "Docker's order up to 28.0.0: DOCKER-USER, then DOCKER-INGRESS", dump: swarm("-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-INGRESS") },
    { name: "28.0.1+: DOCKER-INGRESS first in DOCKER-FORWARD, after DOCKER-USER", dump: swarm("-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-FORWARD", "-A DOCKER-FORWARD -j DOCKER-INGRESS") },
    { name: "no DOCKER-USER jump: docker-user-jump-missing's case", dump: swarm("-A FORWARD -j DOCKER-INGRESS\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1") },
    { name: "a fragment in the right order", dump: "-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-INGRESS\n" },
  ],
  invalid: [
    {
      name: "17.06 (moby/libnetwork#1827): DOCKER-INGRESS jumped to above DOCKER-USER",
      dump: swarm("-A FORWARD -j DOCKER-INGRESS\n-A FORWARD -j DOCKER-USER"),
      findings: [{ line: 10, column: 1, endColumn: 29, message: "FORWARD reaches DOCKER-INGRESS at rule 1, before -j DOCKER-USER at rule 2: the routing-mesh port tcp 8080 is accepted before DOCKER-USER is evaluated" }],
    },
    {
      name: "DOCKER-FORWARD (which jumps to DOCKER-INGRESS) before DOCKER-USER",
      dump: swarm("-A FORWARD -j DOCKER-FORWARD\n-A FORWARD -j DOCKER-USER", "-A DOCKER-FORWARD -j DOCKER-INGRESS"),
      findings: [{ line: 10, column: 1, endColumn: 29, message: /^FORWARD reaches DOCKER-INGRESS \(through DOCKER-FORWARD\) at rule 1, before -j DOCKER-USER at rule 2:/ }],
    },
    {
      name: "a fragment pasted from iptables -S FORWARD",
      dump: "-A FORWARD -j DOCKER-INGRESS\n-A FORWARD -j DOCKER-USER\n",
      findings: [{ line: 1, column: 1, endColumn: 29, message: /^FORWARD reaches DOCKER-INGRESS at rule 1, before -j DOCKER-USER at rule 2: the routing-mesh ports are accepted/ }],
    },
  ],
});

describe("IPT211 remediation", () => {
  it("moves the DOCKER-USER jump to the top of FORWARD", () => {
    const [f] = lintText(swarm("-A FORWARD -j DOCKER-INGRESS\n-A FORWARD -j DOCKER-USER")).findings.filter((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -D FORWARD -j DOCKER-USER", "iptables -I FORWARD 1 -j DOCKER-USER"]);
    expect(f?.related?.[0]?.span.start.line).toBe(11);
  });
});

describe.runIf(hasCorpus)("IPT211 on the corpus", () => {
  // Docker writes DOCKER-USER first in every swarm reference dump (28.0.0, 28.0.1, 28.2.2, 29.0.0).
  it.each([...corpusFiles("docker"), ...corpusFiles("real")].map((f) => [f]))("%s: does not fire", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
