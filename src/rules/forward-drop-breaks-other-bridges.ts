/**
 * When Docker switches net.ipv4.ip_forward on itself it also sets `-P FORWARD DROP` (1.13+,
 * moby#28257 for moby#14041; ip6tables before 28.0 whenever ip6tables was on): docker-firewall.md
 * §1 "FORWARD policy". Every other bridge or tunnel that relied on forwarding — libvirt's
 * virbr0, LXD, WireGuard, Tailscale, CNI/flannel, a plain br0 — is then cut off unless
 * something in FORWARD accepts its traffic (§4 pitfall 6; moby#39439, docker/for-linux#949,
 * docker/docs#7370, moby#30338). The dump shows the interface in some rule and no ACCEPT for
 * it on the way through FORWARD.
 */
import { isDockerOwnedChain } from "../docker/chains.js";
import { FactIndex, plain, negated, type RuleFacts } from "../docker/facts.js";
import type { RelatedSpan, Span } from "../findings.js";
import type { Ruleset } from "../model/ruleset.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { interfaceMatches, reachableChains } from "../model/chain-graph.js";
import { iptablesFor } from "./support/published-ports.js";
import { kindOf } from "../docker/other-forwarders.js";

/** Docker's bridges for sure: named in Docker's own filter chains (docker-firewall.md §3). */
function dockerInterfaces(index: FactIndex): Set<string> {
  const names = new Set<string>();
  for (const [chain] of index.ruleset.tables.get("filter")?.chains ?? []) {
    if (!isDockerOwnedChain("filter", chain)) continue;
    for (const f of index.chain("filter", chain)) for (const n of [f.in?.value, f.out?.value]) if (n !== undefined) names.add(n);
  }
  return names;
}

/** Rules that show the interface carries forwarded traffic: FORWARD's chains, nat, mangle's routing hooks. */
function forwardingRules(index: FactIndex, forwardChains: readonly string[]): RuleFacts[] {
  const mangle = ["PREROUTING", "FORWARD", "POSTROUTING"].flatMap((c) => index.chain("mangle", c));
  return [...forwardChains.flatMap((c) => index.chain("filter", c)), ...index.table("nat"), ...mangle];
}

/** An ACCEPT on the way through FORWARD that lets the interface's new connections pass. */
function acceptsFor(rules: readonly RuleFacts[], name: string): boolean {
  return rules.some((f) => {
    if (f.target !== "ACCEPT") return false;
    const ins = plain(f.in);
    const outs = plain(f.out);
    if ((ins !== undefined && interfaceMatches(ins, name)) || (outs !== undefined && interfaceMatches(outs, name))) return true;
    if (ins !== undefined || outs !== undefined) return false;
    const excluded = [negated(f.in), negated(f.out)].some((n) => n !== undefined && interfaceMatches(n, name));
    const repliesOnly = f.ctstate !== undefined && !f.ctstate.includes("NEW");
    // Only a blanket accept counts: `-p tcp --dport 3000 -j ACCEPT` (swarm's DOCKER-INGRESS) lets one port through, not a tunnel's traffic.
    const blanket = !f.proto && f.rule.command.rule.matches.every((m) => m.name === "conntrack" || m.name === "state" || m.name === "comment");
    return !excluded && !repliesOnly && blanket && !f.src && !f.dst;
  });
}

function dockerPresent(ctx: RuleContext): boolean {
  return ctx.docker.chains.some((c) => !c.containerNamespace && c.table === "filter");
}

function jumpsToDockerUser(ruleset: Ruleset): boolean {
  return ruleset.tables.get("filter")?.chains.get("FORWARD")?.rules.some((r) => r.command.rule.jump?.name === "DOCKER-USER") ?? false;
}

export default defineLintRule({
  code: "IPT216",
  name: "forward-drop-breaks-other-bridges",
  severity: "warning",
  summary: "FORWARD's policy is DROP on a Docker host and nothing in FORWARD accepts the traffic of another bridge or tunnel",
  wholeRuleset: true,
  docs: {
    why: "Docker sets the filter FORWARD policy to DROP when it enables IP forwarding itself. Other software that forwards through its own bridge or tunnel — libvirt/KVM (virbr0), LXD, WireGuard, Tailscale, Kubernetes CNI, a br0 for VMs — then loses connectivity unless a rule on the way through FORWARD accepts its traffic.",
    exceptions: "The rule only sees interfaces some rule names; bridged traffic of an interface no rule names (br0 with br_netfilter) is invisible. An ACCEPT that names the interface counts as a path even if it only covers one direction or one subnet. Docker 28+ can leave the policy alone with --ip-forward-no-drop.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A POSTROUTING -s 10.8.0.0/24 -o eth0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i wg0 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -o wg0 -p udp -m udp --dport 53 -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A POSTROUTING -s 10.8.0.0/24 -o eth0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i wg0 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -i wg0 -j ACCEPT\n-A DOCKER-USER -o wg0 -j ACCEPT\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://github.com/moby/moby/issues/39439",
      "https://github.com/docker/for-linux/issues/949",
      "https://github.com/docker/docs/issues/7370",
      "https://github.com/moby/moby/issues/30338",
      "https://github.com/moby/moby/pull/28257",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-on-a-router",
    ],
  },
  check(ctx: RuleContext) {
    const forward = ctx.ruleset.tables.get("filter")?.chains.get("FORWARD");
    if (forward?.policy !== "DROP" || !dockerPresent(ctx)) return;
    const index = new FactIndex(ctx.ruleset);
    const chains = reachableChains(ctx.ruleset, "filter", "FORWARD");
    const path = chains.flatMap((c) => index.chain("filter", c));
    const docker = dockerInterfaces(index);
    const seen = new Map<string, RuleFacts>();
    for (const f of forwardingRules(index, chains)) {
      for (const name of [plain(f.in), plain(f.out)]) {
        if (name !== undefined && !docker.has(name) && kindOf(name) !== undefined && !seen.has(name)) seen.set(name, f);
      }
    }
    for (const [name, where] of seen) {
      if (acceptsFor(path, name)) continue;
      report(ctx, name, where, forward.declaredAt);
    }
  },
});

function report(ctx: RuleContext, name: string, where: RuleFacts, policyAt: Span | undefined): void {
  const ipt = iptablesFor(ctx.ruleset.family);
  const chain = jumpsToDockerUser(ctx.ruleset) ? "DOCKER-USER" : "FORWARD";
  const related: RelatedSpan[] = policyAt ? [{ span: policyAt, message: "FORWARD policy DROP" }] : [];
  ctx.report({
    span: where.ref.span,
    message: `${kindOf(name)} ${name} needs forwarding, but the filter FORWARD policy is DROP (set by Docker when it enabled IP forwarding) and no rule on the way through FORWARD accepts ${name}'s traffic: it is dropped`,
    related,
    remediation: {
      now: [`${ipt} -I ${chain} -i ${name} -j ACCEPT`, `${ipt} -I ${chain} -o ${name} -j ACCEPT`],
      durable: `keep the ${chain} accepts for ${name} in the firewall configuration that loads at boot, or start dockerd with --ip-forward-no-drop (Docker 28.0+, "ip-forward-no-drop": true in /etc/docker/daemon.json) so that it leaves the FORWARD policy alone`,
    },
  });
}
