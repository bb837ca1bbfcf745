import { testLintRule, dump } from "../helpers/rule-tester.js";
import rule from "../../src/rules/direct-routing-exposure.js";

/** Docker 27 (era D) with docker0 172.17.0.0/16 and a container 172.17.0.2 publishing 8080:80; FORWARD policy on line 10. */
function docker27(policy: string, user = "-A DOCKER-USER -j RETURN"): string {
  return dump`
    *nat
    :PREROUTING ACCEPT [0:0]
    :DOCKER - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
    -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
    -A DOCKER -i docker0 -j RETURN
    -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
    COMMIT
    *filter
    :FORWARD ${policy} [0:0]
    :DOCKER - [0:0]
    :DOCKER-USER - [0:0]
    -A FORWARD -j DOCKER-USER
    -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A FORWARD -o docker0 -j DOCKER
    -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
    -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
    ${user}
    COMMIT`;
}

const DOCKER28_RAW = dump`
  *raw
  :PREROUTING ACCEPT [0:0]
  -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
  COMMIT`;

testLintRule(rule, {
  valid: [
    { name: "FORWARD policy DROP (Docker's default since 1.13)", dump: docker27("DROP") },
    { name: "DOCKER-USER drops what Docker's DNAT did not produce", dump: docker27("ACCEPT", "-A DOCKER-USER -i eth0 -d 172.17.0.0/16 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP") },
    { name: "Docker 28's raw drop of direct access", dump: DOCKER28_RAW + docker27("ACCEPT") },
  ],
  invalid: [
    {
      name: "FORWARD policy ACCEPT before Docker 28: every container port is reachable",
      dump: docker27("ACCEPT"),
      findings: [{ line: 10, column: 10, endColumn: 16, message: "a host that routes 172.17.0.0/16 via this host reaches every port of the containers on docker0: tcp 172.17.0.2:4, which nothing publishes, is forwarded from 0.0.0.0/0 on eth0" }],
    },
    {
      name: "DOCKER-USER protects only the published port",
      dump: docker27("ACCEPT", "-A DOCKER-USER -i eth0 ! -s 10.0.0.0/8 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP"),
      findings: [{ line: 10, column: 10, endColumn: 16, message: /tcp 172\.17\.0\.2:4, which nothing publishes, is forwarded from 0\.0\.0\.0\/0 on eth0$/ }],
    },
  ],
});
