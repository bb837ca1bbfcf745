/**
 * `-p 127.0.0.1:8080:80` is DNATed in nat PREROUTING, before the routing decision that would
 * drop a 127.0.0.0/8 destination arriving on an outside interface as martian: a neighbour on
 * the LAN that routes 127.0.0.1 via this host reaches the container (moby#45610, moby#41872).
 * Docker 28.0 added the guard `-t raw -A PREROUTING -d 127.0.0.1/32 ! -i lo
 * -p tcp -m tcp --dport <hport> -j DROP` (docker-firewall.md §2 era E, §3 "published on
 * loopback", §4 pitfall 4). IPv6 needs none: ip6_rcv_core drops ::1 from a non-loopback
 * device before PREROUTING, and moby's golden nat-bindlo.v6 has no such rule.
 */
import type { EraId, PublishedPort, RuleRef } from "../docker/types.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { hostEndpoint, portDestination } from "./support/published-ports.js";
import { exposureOf } from "./support/reachability.js";

/** Eras before 28.0: Docker never wrote the raw guard (docker-firewall.md §2). */
const BEFORE_RAW_GUARD: ReadonlySet<EraId | "none" | "unknown"> = new Set<EraId | "none" | "unknown">(["A", "B", "C", "D"]);

function guardCommand(port: PublishedPort): string {
  const proto = port.protocol === "all" ? "" : ` -p ${port.protocol} -m ${port.protocol}`;
  return `iptables -t raw -I PREROUTING -d ${port.hostAddress}/32 ! -i lo${proto} --dport ${port.hostPort ?? "?"} -j DROP`;
}

export default defineLintRule({
  code: "IPT203",
  name: "loopback-publish-reachable",
  severity: "error",
  summary: "A port published on 127.0.0.1 has no raw PREROUTING DROP, so hosts on the LAN can reach it",
  wholeRuleset: true,
  docs: {
    why: "Publishing on 127.0.0.1 is meant to keep a port to the host itself, but Docker's DNAT runs in PREROUTING before the kernel would drop a 127.0.0.1 destination arriving from outside. Any neighbour on the same network that routes 127.0.0.1 (or 127.0.0.0/8) to this host reaches the container. Docker 28.0 and later add a raw-table DROP for such packets; Docker 27 and older never did, and the guard is missing when raw rules are disabled.",
    exceptions: "IPv6 is not affected: the kernel drops ::1 from other interfaces before any netfilter hook. On Docker 28+ the guard lives in the raw table; when the dump has no raw table the rule only judges layouts older than 28.0, which never write it.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://github.com/moby/moby/issues/45610",
      "https://github.com/moby/moby/issues/41872",
      "https://docs.docker.com/engine/network/port-publishing/",
    ],
  },
  check(ctx: RuleContext) {
    const docker = ctx.docker;
    if (docker.family !== "ipv4") return;
    // The packet-path engine decides: a packet from the LAN to 127.0.0.1:<port> on the
    // external interface must end at the container (no raw guard, nothing else dropping it).
    const exposure = exposureOf(ctx);
    // The exposure has its own Docker view: the port is the one with the same DNAT rule.
    const reachable = (p: PublishedPort): boolean => exposure.targets.some((t) => t.target.published?.dnat?.line === p.dnat?.line && t.target.published?.hostPort === p.hostPort && !t.fromOutside.isEmpty());
    const ports = docker.ports.filter((p) => p.dnat !== undefined && p.loopbackOnly && reachable(p));
    if (ports.length === 0) return;
    const hasRaw = docker.tables.includes("raw");
    // Without a raw table only a pre-28 layout is known to lack the guard; a 28+ dump may just leave raw out.
    if (!hasRaw && !BEFORE_RAW_GUARD.has(docker.era.era)) return;
    const preGuardEra = BEFORE_RAW_GUARD.has(docker.era.era);
    for (const port of ports) {
      const dnat = port.dnat as RuleRef;
      ctx.report({
        span: dnat.span,
        message: `${port.protocol} ${hostEndpoint(port)} → ${portDestination(port)} is published on loopback but no raw PREROUTING rule drops ${port.hostAddress} arriving from other interfaces, so hosts on the LAN can reach it`,
        help: preGuardEra
          ? `Docker ${docker.era.versions} never writes this guard; 28.0 and later do`
          : "Docker 28+ writes this guard unless raw rules are disabled (DOCKER_INSECURE_NO_IPTABLES_RAW) or were flushed",
        remediation: {
          now: [guardCommand(port)],
          durable: preGuardEra
            ? "upgrade Docker to 28.0 or later, which adds the raw DROP for every port published on 127.0.0.1, and keep --allow-direct-routing off"
            : "restart dockerd with raw rules enabled (no DOCKER_INSECURE_NO_IPTABLES_RAW=1, --allow-direct-routing off) so that it writes the raw DROP again",
        },
      });
    }
  },
});
