import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/docker-nftables-backend.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

testLintRule(rule, {
  valid: [
    {
      name: "Docker's iptables chains are all there (era D)",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER - [0:0]
        :DOCKER-ISOLATION-STAGE-1 - [0:0]
        :DOCKER-USER - [0:0]
        -A FORWARD -j DOCKER-USER
        -A FORWARD -j DOCKER-ISOLATION-STAGE-1
        -A FORWARD -o docker0 -j DOCKER
        -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
        -A DOCKER-ISOLATION-STAGE-1 -j RETURN
        -A DOCKER-USER -j RETURN
        COMMIT`,
    },
    {
      name: "no Docker trace at all, FORWARD DROP of the host's own firewall",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        COMMIT`,
    },
  ],
  invalid: [
    {
      name: "leftover jump and DOCKER-USER rules, FORWARD policy ACCEPT: informational",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER-USER - [0:0]
        -A FORWARD -j DOCKER-USER
        -A DOCKER-USER -j RETURN
        COMMIT`,
      findings: [{ line: 6, column: 1, endColumn: 26, message: /^Docker's chains are absent from iptables and only DOCKER-USER is left: Docker 29\.x \(nftables backend\) keeps its rules in nft table ip docker-bridges .*FORWARD still jumps to DOCKER-USER, whose 1 rule still filter/ }],
    },
    {
      name: "leftover FORWARD DROP policy: a warning",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER-USER - [0:0]
        -A FORWARD -j DOCKER-USER
        -A DOCKER-USER -i eth0 ! -s 192.0.2.0/24 -j DROP
        -A DOCKER-USER -j RETURN
        COMMIT`,
      findings: [{ line: 6, column: 1, endColumn: 26, message: /the FORWARD policy DROP also drops container traffic that Docker's nftables rules accept$/ }],
    },
    {
      name: "DOCKER-USER without its jump: ignored, and said so",
      dump: dump`
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER-USER - [0:0]
        -A DOCKER-USER -j RETURN
        COMMIT`,
      findings: [{ line: 5, column: 2, endColumn: 13, message: /DOCKER-USER \(1 rule\) is no longer jumped to and is ignored$/ }],
    },
  ],
});

describe("IPT215 severity and remediation", () => {
  it("is a warning with a policy command when FORWARD drops, info otherwise", () => {
    const base = (policy: string) => `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ${policy} [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\nCOMMIT\n`;
    const drop = lintText(base("DROP")).findings.find((f) => f.code === rule.code);
    const accept = lintText(base("ACCEPT")).findings.find((f) => f.code === rule.code);
    expect(drop?.severity).toBe("warning");
    expect(accept?.severity).toBe("info");
    expect(drop?.remediation?.now).toContain("iptables -D FORWARD -j DOCKER-USER");
    expect(drop?.remediation?.now.some((c) => c.startsWith("iptables -P FORWARD ACCEPT"))).toBe(true);
    expect(accept?.remediation?.now.some((c) => c.startsWith("iptables -P FORWARD"))).toBe(false);
  });
});

describe.runIf(hasCorpus)("IPT215 over Docker's reference dumps", () => {
  it("fires on none of them: every one has Docker's iptables chains (the .nft files are not iptables dumps)", () => {
    const fired = corpusFiles("docker").filter((p) => !p.endsWith(".nft") && lintText(readCorpus(p)).findings.some((f) => f.code === rule.code));
    expect(fired).toEqual([]);
  });
});
