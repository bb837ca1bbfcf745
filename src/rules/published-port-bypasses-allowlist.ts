/**
 * The ufw/firewalld surprise (docker-firewall.md §4 pitfall 3; moby#4737, moby#22054,
 * chaifeng/ufw-docker): INPUT — or ufw, firewalld, fail2ban, crowdsec, sshguard chains hooked
 * into it — keeps sources away from the host, but Docker's DNAT in nat PREROUTING turns a
 * packet for a published port into a forwarded one, which INPUT never sees. The packet-path
 * engine compares the two answers for each published port: the sources INPUT would let reach
 * that port on the host, and the sources that reach the container through FORWARD.
 */
import type { AddressSet } from "../model/ip/address-set.js";
import type { TargetExposure } from "../engine/exposure.js";
import type { RelatedSpan } from "../findings.js";
import { isDockerOwnedChain } from "../docker/chains.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { addressPort, iptablesFor, targetContainerText } from "./support/published-ports.js";
import { exposureOf, inputVerdict, type InputVerdict } from "./support/reachability.js";

function portName(t: TargetExposure): string {
  const c = t.target.container;
  const ctr = c ? ` → ${targetContainerText(c, t.target.port, true)}` : "";
  return `${t.target.protocol} ${addressPort(t.target.hostAddress, t.target.port)}${ctr}`;
}

/**
 * DOCKER-USER sees the packet after DNAT, so the host port is matched through conntrack
 * (docker-firewall.md §4 pitfall 1). Allowed networks RETURN first; everything else from the
 * external interface is dropped. `-I` puts each rule at the top, so the DROP is inserted first.
 */
function fixCommands(ctx: RuleContext, t: TargetExposure, allowed: AddressSet, external: string): string[] {
  const cmd = iptablesFor(ctx.ruleset.family);
  const match = `-i ${external} -p ${t.target.protocol} -m conntrack --ctorigdstport ${t.target.port} --ctdir ORIGINAL`;
  const allow = allowed.isEmpty() ? [] : allowed.toPrefixes();
  if (allow.length === 1) return [`${cmd} -I DOCKER-USER ${match} ! -s ${allow[0]} -j DROP`];
  return [`${cmd} -I DOCKER-USER ${match} -j DROP`, ...allow.map((p) => `${cmd} -I DOCKER-USER ${match} -s ${p} -j RETURN`)];
}

function related(ctx: RuleContext, input: InputVerdict): RelatedSpan[] {
  const out: RelatedSpan[] = [];
  for (const d of input.deciders.slice(0, 3)) {
    if (d.rule) out.push({ span: d.rule.command.span, message: `INPUT stops the others here (${d.table} ${d.chain})` });
    else {
      const decl = ctx.ruleset.tables.get(d.table)?.block.chains.find((c) => c.name === d.chain);
      if (decl) out.push({ span: decl.policySpan ?? decl.nameSpan, message: `the policy of ${d.chain} stops the others` });
    }
  }
  return out;
}

/**
 * The user already decides who reaches the port on the Docker path: a DOCKER-USER rule (or a
 * chain of the user's reached from it) stops some sources arriving on the external interface.
 * Which sources is their decision; published-on-all-interfaces and exposure show it.
 */
function restrictedByUser(t: TargetExposure, external: string): boolean {
  return t.groups.some((g) => g.classNames.includes(external) && g.blockedBy.some((b) => b.decider?.rule !== undefined && (b.decider.chain === "DOCKER-USER" || !isDockerOwnedChain(b.decider.table, b.decider.chain))));
}

export default defineLintRule({
  code: "IPT218",
  name: "published-port-bypasses-allowlist",
  severity: "warning",
  summary: "INPUT restricts who may reach the host, but a published port lets other sources in through FORWARD",
  wholeRuleset: true,
  docs: {
    why: "Host firewalls (plain INPUT rules, ufw, firewalld, fail2ban, crowdsec, sshguard) filter the INPUT hook. Docker publishes ports with DNAT in nat PREROUTING, before that hook: the packet's destination becomes the container, the kernel forwards it, and it goes through FORWARD, never INPUT. So `ufw deny 8080` or an INPUT allow list for the admin network does nothing for a published port: every source the host firewall blocks reaches the container anyway. iptlint walks both paths with its packet-path engine and reports each published port that sources outside the INPUT allow list can reach.",
    exceptions: "Ports whose traffic from the external interface a DOCKER-USER rule already restricts are left alone: who may reach them is then decided there. A port that is meant to be public from everywhere, on a host whose INPUT policy only guards the host's own services: restrict it in DOCKER-USER (matching the host port with -m conntrack --ctorigdstport, since DNAT has already rewritten --dport), or publish it on an address only the intended networks reach.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 8080 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 8080 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -i eth0 ! -s 10.0.0.0/8 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw",
      "https://github.com/moby/moby/issues/4737",
      "https://github.com/moby/moby/issues/22054",
      "https://github.com/chaifeng/ufw-docker",
    ],
  },
  check(ctx: RuleContext) {
    const report = exposureOf(ctx);
    const external = report.host.externalInterface;
    for (const t of report.targets) {
      if (t.target.kind !== "published" || t.target.routed || t.target.published?.loopbackOnly || t.fromOutside.isEmpty()) continue;
      if (restrictedByUser(t, external)) continue;
      const input = inputVerdict(ctx, t.target.protocol, t.target.dport);
      if (input.reachable.union(input.conditional).isAll()) continue;
      const bypass = t.fromOutside.subtract(input.reachable).subtract(input.conditional);
      if (bypass.isEmpty()) continue;
      const dnat = t.target.published?.dnat;
      if (!dnat) continue;
      const allowedText = input.reachable.isEmpty() ? "lets no source reach port " + t.target.port : `lets only ${input.reachable.describe()} reach port ${t.target.port}`;
      ctx.report({
        span: dnat.span,
        message: `${portName(t)} is reachable through FORWARD from ${bypass.describe()} on ${external}, but INPUT ${allowedText} on the host: Docker's DNAT takes the packets past INPUT`,
        help: "DNAT in nat PREROUTING happens before the INPUT hook, so host-firewall rules (ufw, firewalld, INPUT allow lists) never see published ports; restrict them in DOCKER-USER",
        related: related(ctx, input),
        remediation: {
          now: fixCommands(ctx, t, input.reachable, external),
          durable: `keep the DOCKER-USER rules in the firewall configuration restored at boot (they survive Docker restarts), or publish the port only on an address the allowed networks reach (compose ports: "<address>:${t.target.port}:${t.target.container?.port ?? t.target.port}")`,
        },
      });
    }
  },
});
