/**
 * Port forwards that no running container explains: Docker writes one DNAT per published
 * port and one filter ACCEPT for it (docker-firewall.md §1 "Published port"), and the port
 * allocator never hands one host address and port to two containers. Two destinations for
 * one host port, a DNAT without its ACCEPT (or the reverse), or a DNAT to an address no
 * bridge has, are rules left behind by a removed container, a failed restart or a hand edit
 * (§4 pitfalls 9 and 18: Docker only rebuilds its chains when the daemon starts).
 */
import type { DockerView, PortProblem, PublishedPort, RuleRef } from "../docker/types.js";
import type { Family } from "../model/netfilter.js";
import { SubnetIndex } from "../docker/subnet-index.js";
import { HostPortIndex } from "./support/host-port-index.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { containerEndpoint, deleteCommand, hostEndpoint, namedContainerEndpoint, portsOverlap } from "./support/published-ports.js";

const RESTART = "restart dockerd (systemctl restart docker): it deletes and rebuilds its chains from the containers that exist";

function isAnyAddress(address: string | undefined): boolean {
  return address === "0.0.0.0" || address === "::";
}

/** Two DNATs catch the same packets: same protocol, overlapping host ports, and the same host address or one of them on all. */
function sameHostPort(a: PublishedPort, b: PublishedPort): boolean {
  if (a.protocol !== b.protocol || a.hostPort === undefined || b.hostPort === undefined) return false;
  if (a.hostAddress !== b.hostAddress && !isAnyAddress(a.hostAddress) && !isAnyAddress(b.hostAddress)) return false;
  return portsOverlap(a.hostPort, b.hostPort);
}

function sameDestination(a: PublishedPort, b: PublishedPort): boolean {
  return containerEndpoint(a) === containerEndpoint(b);
}

/**
 * The earlier DNAT that takes this port's packets to another destination (ingress DNATs run
 * before DOCKER's): the first, in the view's order, of the DNATs whose host port overlaps.
 */
function shadowingDnat(port: PublishedPort, dnats: HostPortIndex): PublishedPort | undefined {
  const first = (p: PublishedPort) => (p.ingress ? 0 : 1) * 1e9 + (p.dnat as RuleRef).line;
  return dnats.overlapping(port).find((other) => other !== port && first(other) < first(port) && sameHostPort(other, port) && !sameDestination(other, port));
}

/** The family's bridge subnets, when every bridge's subnet is known (undefined: not judged); once per view. */
const subnetIndexes = new WeakMap<DockerView, { readonly family: Family; readonly index?: SubnetIndex<true> }>();

function bridgeSubnets(docker: DockerView, family: Family): SubnetIndex<true> | undefined {
  let cached = subnetIndexes.get(docker);
  if (cached?.family !== family) {
    const bridges = docker.bridges.filter((b) => b.family === family);
    const judged = bridges.length > 0 && bridges.every((b) => b.subnets.length > 0);
    cached = { family, ...(judged ? { index: new SubnetIndex(family, bridges.flatMap((b) => b.subnets.map((s) => ({ cidr: s.cidr, value: true as const })))) } : {}) };
    subnetIndexes.set(docker, cached);
  }
  return cached.index;
}

/** A DNAT to an address outside every bridge subnet, judged only when every bridge's subnet is known. */
function outsideEveryBridge(port: PublishedPort, ctx: RuleContext, family: Family): boolean {
  const subnets = bridgeSubnets(ctx.docker, family);
  return subnets !== undefined && subnets.first(port.containerAddress) === undefined;
}

export default defineLintRule({
  code: "IPT204",
  name: "stale-port-forward",
  severity: "warning",
  summary: "A Docker port forward is left over: two destinations for one host port, a DNAT without its ACCEPT or the reverse, or a DNAT to no bridge",
  wholeRuleset: false,
  docs: {
    why: "Docker writes a DNAT and a filter ACCEPT for every published port and removes both with the container. A host port DNATed to two destinations, a DNAT without its ACCEPT, an ACCEPT without its DNAT, or a DNAT to an address outside every Docker bridge are left over from removed containers, an interrupted restart or a hand edit: the port goes to the wrong container, is silently dropped, or stays open for a container address that may be reused.",
    exceptions: "Routed-mode bridges (gateway_mode=routed) publish with an ACCEPT and no DNAT by design, nat-unprotected bridges with a bridge-wide ACCEPT; neither is flagged. A missing ACCEPT or DNAT is not judged when the dump leaves out the table that would hold it, nor a foreign DNAT address when a bridge's subnet cannot be read from the dump.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -d 203.0.113.10/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n-A DOCKER -d 203.0.113.10/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -d 203.0.113.10/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n-A DOCKER -d 203.0.113.10/32 ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.3:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
      "https://github.com/moby/moby/issues/24848",
      "https://github.com/moby/moby/issues/12294",
    ],
  },
  check(ctx: RuleContext) {
    const docker = ctx.docker;
    const family = docker.family;
    const dnats = new HostPortIndex(docker.ports.filter((p) => p.dnat !== undefined));
    const wholeDump = ctx.dump.format !== "fragment";
    for (const port of docker.ports) {
      const rule = port.dnat ?? port.filterAccept;
      if (!rule) continue;
      // Printing the rule is costly on a large host: only for the ports reported.
      const remove = () => ({ now: [deleteCommand(family, rule.table, rule.text)], durable: RESTART });
      const shadow = port.dnat ? shadowingDnat(port, dnats) : undefined;
      if (shadow) {
        const first = shadow.dnat as RuleRef;
        ctx.report({
          span: rule.span,
          message: `${port.protocol} ${hostEndpoint(port)} is DNATed to ${namedContainerEndpoint(port)} here and to ${namedContainerEndpoint(shadow)} on line ${first.line}: only the earlier rule takes effect, one of them is left from another container${unclaimed([port, shadow])}`,
          related: [{ span: first.span, message: `the earlier DNAT of ${port.protocol} ${hostEndpoint(shadow)}` }],
          remediation: remove(),
        });
        continue;
      }
      if (port.dnat && wholeDump && outsideEveryBridge(port, ctx, family)) {
        ctx.report({
          span: rule.span,
          message: `${port.protocol} ${hostEndpoint(port)} is DNATed to ${namedContainerEndpoint(port)}, which is in no Docker bridge subnet (${subnetList(ctx, family)})`,
          remediation: remove(),
        });
        continue;
      }
      const problem: PortProblem | undefined = wholeDump ? port.problems[0] : undefined;
      if (problem) {
        ctx.report({ span: rule.span, message: `${problem.message}: ${problemConsequence(problem)}${unclaimed([port])}`, remediation: remove() });
      }
    }
  },
});

/**
 * With Docker's names (--docker-inspect): the container addresses no container has although
 * their network was inspected — a network's inspect lists every endpoint on it, so such an
 * address belongs to no running container, which confirms the forward is left over.
 */
function unclaimed(ports: readonly PublishedPort[]): string {
  const orphans = ports.filter((p) => p.network !== undefined && p.owner === undefined);
  return orphans.map((p) => `; Docker lists no container at ${p.containerAddress} on network ${p.network?.name}`).join("");
}

function problemConsequence(problem: PortProblem): string {
  return problem.code === "dnat-without-filter-accept"
    ? "the port is DNATed and then dropped or left to the FORWARD policy, a forward left from a removed container or a deleted rule"
    : "the container port is open to anyone who routes to the container address, an ACCEPT left from a removed container";
}

function subnetList(ctx: RuleContext, family: Family): string {
  return ctx.docker.bridges
    .filter((b) => b.family === family)
    .flatMap((b) => b.subnets.map((s) => `${b.name} ${s.cidr}`))
    .join(", ");
}
