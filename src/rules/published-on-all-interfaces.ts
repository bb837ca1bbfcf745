/**
 * `-p 8080:80` publishes on every address of the host: Docker's DNAT has no `-d`, and the
 * traffic is forwarded, so INPUT rules, ufw and firewalld never see it (docker-firewall.md
 * §4 pitfalls 3 and 4; moby#4737, moby#22054). Only DOCKER-USER, or a host address in the
 * publish spec, keeps the outside away.
 */
import type { PublishedPort } from "../docker/types.js";
import { neverPublicService } from "./data/never-public-ports.js";
import { externalInterface } from "../docker/external-interface.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { dockerUserRestriction, hostEndpoint, iptablesFor, portDestination } from "./support/published-ports.js";

function onAllAddresses(port: PublishedPort): boolean {
  return port.dnat !== undefined && (port.hostAddress === "0.0.0.0" || port.hostAddress === "::");
}

/** DOCKER-USER sees the packet after DNAT: the host port is only in conntrack (§4 pitfall 1). */
function restrictCommand(port: PublishedPort, ext: string): string {
  const proto = port.protocol === "all" ? "" : ` -p ${port.protocol}`;
  return `${iptablesFor(port.family)} -I DOCKER-USER -i ${ext}${proto} -m conntrack --ctorigdstport ${port.hostPort ?? "?"} --ctdir ORIGINAL -j DROP`;
}

function durableFix(port: PublishedPort): string {
  const loopback = port.family === "ipv6" ? "[::1]" : "127.0.0.1";
  if (port.ingress) {
    return `publish the swarm service with mode=host on a chosen address instead of the routing mesh, or keep the DOCKER-USER rule in the firewall configuration that is restored at boot`;
  }
  const spec = `${loopback}:${port.hostPort}:${port.containerPort ?? port.hostPort}`;
  const byDefault = port.family === "ipv4" ? `, or make that the default with "ip": "127.0.0.1" in /etc/docker/daemon.json` : "";
  return `publish it on loopback or an internal address (compose ports: "${spec}", docker run -p ${spec})${byDefault}`;
}

export default defineLintRule({
  code: "IPT202",
  name: "published-on-all-interfaces",
  severity: "warning",
  summary: "A container port is published on every address of the host and no DOCKER-USER rule restricts it",
  wholeRuleset: true,
  docs: {
    why: "Docker publishes -p 8080:80 on 0.0.0.0 (and [::]) by default, and the published traffic is DNATed and forwarded, so INPUT rules, ufw and firewalld never filter it: the port faces every network the host is on, the internet included. For databases, caches, message brokers, admin UIs and the Docker API that is an error; for other ports a warning, because many are meant to be public.",
    exceptions: "A port that really is a public service (a web server). The rule stays silent when a DOCKER-USER rule drops or rejects the port's traffic (matched with -m conntrack --ctorigdstport, the container's --dport or address, or a blanket drop by interface or allow list). Routed-mode bridges publish no host address and are not judged here.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.2:6379\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 6379 -j ACCEPT\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.2:6379\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 6379 -j ACCEPT\n-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/port-publishing/",
      "https://docs.docker.com/engine/network/firewall-iptables/#match-the-original-ip-and-ports-for-requests",
      "https://github.com/moby/moby/issues/22054",
      "https://github.com/moby/moby/issues/4737",
    ],
  },
  check(ctx: RuleContext) {
    const ports = ctx.docker.ports.filter(onAllAddresses);
    if (ports.length === 0) return;
    const ext = externalInterface(ctx.ruleset, ctx.docker);
    for (const port of ports) {
      if (dockerUserRestriction(ctx.ruleset, port)) continue;
      const dnat = port.dnat as NonNullable<PublishedPort["dnat"]>;
      const service = neverPublicService(port.containerPort) ?? neverPublicService(port.hostPort);
      const what = `${port.protocol} ${hostEndpoint(port)} → ${portDestination(port)}`;
      ctx.report({
        span: dnat.span,
        ...(service ? { severity: "error" as const } : {}),
        message: service
          ? `${what} publishes ${service.service} on every address of the host, and no DOCKER-USER rule keeps the outside away from it`
          : `${what} is published on every address of the host, and no DOCKER-USER rule restricts who can reach it`,
        help: `DOCKER-USER sees the container address and port after DNAT; match the published port with -m conntrack --ctorigdstport ${port.hostPort ?? "?"}`,
        remediation: { now: [restrictCommand(port, ext)], durable: durableFix(port) },
      });
    }
  },
});
