/**
 * Inter-container communication (icc) is on by default for docker0 (`--icc`) and for every
 * user network (`com.docker.network.bridge.enable_icc`): containers on one bridge reach each
 * other on every port, published or not (docker-firewall.md §4 pitfall 11). Docker writes it
 * as `-i <br> -o <br> -j ACCEPT` up to 27.x and for internal networks, and as the combined
 * `-i <br> -j ACCEPT` from 28.0 (§3 "icc on"); the Docker view reads both into `bridge.icc`.
 * It is Docker's default, not a mistake, hence info: worth knowing when one compromised
 * container should not reach its neighbours' unpublished ports.
 */
import type { Bridge } from "../docker/types.js";
import { containerAddresses } from "../docker/net.js";
import { parseAddressText } from "../model/ip/addresses.js";
import type { Family } from "../model/netfilter.js";
import { iptablesFor } from "./support/published-ports.js";
import { forwardedWithin, probePort } from "./support/reachability.js";
import { bridgeLabel } from "../docker/names.js";
import { defineLintRule, type RuleContext } from "./define.js";

const BR_NETFILTER = "icc=false (and a DROP like this) only takes effect with br_netfilter loaded and net.bridge.bridge-nf-call-iptables=1 (net.bridge.bridge-nf-call-ip6tables=1 for IPv6): otherwise traffic between containers on one bridge never reaches iptables";

const DOCUMENTATION: Readonly<Record<Family, bigint>> = { ipv4: parseAddressText("192.0.2.0", "ipv4") as bigint, ipv6: parseAddressText("2001:db8:ffff::", "ipv6") as bigint };

function durable(bridge: Bridge): string {
  if (bridge.kind === "default") return 'set "icc": false in /etc/docker/daemon.json and restart dockerd (it applies to docker0 only)';
  return "recreate the network with `docker network create -o com.docker.network.bridge.enable_icc=false …` (icc cannot be changed on an existing network)";
}

/**
 * DOCKER-USER (17.06+) is evaluated first from FORWARD and never flushed by Docker, so a DROP
 * there holds across daemon restarts (docs: packet-filtering-firewalls, "Add iptables policies
 * before Docker's rules"); before 17.06 only FORWARD itself is there.
 */
function dropCommand(ctx: RuleContext, bridge: Bridge): string {
  const chain = ctx.docker.dockerUser.declared ? "DOCKER-USER" : "FORWARD 1";
  return `${iptablesFor(bridge.family)} -I ${chain} -i ${bridge.name} -o ${bridge.name} -j DROP`;
}

/**
 * A packet between two of its containers (two documentation addresses, RFC 5737/3849, when the
 * rules show neither endpoints nor a subnet) on a port nothing names is stopped on its way.
 */
function containersBlocked(ctx: RuleContext, bridge: Bridge): boolean {
  const base = DOCUMENTATION[bridge.family];
  const [a, b] = containerAddresses(bridge, 2) ?? [base + 2n, base + 3n];
  return forwardedWithin(ctx, a as bigint, b as bigint, bridge.name, probePort(ctx)) === "no";
}

export default defineLintRule({
  code: "IPT206",
  name: "icc-open",
  severity: "info",
  summary: "Containers on one Docker bridge can reach each other on every port (inter-container communication is on)",
  wholeRuleset: false,
  docs: {
    why: "With icc on (Docker's default for docker0 and every user network) any container on a bridge can connect to any port of the other containers on it, published or not. A compromised container can then attack its neighbours' databases and admin ports directly.",
    exceptions: "It is Docker's default and what most multi-container applications on one network rely on; isolate only networks whose containers should not talk to each other. icc=false needs br_netfilter with net.bridge.bridge-nf-call-iptables=1 to take effect, and containers can still reach the host itself (moby#21990). docker_gwbridge (swarm) is always icc=false.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/drivers/bridge/#options",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#add-iptables-policies-before-dockers-rules",
      "https://github.com/moby/moby/issues/12071",
      "https://github.com/moby/moby/issues/21990",
    ],
  },
  check(ctx: RuleContext) {
    for (const bridge of ctx.docker.bridges) {
      if (bridge.icc.value !== "on") continue;
      const evidence = bridge.icc.evidence.flatMap((e) => e.rules)[0];
      if (!evidence) continue;
      // Docker's ACCEPT may never be reached: a DOCKER-USER (or earlier) rule can drop the
      // bridge's internal traffic, which is what the fix below does.
      if (containersBlocked(ctx, bridge)) continue;
      const form = evidence.text.replace(/^-A \S+ /, "");
      ctx.report({
        span: evidence.span,
        message: `inter-container communication is on for bridge ${bridgeLabel(bridge.name, bridge.network?.name, form)}: its containers can reach each other on every port, published or not`,
        help: BR_NETFILTER,
        remediation: { now: [dropCommand(ctx, bridge)], durable: durable(bridge) },
      });
    }
  },
});
