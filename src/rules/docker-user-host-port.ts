/**
 * DOCKER-USER is evaluated in FORWARD, after nat PREROUTING has DNATed the published traffic:
 * the packet already carries the container's address and port (docker-firewall.md §4
 * pitfall 1; moby#22054, docker/docs#12925). A DOCKER-USER rule that names the host port
 * (`--dport 8080` for `-p 8080:80`) or the host address (`-d 198.51.100.7` for
 * `-p 198.51.100.7:8080:80`) therefore never matches the published traffic; conntrack keeps
 * the original destination (`-m conntrack --ctorigdstport` / `--ctorigdst`).
 */
import type { RuleFacts } from "../docker/facts.js";
import { FactIndex } from "../docker/facts.js";
import { hostOf, inSubnet } from "../docker/net.js";
import type { PublishedPort } from "../docker/types.js";
import type { Family } from "../model/netfilter.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { destinationPorts, type MatchOption } from "./support/docker-user.js";
import { deleteCommand, hostEndpoint, iptablesFor, namedContainerEndpoint, portsOverlap } from "./support/published-ports.js";

/** A DNAT that rewrites the port or the address: the only ports this rule can judge. */
function translated(port: PublishedPort): boolean {
  return port.dnat !== undefined && port.hostPort !== undefined;
}

function protocolFits(f: RuleFacts, port: PublishedPort): boolean {
  return !f.proto || (!f.proto.inverted && f.proto.value === port.protocol);
}

/** The rule's `--dport` names this port's host port, and not its container port. */
function namesHostPort(dports: MatchOption | undefined, port: PublishedPort): boolean {
  if (!dports || dports.inverted || port.hostPort === undefined || port.containerPort === undefined) return false;
  return portsOverlap(dports.value, port.hostPort) && !portsOverlap(dports.value, port.containerPort);
}

function isSpecificAddress(address: string | undefined): address is string {
  return address !== undefined && address !== "0.0.0.0" && address !== "::";
}

/** The rule's `-d` is exactly this port's host address (a wider `-d` has other meanings). */
function namesHostAddress(f: RuleFacts, port: PublishedPort): boolean {
  if (!f.dst || f.dst.inverted || !isSpecificAddress(port.hostAddress)) return false;
  return hostOf(f.dst.value) === port.hostAddress;
}

/**
 * The rule still matches some published traffic after DNAT: its ports and address name a
 * container port and address (`--dport 8080` is right for a `-p 9000:8080` next to a
 * `-p 8080:80`). Then the host-port reading is not the only one and the rule is left alone.
 */
function matchesSomeContainer(f: RuleFacts, dports: MatchOption | undefined, ports: readonly PublishedPort[]): boolean {
  return ports.some((p) => {
    if (!protocolFits(f, p)) return false;
    if (f.dst && (f.dst.inverted || !inSubnet(p.containerAddress, f.dst.value, p.family))) return false;
    const cport = p.containerPort ?? p.hostPort;
    return !dports || dports.inverted || (cport !== undefined && portsOverlap(dports.value, cport));
  });
}

/**
 * The rule rewritten to match the original destination: the host-port option becomes
 * `--ctorigdstport` (one rule per item of a multiport list, since conntrack takes one port or
 * range), `-d` becomes `--ctorigdst`. Works on the canonical text, whose order is fixed.
 */
function rewritten(text: string, f: RuleFacts, dports: MatchOption | undefined, fixAddress: boolean): string[] {
  let body = text.replace(/^-A DOCKER-USER /, "");
  let origDst = "";
  if (fixAddress && f.dst) {
    body = body.replace(/^-d \S+ /, "").replace(/ -d \S+ /, " ");
    origDst = ` --ctorigdst ${f.dst.value}`;
  }
  const items = dports ? dports.value.split(",").map((p) => p.replace("-", ":")) : [undefined];
  if (dports) {
    body = body.replace(new RegExp(` --${dports.option} \\S+`), "").replace(new RegExp(` -m ${dports.match}(?= -m| -j|$)`), "");
  }
  const [head, jump = ""] = splitJump(body);
  return items.map((item) => `${head} -m conntrack${origDst}${item ? ` --ctorigdstport ${item}` : ""} --ctdir ORIGINAL${jump}`.replace(/^ /, ""));
}

function splitJump(body: string): [string, string] {
  const at = body.search(/ -[jg] /);
  return at < 0 ? [body, ""] : [body.slice(0, at), body.slice(at)];
}

function positionOf(f: RuleFacts, rules: readonly RuleFacts[]): number {
  return rules.indexOf(f) + 1;
}

function fixCommands(family: Family, f: RuleFacts, position: number, dports: MatchOption | undefined, fixAddress: boolean): string[] {
  const insert = rewritten(f.ref.text, f, dports, fixAddress).map((r, i) => `${iptablesFor(family)} -I DOCKER-USER ${position + i} ${r}`);
  return [deleteCommand(family, "filter", f.ref.text), ...insert];
}

function describe(hits: readonly PublishedPort[]): string {
  return hits.map((p) => `${p.protocol} ${hostEndpoint(p)} → ${namedContainerEndpoint(p)}`).join(", ");
}

export default defineLintRule({
  code: "IPT209",
  name: "docker-user-host-port",
  severity: "warning",
  summary: "A DOCKER-USER rule matches a published port's host port or address, which DNAT has already rewritten",
  wholeRuleset: false,
  docs: {
    why: "Docker DNATs published traffic in nat PREROUTING, before the filter FORWARD chain jumps to DOCKER-USER. There the packet carries the container's address and port, so a DOCKER-USER rule written with the host port (--dport 8080 for -p 8080:80) or the host address (-d 198.51.100.7 for -p 198.51.100.7:8080:80) never matches the published traffic: the drop or allow list it was meant to be does nothing. Docker's documentation matches the original destination with -m conntrack --ctorigdstport and --ctorigdst.",
    exceptions: "When the host port equals the container port (-p 80:80) --dport still matches and the rule is silent. A --dport that is also the container port of another published port (-p 9000:8080 next to -p 8080:80) has a meaning after DNAT and is left alone.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -d 198.51.100.7/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -s 192.0.2.66/32 -p tcp -m tcp --dport 8080 -j DROP\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -d 198.51.100.7/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -s 192.0.2.66/32 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/firewall-iptables/#match-the-original-ip-and-ports-for-requests",
      "https://github.com/moby/moby/issues/22054",
      "https://github.com/docker/docs/issues/12925",
    ],
  },
  check(ctx: RuleContext) {
    const ports = ctx.docker.ports.filter(translated);
    if (ports.length === 0) return;
    const rules = new FactIndex(ctx.ruleset).chain("filter", "DOCKER-USER");
    for (const f of rules) {
      const dports = destinationPorts(f);
      const byPort = ports.filter((p) => protocolFits(f, p) && namesHostPort(dports, p));
      const byAddress = ports.filter((p) => protocolFits(f, p) && namesHostAddress(f, p));
      const hits = [...new Set([...byPort, ...byAddress])];
      if (hits.length === 0 || matchesSomeContainer(f, dports, ports)) continue;
      const first = hits[0] as PublishedPort;
      const what = [byPort.length > 0 ? `--${dports?.option} ${dports?.value}` : "", byAddress.length > 0 ? `-d ${f.dst?.value}` : ""].filter(Boolean).join(" and ");
      const after = `${first.containerAddress}${first.containerPort ? ` port ${first.containerPort}` : ""}`;
      ctx.report({
        span: f.ref.span,
        message: `DOCKER-USER matches ${what}, the host side of the published ${describe(hits)}, but it sees the packets after DNAT (to ${after}), so this rule never matches that traffic`,
        help: "match the original destination with -m conntrack --ctorigdstport (host port) and --ctorigdst (host address), with --ctdir ORIGINAL",
        remediation: {
          now: fixCommands(ctx.ruleset.family, f, positionOf(f, rules), byPort.length > 0 ? dports : undefined, byAddress.length > 0),
          durable: "write the rule with -m conntrack --ctorigdstport/--ctorigdst in the firewall configuration that restores DOCKER-USER at boot",
        },
      });
    }
  },
});
