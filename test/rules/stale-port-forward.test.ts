import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/stale-port-forward.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

/** docker0 (172.17.0.0/16): nat DOCKER rules start on line 6; filter DOCKER rules follow the nat table. */
function host(nat: readonly string[], filter: readonly string[], masquerade = "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"): string {
  return [
    "*nat",
    ":PREROUTING ACCEPT [0:0]",
    ":POSTROUTING ACCEPT [0:0]",
    ":DOCKER - [0:0]",
    masquerade,
    ...nat,
    "COMMIT",
    "*filter",
    ":FORWARD DROP [0:0]",
    ":DOCKER - [0:0]",
    "-A FORWARD -o docker0 -j DOCKER",
    ...filter,
    "COMMIT",
    "",
  ].join("\n");
}

const dnat = (hostPart: string, port: string, to: string, proto = "tcp") => `-A DOCKER${hostPart ? ` -d ${hostPart}/32` : ""} ! -i docker0 -p ${proto} -m ${proto} --dport ${port} -j DNAT --to-destination ${to}`;
const accept = (ctr: string, port: string, proto = "tcp") => `-A DOCKER -d ${ctr}/32 ! -i docker0 -o docker0 -p ${proto} -m ${proto} --dport ${port} -j ACCEPT`;
const col = (line: string) => line.length + 1;

const A = dnat("", "8080", "172.17.0.2:80");
const B_LO = dnat("127.0.0.1", "8080", "172.17.0.3:80");
const NO_ACCEPT = dnat("", "9000", "172.17.0.4:9000");
const FOREIGN = dnat("", "9300", "10.99.0.7:9300", "udp");
const ORPHAN_ACCEPT = accept("172.17.0.9", "9100");

testLintRule(rule, {
  valid: [
    { name: "a DNAT and its ACCEPT", dump: host([A], [accept("172.17.0.2", "80")]) },
    { name: "two host ports to one container port", dump: host([A, dnat("", "8081", "172.17.0.2:80")], [accept("172.17.0.2", "80"), accept("172.17.0.2", "80")]) },
    { name: "one port number, two protocols", dump: host([A, dnat("", "8080", "172.17.0.3:80", "udp")], [accept("172.17.0.2", "80"), accept("172.17.0.3", "80", "udp")]) },
    { name: "one port on two host addresses", dump: host([dnat("198.51.100.1", "80", "172.17.0.2:80"), dnat("198.51.100.2", "80", "172.17.0.3:80")], [accept("172.17.0.2", "80"), accept("172.17.0.3", "80")]) },
    { name: "the same forward written twice has one destination", dump: host([A, A], [accept("172.17.0.2", "80")]) },
    { name: "no filter table in the input: a missing ACCEPT is not judged", dump: ["*nat", ":DOCKER - [0:0]", "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", NO_ACCEPT, "COMMIT", ""].join("\n") },
    { name: "no MASQUERADE: the bridge's subnet is unknown, so no address is foreign", dump: host([FOREIGN], [accept("10.99.0.7", "9300", "udp")], "-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE") },
  ],
  invalid: [
    {
      name: "a host port DNATed to two containers (all addresses and 127.0.0.1 overlap)",
      dump: host([A, B_LO], [accept("172.17.0.2", "80"), accept("172.17.0.3", "80")]),
      findings: [{ line: 7, column: 1, endColumn: col(B_LO), message: "tcp 127.0.0.1:8080 is DNATed to 172.17.0.3:80 here and to 172.17.0.2:80 on line 6: only the earlier rule takes effect, one of them is left from another container" }],
    },
    {
      name: "a DNAT without its ACCEPT",
      dump: host([NO_ACCEPT], []),
      findings: [{ line: 6, column: 1, endColumn: col(NO_ACCEPT), message: /^DNAT of 0\.0\.0\.0:9000 to tcp 172\.17\.0\.4:9000 has no ACCEPT for it in filter DOCKER: / }],
    },
    {
      name: "an ACCEPT without its DNAT",
      dump: host([A], [accept("172.17.0.2", "80"), ORPHAN_ACCEPT]),
      findings: [{ line: 13, column: 1, endColumn: col(ORPHAN_ACCEPT), message: /^ACCEPT for tcp 172\.17\.0\.9:9100 has no DNAT in nat DOCKER, and bridge docker0 is not in routed mode: / }],
    },
    {
      name: "a DNAT to an address outside every bridge",
      dump: host([FOREIGN], [accept("10.99.0.7", "9300", "udp")]),
      findings: [{ line: 6, column: 1, endColumn: col(FOREIGN), message: "udp 0.0.0.0:9300 is DNATed to 10.99.0.7:9300, which is in no Docker bridge subnet (docker0 172.17.0.0/16)" }],
    },
  ],
});

describe("IPT204 remediation", () => {
  it("deletes the stale rule in its own table", () => {
    const findings = lintText(host([NO_ACCEPT], [ORPHAN_ACCEPT])).findings.filter((f) => f.code === rule.code);
    expect(findings.map((f) => f.remediation?.now)).toEqual([
      [`iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.17.0.4:9000`],
      [`iptables -D DOCKER -d 172.17.0.9/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 9100 -j ACCEPT`],
    ]);
  });
});

describe.runIf(hasCorpus)("IPT204 on Docker's reference dumps", () => {
  it.each(corpusFiles("docker").map((f) => [f]))("%s: does not fire", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
