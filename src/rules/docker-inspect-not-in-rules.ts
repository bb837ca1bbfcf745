/**
 * What Docker says exists and the dump has no rules for (only with --docker-inspect or
 * --live): a port a running container publishes with no DNAT in nat DOCKER, a bridge network
 * no rule names. Docker writes a network's rules when it creates the network and a port's
 * DNAT when it starts the container (docker-firewall.md §1); only a daemon restart rewrites
 * them (§4 pitfall 18). A gap means the rules were flushed or restored from an older save after
 * Docker wrote them (iptables-restore at boot, a firewall reload), or the dump is older than
 * the inspect output.
 */
import { parseDockerInspect, type InspectContainer, type InspectNetwork, type PortBinding } from "../docker/inspect.js";
import { containerLabel, DockerNames } from "../docker/names.js";
import { addressFamily, anyAddress } from "../docker/net.js";
import type { DockerView } from "../docker/types.js";
import type { DockerSubject } from "../findings.js";
import { parseAddressText } from "../model/ip/addresses.js";
import type { Family } from "../model/netfilter.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { addressPort, portsOverlap } from "./support/published-ports.js";

/** What the documented examples are linted with: `docker network inspect bridge` and `docker inspect web`, cut to the fields iptlint reads. */
const EXAMPLE_INSPECT = `[{"Name": "bridge", "Id": "0d5e3f9a1c7b2e4d6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e", "Scope": "local", "Driver": "bridge", "EnableIPv6": false,
  "IPAM": {"Driver": "default", "Options": null, "Config": [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}]}, "Internal": false,
  "Options": {"com.docker.network.bridge.default_bridge": "true", "com.docker.network.bridge.name": "docker0"}}]
[{"Id": "4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2", "Name": "/web", "State": {"Status": "running", "Running": true},
  "Config": {"Image": "nginx:1.27"}, "HostConfig": {"NetworkMode": "bridge", "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}},
  "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}, "Networks": {"bridge": {"NetworkID": "0d5e3f9a1c7b2e4d6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e", "IPAddress": "172.17.0.2", "GlobalIPv6Address": ""}}}}]
`;

const DURABLE = "do not restore a saved ruleset over Docker's rules after dockerd has started (iptables-restore or netfilter-persistent at boot, a firewall reload that flushes the tables); keep your own rules in DOCKER-USER and INPUT, or reload them with iptables-restore --noflush";

/**
 * Bindings Docker publishes with a DNAT in this family: "" (every address) and the family's
 * addresses, for a container with an address of the family on a bridge network that is not
 * internal and not routed. IPv6 loopback is published by docker-proxy alone: the kernel cannot
 * DNAT to ::1.
 */
function natBindings(c: InspectContainer, family: Family, networks: ReadonlyMap<string, InspectNetwork>): PortBinding[] {
  const attached = c.networks.filter((n) => (family === "ipv4" ? n.ipv4 : n.ipv6) !== undefined).map((n) => networks.get(n.network));
  const publishing = attached.some((n) => n === undefined || (n.driver === "bridge" && !n.internal && (family === "ipv4" ? n.gatewayModeIpv4 : n.gatewayModeIpv6) !== "routed"));
  if (!publishing) return [];
  return c.published.filter((b) => b.hostPort !== "" && (b.hostIp === "" || addressFamily(b.hostIp) === family) && b.hostIp !== "::1");
}

function hasDnat(view: DockerView, b: PortBinding, family: Family): boolean {
  const any = b.hostIp === "" || b.hostIp === anyAddress(family);
  return view.ports.some((p) => p.dnat !== undefined && p.protocol === b.protocol && p.hostPort !== undefined && portsOverlap(p.hostPort.replace("-", ":"), b.hostPort) && (any ? p.hostAddress === anyAddress(family) : sameAddress(p.hostAddress, b.hostIp, family)));
}

function sameAddress(a: string | undefined, b: string, family: Family): boolean {
  const x = a === undefined ? undefined : parseAddressText(a, family);
  return x !== undefined && x === parseAddressText(b, family);
}

function hasFamilySubnet(n: InspectNetwork, family: Family): boolean {
  return n.subnets.some((s) => s.family === family) && (family === "ipv4" || n.ipv6);
}

export default defineLintRule({
  code: "IPT221",
  name: "docker-inspect-not-in-rules",
  severity: "info",
  summary: "Docker's inspect output shows a published port or a bridge network that the dump has no rules for",
  wholeRuleset: true,
  docs: {
    why: "Only with --docker-inspect (or --live on a host with docker): Docker writes a network's isolation, masquerade and forwarding rules when it creates the network, and a DNAT for every port a container publishes when the container starts, and rewrites them only when the daemon restarts. A port docker inspect lists with no DNAT in nat DOCKER, or a bridge network no rule names, means the rules were flushed or replaced after Docker wrote them (iptables-restore of an older save at boot, a firewall reload), and the port or network does not work as Docker thinks; or the dump is older than the inspect output. The examples are linted with the inspect JSON of a container web (nginx:1.27) on the default bridge publishing 0.0.0.0:8080 to port 80.",
    exceptions: "Dump and inspect output taken at different times (a container started or a network created in between). Ports of routed (gateway_mode=routed) and internal networks, IPv6 loopback bindings and ports of containers without an address of the dump's family have no DNAT by design and are not judged; nor are ports when nat has no DOCKER chain (docker-chains-missing reports that).",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 -j ACCEPT\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -i eth0 ! -s 192.0.2.0/24 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP\nCOMMIT\n",
    references: ["https://docs.docker.com/engine/network/packet-filtering-firewalls/", "https://docs.docker.com/reference/cli/docker/inspect/", "https://github.com/moby/moby/issues/12294"],
    settings: { dockerNames: new DockerNames(parseDockerInspect(EXAMPLE_INSPECT).inspect) },
  },
  check(ctx: RuleContext) {
    const names = ctx.settings.dockerNames;
    const view = ctx.docker;
    if (!names || !view.hasDockerRules) return;
    const family = ctx.ruleset.family;
    const networks = new Map(names.inspect.networks.map((n) => [n.name, n]));
    const nat = ctx.ruleset.tables.get("nat");
    const natDocker = nat?.chains.get("DOCKER");
    if (nat && natDocker) {
      for (const c of names.inspect.containers) {
        if (c.running === false) continue;
        for (const b of natBindings(c, family, networks)) {
          if (hasDnat(view, b, family)) continue;
          const host = addressPort(b.hostIp === "" ? anyAddress(family) : b.hostIp, b.hostPort);
          const subject: DockerSubject = { container: c.name, ...(c.image ? { image: c.image } : {}) };
          ctx.report({
            span: natDocker.declaredAt ?? nat.block.nameSpan,
            message: `docker inspect says ${containerLabel({ name: c.name, ...(c.image ? { image: c.image } : {}) })} publishes ${b.protocol} ${host} to its port ${b.containerPort}, but nat DOCKER has no DNAT for it: the rules were flushed or restored from an older save after the container started, so the port does not reach the container (or this dump is older than the inspect output)`,
            help: "Docker writes a container's DNAT only when the container starts",
            remediation: { now: [`docker restart ${c.name}`], durable: DURABLE },
            docker: [subject],
          });
        }
      }
    }
    if (!ctx.ruleset.tables.has("filter") || view.bridges.length === 0) return;
    const seen = new Set(view.bridges.map((b) => b.name));
    const filter = ctx.ruleset.tables.get("filter");
    for (const n of names.inspect.networks) {
      if (n.bridge === undefined || seen.has(n.bridge) || !hasFamilySubnet(n, family) || !filter) continue;
      const subnets = n.subnets.filter((s) => s.family === family).map((s) => s.cidr).join(", ");
      ctx.report({
        span: filter.block.nameSpan,
        message: `docker network inspect lists network ${n.name} (bridge ${n.bridge}, ${subnets}), but no rule names ${n.bridge}: its isolation, masquerading and forwarding rules are missing, flushed or restored from an older save after the network was created (or this dump is older than the inspect output)`,
        help: "Docker writes a network's rules when it creates the network, and all of them again when the daemon starts",
        remediation: { now: ["systemctl restart docker"], durable: DURABLE },
        docker: [{ network: n.name, bridge: n.bridge }],
      });
    }
  },
});
