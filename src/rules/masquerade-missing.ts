/**
 * Docker masquerades every non-internal bridge network in the default `nat` gateway mode:
 * `-A POSTROUTING -s <subnet> ! -o <br> -j MASQUERADE` (docker-firewall.md §1 "Outbound NAT").
 * Without it (`--ip-masq=false`, `com.docker.network.bridge.enable_ip_masquerade=false`,
 * `--iptables=false`, or a nat table flushed by another tool: §4 pitfalls 9 and 13) the
 * containers' packets leave with their private source address, and replies only come back
 * when the upstream network routes the subnet to this host. Routed and internal networks
 * need no masquerading, and neither do subnets the user says are routed (`--routed-subnet`).
 */
import type { Bridge, RuleRef } from "../docker/types.js";
import { subnetWithin } from "../docker/net.js";
import { factsAtRef, plain, sharedFacts, type RuleFacts } from "../docker/facts.js";
import type { RelatedSpan } from "../findings.js";
import { bridgeLabel } from "../docker/names.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { iptablesFor } from "./support/published-ports.js";

/** Bridge rules shown as related spans: enough to find the bridge, not the whole chain. */
const MAX_RELATED = 4;

/** The bridge's known addresses: its subnets, else its container addresses (`-d <ctr>/32`, DNAT targets). */
function knownAddresses(bridge: Bridge): string[] {
  return bridge.subnets.length > 0 ? bridge.subnets.map((s) => s.cidr) : bridge.endpoints.map((e) => e.address);
}

function isRouted(bridge: Bridge, routed: readonly string[]): boolean {
  const known = knownAddresses(bridge);
  return known.length > 0 && known.every((a) => routed.some((r) => subnetWithin(a, r, bridge.family)));
}

/**
 * A user's catch-all masquerade covers the bridge too (`-o eth0 -j MASQUERADE`,
 * `-s 172.16.0.0/12 -j MASQUERADE`): no `-o <br>`, no `-d`, no protocol or other match,
 * and a `-s` (if any) that holds the bridge's known addresses. MASQUERADE can only run in
 * chains called from POSTROUTING (libxt_MASQUERADE / ipt_MASQUERADE hooks), so every nat
 * chain counts; SNAT is also allowed in INPUT, so only POSTROUTING counts for it.
 */
function coveringNat(ctx: RuleContext, bridge: Bridge): RuleFacts | undefined {
  const known = knownAddresses(bridge);
  for (const f of catchAllNat(ctx)) {
    if (f.out?.value === bridge.name && !f.out.inverted) continue;
    if (f.src && (f.src.inverted || known.length === 0 || !known.every((a) => subnetWithin(a, f.src?.value as string, bridge.family)))) continue;
    return f;
  }
  return undefined;
}

const catchAlls = new WeakMap<RuleContext["ruleset"], readonly RuleFacts[]>();

/**
 * The nat rules that may cover a bridge whatever bridge it is (the tests of coveringNat that
 * do not depend on the bridge), in chain order; read once per ruleset, not per bridge.
 */
function catchAllNat(ctx: RuleContext): readonly RuleFacts[] {
  let list = catchAlls.get(ctx.ruleset);
  if (!list) {
    const found: RuleFacts[] = [];
    for (const chain of ctx.ruleset.tables.get("nat")?.chains.values() ?? []) {
      for (const rule of chain.rules) {
        const f = sharedFacts(rule, ctx.ruleset.family);
        if (f.target !== "MASQUERADE" && !(f.target === "SNAT" && chain.name === "POSTROUTING")) continue;
        if ((f.dst && !f.dst.inverted) || f.proto || f.srcType || f.rule.command.rule.matches.length > 0) continue;
        found.push(f);
      }
    }
    list = found;
    catchAlls.set(ctx.ruleset, list);
  }
  return list;
}

/**
 * The rule that lets the bridge's traffic out (`-i <br> ! -o <br> -j ACCEPT`, 28+: `-i <br> -j ACCEPT`).
 * Without one Docker does not forward the bridge's traffic out at all, and a name the view
 * took from a hand-written rule in a Docker chain (`-A DOCKER -i eth1 …`) is no bridge.
 */
function anchor(ctx: RuleContext, bridge: Bridge): RuleRef | undefined {
  const outgoing = bridge.rules.find((r) => {
    const f = factsAt(ctx, r);
    return r.table === "filter" && f !== undefined && f.target === "ACCEPT" && plain(f.in) === bridge.name && plain(f.out) !== bridge.name && f.rule.command.rule.matches.length === 0;
  });
  return outgoing;
}

/** The facts of the rule a RuleRef names (the view keeps the reference, not the facts). */
function factsAt(ctx: RuleContext, ref: RuleRef): RuleFacts | undefined {
  return factsAtRef(ctx.ruleset, ref);
}

function subnetCommand(bridge: Bridge): string {
  // Shell substitution for the subnet when no rule shows it: the kernel route of the bridge.
  return bridge.family === "ipv4"
    ? `"$(ip -o -4 route show dev ${bridge.name} proto kernel | awk '{print $1; exit}')"`
    : `"$(ip -o -6 route show dev ${bridge.name} proto kernel | awk '$1 !~ /^fe80/ {print $1; exit}')"`;
}

function durable(bridge: Bridge): string {
  const how =
    bridge.kind === "default"
      ? 'remove "ip-masq": false (and "iptables": false) from /etc/docker/daemon.json and restart dockerd'
      : "recreate the network with `docker network create -o com.docker.network.bridge.enable_ip_masquerade=true …`";
  return `${how}; or route the subnet to this host upstream and pass --routed-subnet <subnet> to iptlint`;
}

export default defineLintRule({
  code: "IPT205",
  name: "masquerade-missing",
  severity: "warning",
  summary: "A Docker bridge network in nat mode has no MASQUERADE or SNAT rule, so its containers cannot reach other networks",
  wholeRuleset: true,
  docs: {
    why: "Docker gives each non-internal bridge network `-A POSTROUTING -s <subnet> ! -o <br> -j MASQUERADE`. Without it (--ip-masq=false, enable_ip_masquerade=false, --iptables=false, or a nat table flushed by another firewall tool) containers' packets leave with their private source address and the replies never come back unless the upstream network routes the subnet to this host: containers lose outbound connectivity.",
    exceptions: "Networks in gateway mode routed or --internal need no masquerading, and a subnet the upstream router routes back to this host does not either: pass it with --routed-subnet CIDR. In Docker ≤27.x a routed network without published ports looks exactly like a masquerade-off one. A catch-all MASQUERADE written by the user (`-o eth0 -j MASQUERADE`) counts. Without a nat table in the input nothing is reported.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/drivers/bridge/#options",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
      "https://github.com/moby/moby/issues/28133",
      "https://github.com/docker/docs/pull/565",
      "https://github.com/moby/moby/issues/36486",
    ],
  },
  check(ctx: RuleContext) {
    for (const bridge of ctx.docker.bridges) {
      if (bridge.masquerade.value !== "off" || bridge.mode.value !== "nat") continue;
      if (isRouted(bridge, ctx.settings.routedSubnets) || coveringNat(ctx, bridge)) continue;
      const at = anchor(ctx, bridge);
      if (!at) continue;
      report(ctx, bridge, at);
    }
  },
});

function report(ctx: RuleContext, bridge: Bridge, at: RuleRef): void {
  const ipt = iptablesFor(bridge.family);
  const subnet = bridge.subnets[0]?.cidr;
  const related: RelatedSpan[] = bridge.rules.filter((r) => r.line !== at.line).slice(0, MAX_RELATED).map((r) => ({ span: r.span, message: `shows bridge ${bridge.name}` }));
  const nat = ctx.ruleset.tables.get("nat");
  if (nat) related.push({ span: nat.block.nameSpan, message: `no -s <subnet> ! -o ${bridge.name} -j MASQUERADE or SNAT in this nat table` });
  const what = `bridge ${bridgeLabel(bridge.name, bridge.network?.name, subnet ?? "subnet not shown by any rule")}`;
  const alt = bridge.modeAlternatives.includes("routed") ? " (in Docker ≤27.x a gateway_mode=routed network looks the same)" : "";
  ctx.report({
    span: at.span,
    message: `Docker ${what} has no MASQUERADE or SNAT rule in nat POSTROUTING: its containers have no outbound connectivity unless the upstream network routes the subnet back to this host${alt}`,
    help: "If the upstream router does route the subnet to this host, pass it with --routed-subnet CIDR.",
    related,
    remediation: { now: [`${ipt} -t nat -A POSTROUTING -s ${subnet ?? subnetCommand(bridge)} ! -o ${bridge.name} -j MASQUERADE`], durable: durable(bridge) },
  });
}
