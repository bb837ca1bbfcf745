import rule from "../../src/rules/docker-user-jump-missing.js";
import { dump, testLintRule } from "../helpers/rule-tester.js";

const header = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-USER - [0:0]`;

testLintRule(rule, {
  valid: [
    {
      name: "Docker 27: DOCKER-USER first in FORWARD",
      dump: dump`
        ${header}
        -A FORWARD -j DOCKER-USER
        -A FORWARD -j DOCKER-ISOLATION-STAGE-1
        -A FORWARD -o docker0 -j DOCKER
        -A DOCKER-USER -j RETURN
        COMMIT`,
    },
    {
      name: "a LOG rule before the jump does not decide anything",
      dump: dump`
        ${header}
        -A FORWARD -m limit --limit 3/min -j LOG --log-prefix "fwd "
        -A FORWARD -j DOCKER-USER
        COMMIT`,
    },
    {
      name: "Docker 17.03 has no DOCKER-USER (era B)",
      dump: dump`
        *filter
        :FORWARD DROP [0:0]
        :DOCKER - [0:0]
        :DOCKER-ISOLATION - [0:0]
        -A FORWARD -j DOCKER-ISOLATION
        -A FORWARD -o docker0 -j DOCKER
        COMMIT`,
    },
    {
      name: "a swarm DOCKER-INGRESS jump first is swarm-ingress-before-docker-user's finding",
      dump: dump`
        ${header}
        :DOCKER-INGRESS - [0:0]
        -A FORWARD -j DOCKER-INGRESS
        -A FORWARD -j DOCKER-USER
        COMMIT`,
    },
    {
      name: "a fragment cannot show the jump",
      dump: "-A DOCKER-USER -i eth0 -j DROP\n",
    },
  ],
  invalid: [
    {
      name: "FORWARD never jumps to DOCKER-USER",
      dump: dump`
        ${header}
        -A FORWARD -o docker0 -j DOCKER
        -A DOCKER-USER -i eth0 -j DROP
        COMMIT`,
      findings: [{ line: 7, column: 2, endColumn: 13, message: "filter FORWARD never jumps to DOCKER-USER: the rules in DOCKER-USER never see container traffic" }],
    },
    {
      name: "a VPN chain and an ACCEPT come before the jump",
      dump: dump`
        ${header}
        :ts-forward - [0:0]
        -A FORWARD -j ts-forward
        -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -j DOCKER-USER
        COMMIT`,
      findings: [
        {
          line: 11,
          column: 15,
          endColumn: 26,
          message: "-j DOCKER-USER is rule 3 of FORWARD: 2 rules before it (lines 9, 10) accept or drop container traffic before DOCKER-USER sees it",
        },
      ],
    },
  ],
});
