/**
 * DOCKER-USER is where Docker (17.06+) lets users filter container traffic: FORWARD jumps to
 * it first, before Docker's own accept rules (docker-firewall.md §2, eras C–G; moby
 * libnetwork PR #1675). If the jump is gone, or other rules in FORWARD decide first, the
 * user's rules there never see the traffic they were written for.
 */
import type { RelatedSpan } from "../findings.js";
import type { Chain, FirewallRule } from "../model/ruleset.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { chainTarget } from "../model/chain-graph.js";

const DOCKER_USER = "DOCKER-USER";

/** Targets after which the packet goes on to the next rule; anything else may decide it. */
const CONTINUING_TARGETS = new Set(["LOG", "NFLOG", "MARK", "CONNMARK", "TRACE", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "CHECKSUM", "TCPMSS", "CT", "NOTRACK", "AUDIT", "SET"]);

function mayDecide(rule: FirewallRule): boolean {
  const jump = rule.command.rule.jump;
  if (!jump) return false;
  // A swarm DOCKER-INGRESS jump before DOCKER-USER is swarm-ingress-before-docker-user's finding.
  if (jump.kind === "chain" && jump.name === "DOCKER-INGRESS") return false;
  return !(jump.kind === "extension" && CONTINUING_TARGETS.has(jump.name));
}

function jumpsToDockerUser(rule: FirewallRule): boolean {
  return chainTarget(rule) === DOCKER_USER;
}

const REINSERT = ["iptables -D FORWARD -j DOCKER-USER", "iptables -I FORWARD 1 -j DOCKER-USER"];
const DURABLE = "restart dockerd, which puts -j DOCKER-USER back at the top of FORWARD, and make the firewall tool that adds FORWARD rules add them after it (or move those rules into DOCKER-USER)";

export default defineLintRule({
  code: "IPT201",
  name: "docker-user-jump-missing",
  severity: "error",
  summary: "Docker's chains exist but FORWARD does not send container traffic to DOCKER-USER first",
  wholeRuleset: true,
  docs: {
    why: "Docker evaluates DOCKER-USER before its own rules so that users can restrict access to containers. When FORWARD has no -j DOCKER-USER, or rules before it ACCEPT or DROP, the rules in DOCKER-USER never see that traffic: a published port stays open although DOCKER-USER seems to close it.",
    exceptions: "Docker before 17.06 has no DOCKER-USER, and Docker 29 with the nftables backend writes nothing into iptables; the rule does not fire there. A rule before the jump that only logs or marks packets does not count.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A DOCKER-USER -i eth0 -j DROP\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A DOCKER-USER -i eth0 -j DROP\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#add-iptables-policies-before-dockers-rules",
      "https://github.com/moby/libnetwork/pull/1675",
    ],
  },
  check(ctx: RuleContext) {
    const filter = ctx.ruleset.tables.get("filter");
    if (!filter) return;
    const forward = filter.chains.get("FORWARD") as Chain;
    const dockerUser = filter.chains.get(DOCKER_USER);
    // No DOCKER-USER at all: Docker before 17.06, the 29.x nftables backend, or a dump of
    // only the network driver's rules (moby's golden files) — docker-chains-missing's case.
    if (!dockerUser) return;
    const at = forward.rules.findIndex(jumpsToDockerUser);
    if (at < 0) {
      ctx.report({
        span: dockerUser.declaredAt ?? filter.block.nameSpan,
        message: "filter FORWARD never jumps to DOCKER-USER: the rules in DOCKER-USER never see container traffic",
        remediation: { now: ["iptables -I FORWARD 1 -j DOCKER-USER"], durable: DURABLE },
      });
      return;
    }
    const before = forward.rules.slice(0, at).filter(mayDecide);
    if (before.length === 0) return;
    const jumpRule = forward.rules[at] as FirewallRule;
    const related: RelatedSpan[] = before.map((r) => ({ span: r.command.span, message: "decides container traffic before DOCKER-USER" }));
    ctx.report({
      span: jumpRule.command.rule.jump?.word.span ?? jumpRule.command.span,
      message: `-j DOCKER-USER is rule ${at + 1} of FORWARD: ${before.length} rule${before.length === 1 ? "" : "s"} before it (line${before.length === 1 ? "" : "s"} ${before.map((r) => r.command.line).join(", ")}) accept or drop container traffic before DOCKER-USER sees it`,
      related,
      remediation: { now: REINSERT, durable: DURABLE },
    });
  },
});
