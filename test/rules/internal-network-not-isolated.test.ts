import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/internal-network-not-isolated.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 (era D), internal network br-0a1b2c3d4e5f = 10.20.0.0/24; `rules` go after FORWARD's jumps. */
const eraD = (rules: string, nat = ""): string => dump`
  *nat
  :POSTROUTING ACCEPT [0:0]
  ${nat}
  COMMIT
  *filter
  :FORWARD DROP [0:0]
  :DOCKER - [0:0]
  :DOCKER-ISOLATION-STAGE-1 - [0:0]
  :DOCKER-USER - [0:0]
  -A FORWARD -j DOCKER-USER
  -A FORWARD -j DOCKER-ISOLATION-STAGE-1
  -A FORWARD -i br-0a1b2c3d4e5f -o br-0a1b2c3d4e5f -j ACCEPT
  ${rules}
  COMMIT`;

const PAIR = "-A DOCKER-ISOLATION-STAGE-1 ! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 ! -d 10.20.0.0/24 -i br-0a1b2c3d4e5f -j DROP";

testLintRule(rule, {
  valid: [
    { name: "both drops, reached from FORWARD", dump: eraD(PAIR) },
    { name: "an outgoing ACCEPT after the isolation drop never decides", dump: eraD(`${PAIR}\n-A FORWARD -i br-0a1b2c3d4e5f ! -o br-0a1b2c3d4e5f -j ACCEPT`) },
    { name: "a reply-only conntrack accept is not outgoing traffic", dump: eraD(`-A DOCKER-USER -i br-0a1b2c3d4e5f -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n${PAIR}`) },
    { name: "a nat-mode network is not internal", dump: eraD("-A FORWARD -i br-0a1b2c3d4e5f ! -o br-0a1b2c3d4e5f -j ACCEPT", "-A POSTROUTING -s 10.20.0.0/24 ! -o br-0a1b2c3d4e5f -j MASQUERADE") },
  ],
  invalid: [
    {
      name: "the outgoing half of the pair is missing",
      dump: eraD("-A DOCKER-ISOLATION-STAGE-1 ! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP"),
      findings: [
        {
          line: 13,
          column: 1,
          endColumn: 73,
          message: "internal network on bridge br-0a1b2c3d4e5f (10.20.0.0/24) has no `! -d 10.20.0.0/24 -i br-0a1b2c3d4e5f -j DROP` next to this drop: its containers can send traffic out of the network",
        },
      ],
    },
    {
      name: "the incoming half of the pair is missing",
      dump: eraD("-A DOCKER-ISOLATION-STAGE-1 ! -d 10.20.0.0/24 -i br-0a1b2c3d4e5f -j DROP"),
      findings: [
        {
          line: 13,
          column: 1,
          endColumn: 73,
          message: "internal network on bridge br-0a1b2c3d4e5f (10.20.0.0/24) has no `! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP` next to this drop: traffic from other networks can reach its containers",
        },
      ],
    },
    {
      name: "a DOCKER-USER accept lets the network out before its drop",
      dump: eraD(`-A DOCKER-USER -i br-0a1b2c3d4e5f -o eth0 -j ACCEPT\n${PAIR}`),
      findings: [
        {
          line: 13,
          column: 1,
          endColumn: 52,
          message: "DOCKER-USER accepts traffic leaving internal network br-0a1b2c3d4e5f (10.20.0.0/24) before its isolation drop: its containers can reach other networks",
        },
      ],
    },
    {
      name: "the isolation chain is never jumped to",
      dump: dump`
        *filter
        :FORWARD DROP [0:0]
        :DOCKER-FORWARD - [0:0]
        :DOCKER-INTERNAL - [0:0]
        -A FORWARD -j DOCKER-FORWARD
        -A DOCKER-FORWARD -i br-dummy -o br-dummy -j ACCEPT
        -A DOCKER-INTERNAL ! -s 192.168.0.0/24 -o br-dummy -j DROP
        -A DOCKER-INTERNAL ! -d 192.168.0.0/24 -i br-dummy -j DROP
        COMMIT`,
      findings: [
        { line: 7, column: 1, endColumn: 59, message: "filter FORWARD never reaches DOCKER-INTERNAL: this isolation drop of internal network br-dummy (192.168.0.0/24) never runs" },
        { line: 8, column: 1, endColumn: 59, message: "filter FORWARD never reaches DOCKER-INTERNAL: this isolation drop of internal network br-dummy (192.168.0.0/24) never runs" },
      ],
    },
    {
      name: "a MASQUERADE for the internal subnet",
      dump: eraD(PAIR, "-A POSTROUTING -s 10.20.0.0/24 ! -o br-0a1b2c3d4e5f -j MASQUERADE"),
      findings: [
        {
          line: 3,
          column: 1,
          endColumn: 66,
          message: "nat POSTROUTING masquerades internal network br-0a1b2c3d4e5f (10.20.0.0/24): Docker writes no MASQUERADE for --internal networks, so traffic that gets past the isolation drops leaves with working NAT",
        },
      ],
    },
  ],
});

describe("IPT207 remediation", () => {
  it("puts the missing half back into the chain of the present one", () => {
    const f = lintText(eraD("-A DOCKER-ISOLATION-STAGE-1 ! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP")).findings.find((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -I DOCKER-ISOLATION-STAGE-1 ! -d 10.20.0.0/24 -i br-0a1b2c3d4e5f -j DROP"]);
  });
});

describe.runIf(hasCorpus)("IPT207 over Docker's reference dumps", () => {
  it("fires on no unmodified reference dump, internal scenarios included", () => {
    const files = corpusFiles("docker");
    expect(files.some((p) => p.includes("internal"))).toBe(true);
    expect(files.filter((p) => lintText(readCorpus(p)).findings.some((f) => f.code === rule.code))).toEqual([]);
  });
});
