import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/forward-drop-breaks-other-bridges.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 (era D) filter table with FORWARD `policy`; `user` = extra rules (line 10 on). */
const host = (user: string, policy = "DROP"): string => `*filter
:INPUT ACCEPT [0:0]
:FORWARD ${policy} [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
:LIBVIRT_FWO - [0:0]
${user}
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
COMMIT
`;

const VIRBR_INPUT = "-A INPUT -i virbr0 -p udp -m udp --dport 53 -j ACCEPT";

testLintRule(rule, {
  valid: [
    { name: "libvirt's own FORWARD accepts through its chain", dump: host(`${VIRBR_INPUT}\n-A FORWARD -j LIBVIRT_FWO\n-A LIBVIRT_FWO -s 192.168.122.0/24 -i virbr0 -j ACCEPT`) },
    { name: "the documented DOCKER-USER accept", dump: host(`${VIRBR_INPUT}\n-A DOCKER-USER -i virbr0 -j ACCEPT`) },
    { name: "a wildcard accept covers the tunnel", dump: host("-A INPUT -i wg0 -j ACCEPT\n-A DOCKER-USER -i wg+ -j ACCEPT") },
    { name: "FORWARD policy ACCEPT", dump: host(`-A FORWARD -o virbr0 -j REJECT --reject-with icmp-port-unreachable`, "ACCEPT") },
    { name: "an interface only INPUT names (a VPN that only reaches the host)", dump: host("-A INPUT -i wg0 -j ACCEPT") },
    { name: "only Docker's bridges", dump: host("") },
  ],
  invalid: [
    {
      name: "libvirt's FORWARD rules reject virbr0 and nothing accepts it",
      dump: host(`-A FORWARD -o virbr0 -j REJECT --reject-with icmp-port-unreachable`),
      findings: [{ line: 10, column: 1, endColumn: 67, message: "libvirt bridge virbr0 needs forwarding, but the filter FORWARD policy is DROP (set by Docker when it enabled IP forwarding) and no rule on the way through FORWARD accepts virbr0's traffic: it is dropped" }],
    },
    {
      name: "only replies to the tunnel are accepted",
      dump: host("-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A DOCKER-USER -i tailscale0 -j LOG"),
      findings: [{ line: 11, column: 1, endColumn: 36, message: /^Tailscale tunnel tailscale0 needs forwarding/ }],
    },
  ],
});

describe("IPT216 remediation", () => {
  it("puts the accepts into DOCKER-USER when FORWARD jumps there", () => {
    const f = lintText(host("-A FORWARD -i lxdbr0 -j DROP")).findings.find((x) => x.code === rule.code);
    expect(f?.remediation?.now).toEqual(["iptables -I DOCKER-USER -i lxdbr0 -j ACCEPT", "iptables -I DOCKER-USER -o lxdbr0 -j ACCEPT"]);
    expect(f?.remediation?.durable).toMatch(/--ip-forward-no-drop/);
  });
});

describe.runIf(hasCorpus)("IPT216 over the corpus", () => {
  it("fires on no reference dump: Docker's own dumps name no other bridge", () => {
    const fired = corpusFiles("docker").filter((p) => !p.endsWith(".nft") && lintText(readCorpus(p)).findings.some((f) => f.code === rule.code));
    expect(fired).toEqual([]);
  });
});
