/**
 * The nat table only sees packets of tracked connections: a raw-table `-j NOTRACK` or
 * `-j CT --notrack` exempts a packet from conntrack, and with it from every nat rule. When
 * such a rule also matches container traffic, a published port's DNAT never happens (the
 * packet goes to the host, where nothing listens) and containers' outbound packets skip
 * Docker's MASQUERADE (they leave with their private source address): docker-firewall.md §4
 * pitfall 14, moby#10270. Docker's own raw rules are DROPs and ACCEPTs, never NOTRACK.
 *
 * Container traffic enters the host's raw PREROUTING (published ports from outside, egress
 * from the bridge); raw OUTPUT carries only the host's own packets and is not judged.
 */
import type { Bridge, DockerView, PublishedPort } from "../docker/types.js";
import { FactIndex, negated, plain, type Negatable, type RuleFacts } from "../docker/facts.js";
import { anyAddress, inSubnet, isLoopback, subnetsOverlap } from "../docker/net.js";
import { bridgeLabel } from "../docker/names.js";
import type { Family } from "../model/netfilter.js";
import type { FirewallRule } from "../model/ruleset.js";
import { AddressSet } from "../model/ip/address-set.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import { evaluateArriving } from "../engine/pipeline.js";
import { listOf } from "../engine/walk.js";
import { protocolNumber } from "../model/values/protocol.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { destinationPorts } from "./support/docker-user.js";
import { hostContextOf } from "./support/reachability.js";
import { interfaceMatches, reachableChains } from "../model/chain-graph.js";
import { hostEndpoint, iptablesFor, namedContainerEndpoint, portsOverlap } from "./support/published-ports.js";

/** Matches that do not narrow which packets a rule catches, or that iptlint reads itself. */
const HARMLESS_MATCHES = new Set(["comment", "multiport"]);

/** Sets and marks select packets iptlint cannot see; so do matches it does not read. */
function judgeable(f: RuleFacts): boolean {
  return f.matchSet === undefined && f.mark === undefined && f.otherMatches.every((m) => HARMLESS_MATCHES.has(m));
}

function isNotrack(rule: FirewallRule): boolean {
  const jump = rule.command.rule.jump;
  if (jump?.kind !== "extension") return false;
  return jump.name === "NOTRACK" || (jump.name === "CT" && jump.extension.options.some((o) => o.name === "notrack"));
}

function protocolAllows(proto: Negatable | undefined, protocol: string): boolean {
  if (!proto || proto.value === "all") return true;
  return proto.inverted ? proto.value !== protocol : proto.value === protocol;
}

function isMulticastOrBroadcast(cidr: string, family: Family): boolean {
  return family === "ipv4" ? inSubnet(cidr.split("/")[0] as string, "224.0.0.0/3", family) : cidr.startsWith("ff");
}

function inDockerSubnet(view: DockerView, cidr: string): boolean {
  return view.bridges.some((b) => b.subnets.some((s) => subnetsOverlap(s.cidr, cidr, view.family)));
}

/**
 * Traffic from outside to a published port, before DNAT: host address and host port. A `-d`
 * counts for a port published on all addresses unless it is a container subnet, loopback or
 * multicast — it may well be one of the host's addresses.
 */
function matchesPublished(f: RuleFacts, port: PublishedPort, view: DockerView): boolean {
  if (port.loopbackOnly || port.hostPort === undefined || !port.dnat) return false;
  if (!protocolAllows(f.proto, port.protocol)) return false;
  const ports = destinationPorts(f);
  if (ports && portsOverlap(ports.value, port.hostPort) === ports.inverted) return false;
  const inIf = plain(f.in);
  if (inIf !== undefined && (inIf === "lo" || (port.bridge !== undefined && interfaceMatches(inIf, port.bridge)))) return false;
  if (f.dst && !f.dst.inverted) {
    const all = port.hostAddress === undefined || port.hostAddress === anyAddress(port.family);
    if (all ? isLoopback(f.dst.value, view.family) || isMulticastOrBroadcast(f.dst.value, view.family) || inDockerSubnet(view, f.dst.value) : !inSubnet(port.hostAddress as string, f.dst.value, view.family)) return false;
  }
  if (f.dst?.inverted && port.hostAddress !== undefined && port.hostAddress !== anyAddress(port.family) && inSubnet(port.hostAddress, f.dst.value, view.family)) return false;
  return f.dstType === undefined || f.dstType === "LOCAL";
}

/**
 * Containers' outbound traffic on a masquerading bridge: `-i <br>` (or a wildcard) or a `-s`
 * inside the subnet names it; a rule naming neither catches it only when it has no `-d`
 * either (a `-d` might be the host's own address, which needs no NAT).
 */
function matchesBridge(f: RuleFacts, bridge: Bridge, family: Family): boolean {
  const inIf = plain(f.in);
  const notIn = negated(f.in);
  if (inIf !== undefined && !interfaceMatches(inIf, bridge.name)) return false;
  if (notIn !== undefined && interfaceMatches(notIn, bridge.name)) return false;
  const subnets = bridge.subnets.map((s) => s.cidr);
  const srcNames = f.src !== undefined && !f.src.inverted && subnets.some((s) => subnetsOverlap(s, f.src?.value as string, family));
  if (f.src && !f.src.inverted && !srcNames) return false;
  if (f.src?.inverted && subnets.length > 0 && subnets.every((s) => inSubnet(s.split("/")[0] as string, f.src?.value as string, family))) return false;
  if (f.dst && !f.dst.inverted && (inIf === undefined || subnets.some((s) => subnetsOverlap(s, f.dst?.value as string, family))) && !srcNames) return false;
  if (f.dst && !f.dst.inverted && subnets.some((s) => inSubnet(f.dst?.value.split("/")[0] as string, s, family))) return false;
  return f.dstType === undefined && f.srcType === undefined;
}

interface Hit {
  readonly what: string;
  readonly exempt: string;
  /** A packet of that traffic, for the engine to confirm that it reaches the rule. */
  readonly probe: Probe;
}

interface Probe {
  readonly src: AddressSet;
  readonly dst: bigint | undefined;
  readonly proto: number;
  readonly dport: number;
  readonly in: string;
}

function hitsOf(f: RuleFacts, view: DockerView): Hit[] {
  const hits: Hit[] = [];
  for (const port of view.ports) {
    if (matchesPublished(f, port, view)) {
      const dst = port.hostAddress === undefined || port.hostAddress === anyAddress(port.family) ? undefined : parseAddressText(port.hostAddress, view.family);
      const probe = { src: AddressSet.all(view.family), dst, proto: protocolNumber(port.protocol) ?? 6, dport: Number((port.hostPort as string).split(/[:-]/)[0]), in: "" };
      hits.push({ what: `traffic to published port ${hostEndpoint(port)}/${port.protocol} (container ${namedContainerEndpoint(port)}) is never DNATed`, exempt: `-p ${port.protocol} -m ${port.protocol} --dport ${(port.hostPort as string).replace("-", ":")}`, probe });
    }
  }
  for (const bridge of view.bridges) {
    if (bridge.masquerade.value !== "on" || bridge.mode.value !== "nat") continue;
    if (matchesBridge(f, bridge, view.family)) {
      const subnet = bridge.subnets[0]?.cidr;
      const inside = subnet ? parseCidrSet(subnet, view.family) : undefined;
      const probe = { src: inside ?? AddressSet.all(view.family), dst: parseAddressText(view.family === "ipv4" ? "198.51.100.53" : "2001:db8:5353::53", view.family), ...ruleProtocolAndPort(f), in: bridge.name };
      hits.push({ what: `outbound traffic of bridge ${bridgeLabel(bridge.name, bridge.network?.name, subnet)} skips MASQUERADE`, exempt: `-i ${bridge.name}`, probe });
    }
  }
  return hits;
}

/** Docker's iptables backend is at work: a Docker chain of its own (not DOCKER-USER alone). */
function dockerActive(view: DockerView): boolean {
  return view.chains.some((c) => c.owner === "docker" && !c.containerNamespace);
}

export default defineLintRule({
  code: "IPT214",
  name: "notrack-skips-docker-nat",
  severity: "error",
  summary: "A raw-table NOTRACK rule also matches container traffic, which then skips Docker's DNAT and MASQUERADE",
  wholeRuleset: false,
  docs: {
    why: "NAT works on tracked connections only: a packet exempted from conntrack in the raw table (`-j NOTRACK`, `-j CT --notrack`) never traverses the nat table. A NOTRACK rule meant for the host's own traffic that also catches packets to a published port leaves them addressed to the host, where nothing listens; one that catches containers' outbound packets sends them out with their private source address, and the replies never come back.",
    exceptions: "Rules with matches iptlint does not read (other than comment and multiport) are not judged. A `-d` naming one of the host's addresses counts for ports published on all addresses; a rule that names neither the bridge (`-i`) nor its subnet (`-s`) counts for containers' egress only when it has no `-d`. raw OUTPUT (the host's own packets) is not judged.",
    bad: "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -p tcp -m tcp --dport 80 -j NOTRACK\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER -d 192.0.2.10/32 ! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -i lo -j NOTRACK\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER -d 192.0.2.10/32 ! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://github.com/moby/moby/issues/10270",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
      "https://ipset.netfilter.org/iptables-extensions.man.html#lbDK",
    ],
  },
  check(ctx: RuleContext) {
    const view = ctx.docker;
    if (!dockerActive(view)) return;
    const raw = ctx.ruleset.tables.get("raw");
    if (!raw) return;
    const index = new FactIndex(ctx.ruleset);
    for (const chain of reachableChains(ctx.ruleset, "raw", "PREROUTING")) {
      index.chain("raw", chain).forEach((f, i) => {
        if (!isNotrack(f.rule) || !judgeable(f)) return;
        const hits = hitsOf(f, view).filter((h) => reachesRule(ctx, f.rule, h.probe));
        if (hits.length > 0) report(ctx, f, chain, i + 1, hits);
      });
    }
  },
});

/** The NOTRACK rule's own protocol and port (the traffic it is meant for); else DNS over UDP, HTTPS over TCP. */
function ruleProtocolAndPort(f: RuleFacts): { proto: number; dport: number } {
  const proto = (f.proto && !f.proto.inverted ? protocolNumber(f.proto.value) : undefined) ?? 6;
  const ports = destinationPorts(f);
  const port = ports && !ports.inverted ? Number(ports.value.split(/[,:]/)[0]) : undefined;
  return { proto, dport: port !== undefined && Number.isInteger(port) ? port : proto === 17 ? 53 : 443 };
}

/**
 * The packet-path engine confirms a hit: such a packet must reach this NOTRACK rule through
 * raw PREROUTING (an earlier RETURN or ACCEPT — the fix this rule proposes — keeps it away).
 */
function reachesRule(ctx: RuleContext, rule: FirewallRule, probe: Probe): boolean {
  const host = hostContextOf(ctx);
  const dst = probe.dst ?? host.externalAddress;
  const outcomes = evaluateArriving(ctx.ruleset, host.host, { src: probe.src, dst, proto: probe.proto, sport: 40000, dport: probe.dport, in: probe.in || host.externalInterface }, { recordSteps: true });
  return outcomes.some((o) => listOf(o.piece.steps).some((step) => step.rule === rule));
}

function report(ctx: RuleContext, f: RuleFacts, chain: string, position: number, hits: readonly Hit[]): void {
  const ipt = iptablesFor(ctx.ruleset.family);
  const more = hits.length > 1 ? ` (and ${hits.length - 1} more: ${hits.slice(1).map((h) => h.what.split(" is never")[0]?.split(" skips")[0]).join("; ")})` : "";
  const target = f.target === "CT" ? "CT --notrack" : "NOTRACK";
  ctx.report({
    span: f.ref.span,
    message: `raw ${chain} ${target} also matches container traffic, which conntrack then ignores and the nat table never sees: ${(hits[0] as Hit).what}${more}`,
    help: "A RETURN before the NOTRACK rule hands container traffic back to conntrack; in a built-in chain RETURN applies the chain's policy.",
    remediation: {
      now: hits.map((h, i) => `${ipt} -t raw -I ${chain} ${position + i} ${h.exempt} -j RETURN`),
      durable: "narrow the NOTRACK rule in the firewall configuration that loads it so that it leaves container traffic alone (`! -i docker0`, `! -s <docker subnet>`, not the published host ports), or drop it",
    },
  });
}
