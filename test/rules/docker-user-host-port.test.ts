import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/docker-user-host-port.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

/** Docker 27, docker0 only, one DNAT (line 8) and its ACCEPT; DOCKER-USER rules from line 19. */
function host(dnat: string, accept: string, dockerUser: string): string {
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
    ${dockerUser}
    COMMIT`;
}

const WEB = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
const WEB_ACCEPT = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
const ON_HOST_IP = "-A DOCKER -d 198.51.100.7/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
const SAME_PORT = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:80";
/** A second port whose container port is 8080: --dport 8080 has a meaning after DNAT. */
const OTHER = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.17.0.3:8080";

testLintRule(rule, {
  valid: [
    { name: "--ctorigdstport names the host port", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP") },
    { name: "--dport names the container port", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 80 -j DROP") },
    { name: "host port equals container port (-p 80:80)", dump: host(SAME_PORT, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 80 -j DROP") },
    { name: "another protocol", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p udp -m udp --dport 8080 -j DROP") },
    { name: "--dport 8080 is also another container's port", dump: host(`${WEB}\n${OTHER}`, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP") },
    { name: "a multiport list that also holds the container port", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m multiport --dports 80,8080 -j DROP") },
    { name: "--ctorigdst names the host address", dump: host(ON_HOST_IP, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -m conntrack --ctorigdst 198.51.100.7 --ctdir ORIGINAL -j DROP") },
    { name: "a -d wider than the host address", dump: host(ON_HOST_IP, WEB_ACCEPT, "-A DOCKER-USER -d 198.51.100.0/24 -i eth0 -j DROP") },
    { name: "an inverted --dport", dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp ! --dport 8080 -j DROP") },
  ],
  invalid: [
    {
      name: "--dport names the host port of -p 8080:80",
      dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP"),
      findings: [{ line: 19, column: 1, endColumn: 58, message: "DOCKER-USER matches --dport 8080, the host side of the published tcp 0.0.0.0:8080 → 172.17.0.2:80, but it sees the packets after DNAT (to 172.17.0.2 port 80), so this rule never matches that traffic" }],
    },
    {
      name: "-d names the host address of -p 198.51.100.7:8080:80",
      dump: host(ON_HOST_IP, WEB_ACCEPT, "-A DOCKER-USER -d 198.51.100.7/32 -i eth0 -j DROP"),
      findings: [{ line: 19, column: 1, endColumn: 50, message: /^DOCKER-USER matches -d 198\.51\.100\.7\/32, the host side of the published tcp 198\.51\.100\.7:8080 → 172\.17\.0\.2:80,/ }],
    },
    {
      name: "a multiport list of host ports",
      dump: host(WEB, WEB_ACCEPT, "-A DOCKER-USER -i eth0 -p tcp -m multiport --dports 8080,8443 -j DROP"),
      findings: [{ line: 19, column: 1, endColumn: 70, message: /^DOCKER-USER matches --dports 8080,8443, the host side/ }],
    },
  ],
});

describe("IPT209 remediation", () => {
  const findings = (text: string) => lintText(text).findings.filter((f) => f.code === rule.code);

  it("rewrites --dport into --ctorigdstport in place", () => {
    const [f] = findings(host(WEB, WEB_ACCEPT, "-A DOCKER-USER -j RETURN\n-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP"));
    expect(f?.remediation?.now).toEqual([
      "iptables -D DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP",
      "iptables -I DOCKER-USER 2 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP",
    ]);
  });

  it("rewrites -d and --dport together, one rule per multiport item", () => {
    const [f] = findings(host(ON_HOST_IP, WEB_ACCEPT, "-A DOCKER-USER -d 198.51.100.7/32 -i eth0 -p tcp -m multiport --dports 8080,8443 -j REJECT --reject-with tcp-reset"));
    expect(f?.remediation?.now).toEqual([
      "iptables -D DOCKER-USER -d 198.51.100.7/32 -i eth0 -p tcp -m multiport --dports 8080,8443 -j REJECT --reject-with tcp-reset",
      "iptables -I DOCKER-USER 1 -i eth0 -p tcp -m conntrack --ctorigdst 198.51.100.7/32 --ctorigdstport 8080 --ctdir ORIGINAL -j REJECT --reject-with tcp-reset",
      "iptables -I DOCKER-USER 2 -i eth0 -p tcp -m conntrack --ctorigdst 198.51.100.7/32 --ctorigdstport 8443 --ctdir ORIGINAL -j REJECT --reject-with tcp-reset",
    ]);
  });
});

describe.runIf(hasCorpus)("IPT209 on the corpus", () => {
  // No reference or real dump has a DOCKER-USER rule other than Docker's RETURN.
  it.each([...corpusFiles("docker"), ...corpusFiles("real")].map((f) => [f]))("%s: does not fire", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
