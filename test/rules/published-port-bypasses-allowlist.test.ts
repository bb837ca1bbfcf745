import { testLintRule, dump } from "../helpers/rule-tester.js";
import rule from "../../src/rules/published-port-bypasses-allowlist.js";

/** Docker 27 (era D), -p 8080:80 to 172.17.0.2 (DNAT on line 7); `input` and `user` are the INPUT and DOCKER-USER rules. */
function host(input: string, user = "", policy = "DROP"): string {
  return dump`
    *nat
    :PREROUTING ACCEPT [0:0]
    :DOCKER - [0:0]
    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
    -A DOCKER -i docker0 -j RETURN
    -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
    -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
    COMMIT
    *filter
    :INPUT ${policy} [0:0]
    :FORWARD DROP [0:0]
    :DOCKER - [0:0]
    :DOCKER-USER - [0:0]
    :ufw-user-input - [0:0]
    -A INPUT -i lo -j ACCEPT
    -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A INPUT -j ufw-user-input
    ${input || "-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT"}
    -A FORWARD -j DOCKER-USER
    -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A FORWARD -o docker0 -j DOCKER
    -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
    -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
    ${user || "-A DOCKER-USER -j RETURN"}
    COMMIT`;
}

testLintRule(rule, {
  valid: [
    { name: "INPUT policy ACCEPT: the host firewall restricts nothing", dump: host("-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT", "", "ACCEPT") },
    { name: "INPUT allows the port from everywhere too", dump: host("-A ufw-user-input -p tcp -m tcp --dport 8080 -j ACCEPT") },
    { name: "DOCKER-USER already decides who reaches the port", dump: host("", "-A DOCKER-USER -i eth0 ! -s 10.0.0.0/8 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP") },
  ],
  invalid: [
    {
      name: "ufw allows only ssh: the published port is open to everyone anyway",
      dump: host(""),
      findings: [{ line: 7, column: 1, endColumn: 89, message: "tcp 0.0.0.0:8080 → 172.17.0.2:80 on docker0 is reachable through FORWARD from 0.0.0.0/0 on eth0, but INPUT lets no source reach port 8080 on the host: Docker's DNAT takes the packets past INPUT" }],
    },
    {
      name: "INPUT allows the port only from the office network",
      dump: host("-A ufw-user-input -s 192.0.2.0/24 -p tcp -m tcp --dport 8080 -j ACCEPT"),
      findings: [{ line: 7, column: 1, endColumn: 89, message: "tcp 0.0.0.0:8080 → 172.17.0.2:80 on docker0 is reachable through FORWARD from 0.0.0.0/0 except 192.0.2.0/24 on eth0, but INPUT lets only 192.0.2.0/24 reach port 8080 on the host: Docker's DNAT takes the packets past INPUT" }],
    },
  ],
});
