import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/masquerade-missing.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Docker 27 (era D), docker0 with icc off and one published port; `nat` is the nat table's POSTROUTING part. */
const host = (nat: string): string => dump`
  *nat
  :PREROUTING ACCEPT [0:0]
  :INPUT ACCEPT [0:0]
  :OUTPUT ACCEPT [0:0]
  :POSTROUTING ACCEPT [0:0]
  :DOCKER - [0:0]
  -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
  ${nat}
  -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
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
  COMMIT`;

const NO_MASQ = "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER";

testLintRule(rule, {
  valid: [
    { name: "Docker's MASQUERADE for docker0", dump: host("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE") },
    { name: "SNAT to a fixed address (com.docker.network.host_ipv4)", dump: host("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j SNAT --to-source 192.0.2.10") },
    { name: "the user's catch-all masquerade out of eth0", dump: host("-A POSTROUTING -o eth0 -j MASQUERADE") },
    { name: "the user's masquerade of a covering private range", dump: host("-A POSTROUTING -s 172.16.0.0/12 -j MASQUERADE") },
    { name: "the container's subnet is routed upstream (--routed-subnet)", dump: host(NO_MASQ), options: { routedSubnets: ["172.17.0.0/16"] } },
    {
      name: "no nat table in the input: masquerading is unknown",
      dump: dump`
        *filter
        :FORWARD DROP [0:0]
        :DOCKER - [0:0]
        -A FORWARD -o docker0 -j DOCKER
        -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
        COMMIT`,
    },
    {
      name: "28.x routed gateway mode (-o <br> -p icmp -j ACCEPT) needs no NAT",
      dump: dump`
        *nat
        :POSTROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A DOCKER -i bridge1 -j RETURN
        COMMIT
        *filter
        :FORWARD DROP [0:0]
        :DOCKER - [0:0]
        :DOCKER-FORWARD - [0:0]
        :DOCKER-ISOLATION-STAGE-1 - [0:0]
        -A FORWARD -j DOCKER-FORWARD
        -A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1
        -A DOCKER-FORWARD -i bridge1 -j ACCEPT
        -A DOCKER -o bridge1 -p icmp -j ACCEPT
        -A DOCKER ! -i bridge1 -o bridge1 -j DROP
        COMMIT`,
    },
  ],
  invalid: [
    {
      name: "--ip-masq=false: docker0 has no MASQUERADE",
      dump: host(NO_MASQ),
      findings: [
        {
          line: 20,
          column: 1,
          endColumn: 45,
          message:
            "Docker bridge docker0 (subnet not shown by any rule) has no MASQUERADE or SNAT rule in nat POSTROUTING: its containers have no outbound connectivity unless the upstream network routes the subnet back to this host (in Docker ≤27.x a gateway_mode=routed network looks the same)",
        },
      ],
    },
    {
      name: "a routed subnet that does not hold the bridge's containers does not help",
      dump: host(NO_MASQ),
      options: { routedSubnets: ["10.0.0.0/8"] },
      findings: [{ line: 20, column: 1, endColumn: 45, message: /^Docker bridge docker0 .*no MASQUERADE or SNAT/ }],
    },
    {
      name: "a masquerade only for another interface's traffic does not cover the bridge",
      dump: host("-A POSTROUTING -s 192.168.50.0/24 -o eth0 -j MASQUERADE"),
      findings: [{ line: 20, column: 1, endColumn: 45, message: /^Docker bridge docker0 / }],
    },
  ],
});

describe.runIf(hasCorpus)("IPT205 over Docker's reference dumps", () => {
  const fired = (path: string): boolean => lintText(readCorpus(path)).findings.some((f) => f.code === rule.code);

  it("fires on every masquerade-off (nomasq) scenario", () => {
    const nomasq = corpusFiles("docker").filter((p) => p.includes("nomasq"));
    expect(nomasq.length).toBeGreaterThan(0);
    for (const p of nomasq) expect(fired(p), p).toBe(true);
  });

  it("fires on nothing else: routed, internal and masquerading scenarios stay quiet", () => {
    const others = corpusFiles("docker").filter((p) => !p.includes("nomasq"));
    expect(others.some((p) => p.includes("routed"))).toBe(true);
    expect(others.filter(fired)).toEqual([]);
  });

  it("goes quiet on a nomasq scenario once its subnet is declared routed", () => {
    const p = corpusFiles("docker").find((f) => f.includes("nomasq")) as string;
    expect(lintText(readCorpus(p), { routedSubnets: ["192.168.0.0/24"] }).findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
