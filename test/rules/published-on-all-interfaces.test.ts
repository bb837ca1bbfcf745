import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/published-on-all-interfaces.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";
import { familyFromFileName } from "../../src/ast/detect.js";

/** Docker 27, docker0 only, one DNAT line (line 8) and its ACCEPT; DOCKER-USER rules go last. */
function host(dnat: string, accept: string, dockerUser = ""): string {
  return dump`
    *nat
    :PREROUTING ACCEPT [0:0]
    :OUTPUT ACCEPT [0:0]
    :POSTROUTING ACCEPT [0:0]
    :DOCKER - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
    -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
    ${dnat}
    COMMIT
    *filter
    :INPUT ACCEPT [0:0]
    :FORWARD DROP [0:0]
    :OUTPUT ACCEPT [0:0]
    :DOCKER - [0:0]
    :DOCKER-USER - [0:0]
    -A FORWARD -j DOCKER-USER
    -A FORWARD -o docker0 -j DOCKER
    ${accept}
    ${dockerUser || "-A DOCKER-USER -j RETURN"}
    COMMIT`;
}

const WEB = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
const WEB_ACCEPT = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
const REDIS = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 16379 -j DNAT --to-destination 172.17.0.3:6379";
const REDIS_ACCEPT = "-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 6379 -j ACCEPT";

testLintRule(rule, {
  valid: [
    { name: "published on 127.0.0.1", dump: host(WEB.replace("-A DOCKER !", "-A DOCKER -d 127.0.0.1/32 !"), WEB_ACCEPT) },
    { name: "DOCKER-USER drops the host port by --ctorigdstport", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP") },
    { name: "DOCKER-USER rejects the container address and port after DNAT", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -d 172.17.0.2/32 -i eth0 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable") },
    { name: "an allow list: everything but the office is dropped from eth0", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 ! -s 203.0.113.0/24 -j DROP") },
    { name: "a multiport drop that includes the container port", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m multiport --dports 22,80,443 -j DROP") },
    { name: "a DNAT on a host address", dump: host(WEB.replace("-A DOCKER !", "-A DOCKER -d 198.51.100.7/32 !"), WEB_ACCEPT) },
    { name: "routed mode: an ACCEPT without DNAT publishes no host address", dump: host("-A POSTROUTING -o docker0 -j ACCEPT", WEB_ACCEPT) },
    { name: "a fragment cannot show DOCKER-USER", dump: `${WEB}\n` },
  ],
  invalid: [
    {
      name: "Redis on every address is an error",
      dump: host(REDIS, REDIS_ACCEPT),
      findings: [{ line: 8, column: 1, endColumn: 92, message: "tcp 0.0.0.0:16379 → 172.17.0.3:6379 on docker0 publishes Redis on every address of the host, and no DOCKER-USER rule keeps the outside away from it" }],
    },
    {
      name: "a web port on every address is a warning",
      dump: host(WEB, WEB_ACCEPT),
      findings: [{ line: 8, column: 1, endColumn: 89, message: "tcp 0.0.0.0:8080 → 172.17.0.2:80 on docker0 is published on every address of the host, and no DOCKER-USER rule restricts who can reach it" }],
    },
    {
      name: "a DROP after DOCKER-USER's RETURN is never reached",
      dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -j RETURN\n-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP"),
      findings: [{ line: 8, column: 1, endColumn: 89, message: /^tcp 0\.0\.0\.0:8080 → 172\.17\.0\.2:80 on docker0 is published/ }],
    },
    {
      name: "DOCKER-USER matching the host port with --dport never sees it (pitfall 1), nor does a block list",
      dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP\n-A DOCKER-USER -s 192.0.2.66/32 -j DROP"),
      findings: [{ line: 8, column: 1, endColumn: 89, message: /published on every address/ }],
    },
    {
      name: "IPv6: published on [::]",
      dump: dump`
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A DOCKER ! -s fe80::/10 ! -i br-dummy -p tcp -m tcp --dport 3306 -j DNAT --to-destination [fd49:efd7:54aa::1]:3306
        COMMIT`,
      options: { family: { family: "ipv6", source: "option" } },
      findings: [{ line: 5, column: 1, endColumn: 116, message: "tcp [::]:3306 → [fd49:efd7:54aa::1]:3306 on br-dummy publishes MySQL on every address of the host, and no DOCKER-USER rule keeps the outside away from it" }],
    },
  ],
});

describe("IPT202 severity and remediation", () => {
  const findings = (text: string) => lintText(text).findings.filter((f) => f.code === rule.code);

  it("is an error for a never-public service (by container port) and a warning otherwise", () => {
    expect(findings(host(REDIS, REDIS_ACCEPT))[0]?.severity).toBe("error");
    expect(findings(host(WEB, WEB_ACCEPT))[0]?.severity).toBe("warning");
  });

  it("restricts by the original destination port, on the interface the dump names", () => {
    const [f] = findings(host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i ens3 -p udp -m conntrack --ctorigdstport 53 --ctdir ORIGINAL -j DROP"));
    expect(f?.remediation?.now).toEqual(["iptables -I DOCKER-USER -i ens3 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP"]);
    expect(f?.remediation?.durable).toContain('"127.0.0.1:8080:80"');
  });

  it("uses a placeholder interface when the dump names none", () => {
    expect(findings(host(WEB, WEB_ACCEPT))[0]?.remediation?.now[0]).toContain("-i eth0 ");
  });
});

describe.runIf(hasCorpus)("IPT202 on Docker's reference dumps", () => {
  // Every moby scenario that publishes -p 8080:80 without a host address, and only those.
  it.each(corpusFiles("docker").map((f) => [f]))("%s: fires exactly on the DNATs without -d", (path) => {
    const text = readCorpus(path);
    const family = familyFromFileName(path);
    const lines = lintText(text, family ? { family: { family, source: "file name" } } : {}).findings.filter((f) => f.code === rule.code).map((f) => f.span.start.line);
    const expected = text.split("\n").flatMap((l, i) => (/-j DNAT/.test(l) && !/ -d /.test(l) && !l.startsWith("#") ? [i + 1] : []));
    expect(lines).toEqual(expected);
  });
});
