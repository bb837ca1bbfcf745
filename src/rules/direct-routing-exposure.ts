/**
 * Direct routing to container addresses (docker-firewall.md §4 pitfall 5; moby#14041,
 * moby#45610, the 28.0 release notes): a neighbour that routes a bridge subnet via this host
 * sends packets straight to 172.17.0.2. Up to 27.x nothing in FORWARD stops them when the
 * FORWARD policy is ACCEPT (set by the user, another tool, or `"iptables": false` plus
 * ip_forward); 28.0 added raw PREROUTING drops and a DROP for unpublished ports, which
 * `--allow-direct-routing` or the nat-unprotected gateway mode take away again. The engine
 * sends a packet from the external interface to an unpublished port of a container and
 * reports the bridges whose containers it reaches.
 */
import { containerAddresses } from "../docker/net.js";
import { AddressSet, formatAddress } from "../model/ip/address-set.js";
import { evaluateArriving } from "../engine/pipeline.js";
import { listOf } from "../engine/walk.js";
import type { Span } from "../findings.js";
import { bridgeLabel } from "../docker/names.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { iptablesFor } from "./support/published-ports.js";
import { hostContextOf, probePort } from "./support/reachability.js";

function forwardSpan(ctx: RuleContext): Span | undefined {
  const filter = ctx.ruleset.tables.get("filter");
  const decl = filter?.block.chains.find((c) => c.name === "FORWARD");
  return decl?.policySpan ?? decl?.nameSpan ?? filter?.block.nameSpan;
}

export default defineLintRule({
  code: "IPT219",
  name: "direct-routing-exposure",
  severity: "warning",
  summary: "Hosts that route a bridge subnet via this host reach every port of its containers, published or not",
  wholeRuleset: true,
  docs: {
    why: "Publishing a port is meant to be the only way in. But a container address is an ordinary routable address: any machine on the LAN (or the upstream router) that routes 172.17.0.0/16 via this host can send packets to 172.17.0.2 directly, without DNAT. Up to Docker 27 nothing stops them when the FORWARD policy is ACCEPT; Docker 28 added raw-table drops and a DROP for unpublished ports, which --allow-direct-routing or the nat-unprotected gateway mode remove. iptlint sends a packet from the external interface to an unpublished port of a container through its packet-path engine and reports the bridges whose containers it reaches.",
    exceptions: "Routed networks (gateway mode routed) are meant to be reached directly, but only on published ports; nat-unprotected networks open every port on purpose. Neither is judged here unless an unpublished port is reachable on a bridge in nat mode.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#direct-routing",
      "https://github.com/moby/moby/issues/14041",
      "https://github.com/moby/moby/issues/45610",
    ],
  },
  check(ctx: RuleContext) {
    const docker = ctx.docker;
    if (!docker.hasDockerRules || !ctx.ruleset.tables.has("filter")) return;
    const host = hostContextOf(ctx);
    const family = ctx.ruleset.family;
    const port = probePort(ctx);
    for (const bridge of docker.bridges) {
      const mode = bridge.mode.value;
      if (mode === "internal" || mode === "routed" || mode === "nat-unprotected") continue;
      const dst = containerAddresses(bridge, 1)?.[0];
      if (dst === undefined) continue;
      const outcomes = evaluateArriving(ctx.ruleset, host.host, { src: AddressSet.all(family), dst, proto: 6, sport: 40000, dport: port, in: host.externalInterface });
      let reached = AddressSet.empty(family);
      for (const o of outcomes) if (o.fate === "forwarded" && o.piece.packet.dst === dst && listOf(o.piece.assumptions).length === 0) reached = reached.union(o.piece.src);
      if (reached.isEmpty()) continue;
      const span = forwardSpan(ctx);
      if (!span) continue;
      const subnet = bridge.subnets[0]?.cidr ?? formatAddress(dst, family);
      const cmd = iptablesFor(family);
      ctx.report({
        span,
        message: `a host that routes ${subnet} via this host reaches every port of the containers on ${bridgeLabel(bridge.name, bridge.network?.name)}: tcp ${formatAddress(dst, family)}:${port}, which nothing publishes, is forwarded from ${reached.describe()} on ${host.externalInterface}`,
        help: "published ports are the only intended way in; drop forwarded packets to the bridge that Docker's DNAT did not produce",
        remediation: {
          now: [`${cmd} -I DOCKER-USER -i ${host.externalInterface} -d ${subnet} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`],
          durable: `upgrade to Docker 28 or later (it drops direct access in the raw table) and leave --allow-direct-routing off; keep the FORWARD policy DROP ("ip-forward-no-drop": false in /etc/docker/daemon.json)`,
        },
      });
    }
  },
});
