/**
 * An `--internal` Docker network is cut off from everything but itself by a pair of drops,
 * `! -s <subnet> -o <br> -j DROP` (nothing gets in) and `! -d <subnet> -i <br> -j DROP`
 * (nothing gets out), in DOCKER-ISOLATION (≤18.04), DOCKER-ISOLATION-STAGE-1 (18.05–28.x) or
 * DOCKER-INTERNAL (29.x); Docker writes no outgoing ACCEPT and no MASQUERADE for it
 * (docker-firewall.md §2 eras B, D, F, G; §3 "internal"). The Docker view calls a bridge
 * internal when at least one half of the pair is there; this rule checks that the pair is
 * whole, that FORWARD reaches it, and that nothing lets the network's traffic out first.
 */
import { factsAtRef, plain, sharedFacts, type RuleFacts } from "../docker/facts.js";
import type { Bridge, RuleRef } from "../docker/types.js";
import type { FirewallRule } from "../model/ruleset.js";
import { bridgeLabel } from "../docker/names.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { deleteCommand, iptablesFor } from "./support/published-ports.js";

const DURABLE = "restart dockerd, which rebuilds the isolation rules of every --internal network (`docker network create --internal …`); never edit Docker's chains by hand";

function factsAt(ctx: RuleContext, ref: RuleRef): RuleFacts | undefined {
  return factsAtRef(ctx.ruleset, ref);
}

/**
 * The filter rules in the order a forwarded packet may meet them: FORWARD with every chain it
 * jumps to inlined at the jump (matches ignored, each chain entered once). A rule missing
 * from the list is never evaluated for forwarded traffic.
 */
function forwardOrder(ctx: RuleContext): FirewallRule[] {
  const filter = ctx.ruleset.tables.get("filter");
  const order: FirewallRule[] = [];
  const entered = new Set<string>();
  const walk = (chain: string): void => {
    const c = filter?.chains.get(chain);
    if (!c || entered.has(chain)) return;
    entered.add(chain);
    for (const rule of c.rules) {
      order.push(rule);
      const jump = rule.command.rule.jump;
      if (jump?.kind === "chain") walk(jump.name);
    }
  };
  walk("FORWARD");
  return order;
}

interface Pair {
  readonly subnet: string;
  /** `! -s <subnet> -o <br> -j DROP`. */
  readonly incoming?: RuleFacts;
  /** `! -d <subnet> -i <br> -j DROP`. */
  readonly outgoing?: RuleFacts;
}

function isolationPair(ctx: RuleContext, bridge: Bridge): Pair | undefined {
  const drops = bridge.mode.evidence.flatMap((e) => e.rules).map((r) => factsAt(ctx, r)).filter((f): f is RuleFacts => f !== undefined);
  const incoming = drops.find((f) => f.src?.inverted && plain(f.out) === bridge.name);
  const outgoing = drops.find((f) => f.dst?.inverted && plain(f.in) === bridge.name);
  const subnet = incoming?.src?.value ?? outgoing?.dst?.value;
  if (subnet === undefined) return undefined;
  return { subnet, ...(incoming ? { incoming } : {}), ...(outgoing ? { outgoing } : {}) };
}

/** An ACCEPT for traffic from the bridge to elsewhere: `-i <br> [! -o <br>|-o other] -j ACCEPT`, not a reply-only conntrack accept. */
function isOutgoingAccept(f: RuleFacts, bridge: string): boolean {
  return f.target === "ACCEPT" && plain(f.in) === bridge && plain(f.out) !== bridge && f.ctstate === undefined && !(f.dst && !f.dst.inverted);
}

/** Where a missing jump to the isolation chain goes: right after FORWARD's -j DOCKER-USER, else first. */
function jumpPosition(ctx: RuleContext): number {
  const forward = ctx.ruleset.tables.get("filter")?.chains.get("FORWARD")?.rules ?? [];
  const at = forward.findIndex((r) => r.command.rule.jump?.kind === "chain" && r.command.rule.jump.name === "DOCKER-USER");
  return at + 2;
}

export default defineLintRule({
  code: "IPT207",
  name: "internal-network-not-isolated",
  severity: "error",
  summary: "A Docker --internal network lacks part of its isolation: traffic can leave or enter it",
  wholeRuleset: true,
  docs: {
    why: "Containers on an --internal network are meant to reach nothing but each other. Docker enforces that with two drops, `! -s <subnet> -o <br> -j DROP` and `! -d <subnet> -i <br> -j DROP`. When one of them is missing, is never reached from FORWARD, or an ACCEPT lets the network's traffic out before it, containers that should be cut off can talk to the outside (or the outside to them), and a MASQUERADE for the subnet gives them working outbound NAT.",
    exceptions: "Internal networks never block traffic to the host itself (INPUT; moby/libnetwork#1151). A network whose two drops are both gone no longer looks internal and is not reported. In 28.0+ an `isolated` gateway-mode network is written the same way and is checked the same way.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -i br-0a1b2c3d4e5f -o br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 ! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -i br-0a1b2c3d4e5f -o br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 ! -s 10.20.0.0/24 -o br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 ! -d 10.20.0.0/24 -i br-0a1b2c3d4e5f -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://docs.docker.com/reference/cli/docker/network/create/#internal",
      "https://github.com/moby/moby/issues/24176",
      "https://github.com/moby/libnetwork/issues/1151",
      "https://github.com/moby/moby/pull/49981",
    ],
  },
  check(ctx: RuleContext) {
    if (!ctx.ruleset.tables.has("filter")) return;
    const order = forwardOrder(ctx);
    const position = new Map(order.map((r, i) => [r, i]));
    for (const bridge of ctx.docker.bridges) {
      if (bridge.mode.value !== "internal") continue;
      const pair = isolationPair(ctx, bridge);
      if (!pair) continue;
      checkPair(ctx, bridge, pair, position);
      checkOutgoingAccepts(ctx, bridge, pair, order, position);
      checkMasquerade(ctx, bridge);
    }
  },
});

function checkPair(ctx: RuleContext, bridge: Bridge, pair: Pair, position: ReadonlyMap<FirewallRule, number>): void {
  const ipt = iptablesFor(bridge.family);
  const v6 = bridge.family === "ipv6";
  for (const [present, missing, what, spec] of [
    [pair.incoming, pair.outgoing, "its containers can send traffic out of the network", `! -d ${pair.subnet} -i ${bridge.name}${v6 ? ` ! -o ${bridge.name}` : ""} -j DROP`],
    [pair.outgoing, pair.incoming, "traffic from other networks can reach its containers", `! -s ${pair.subnet}${v6 ? ` ! -i ${bridge.name}` : ""} -o ${bridge.name} -j DROP`],
  ] as const) {
    if (!present || missing) continue;
    ctx.report({
      span: present.ref.span,
      message: `internal network on bridge ${bridgeLabel(bridge.name, bridge.network?.name, pair.subnet)} has no \`${spec}\` next to this drop: ${what}`,
      remediation: { now: [`${ipt} -I ${present.ref.chain} ${spec}`], durable: DURABLE },
    });
  }
  for (const drop of [pair.incoming, pair.outgoing]) {
    if (!drop || position.has(drop.rule)) continue;
    ctx.report({
      span: drop.ref.span,
      message: `filter FORWARD never reaches ${drop.ref.chain}: this isolation drop of internal network ${bridgeLabel(bridge.name, bridge.network?.name, pair.subnet)} never runs`,
      remediation: { now: [`${ipt} -I FORWARD ${jumpPosition(ctx)} -j ${drop.ref.chain}`], durable: DURABLE },
    });
  }
}

function checkOutgoingAccepts(ctx: RuleContext, bridge: Bridge, pair: Pair, order: readonly FirewallRule[], position: ReadonlyMap<FirewallRule, number>): void {
  const dropAt = pair.outgoing ? position.get(pair.outgoing.rule) : undefined;
  const until = dropAt ?? order.length;
  for (const { at, f } of acceptsByInput(ctx, order).get(bridge.name) ?? []) {
    if (at >= until) break;
    if (!isOutgoingAccept(f, bridge.name)) continue;
    ctx.report({
      span: f.ref.span,
      message: `${f.ref.chain} accepts traffic leaving internal network ${bridgeLabel(bridge.name, bridge.network?.name, pair.subnet)} ${dropAt === undefined ? "and no isolation drop stops it" : "before its isolation drop"}: its containers can reach other networks`,
      related: pair.outgoing ? [{ span: pair.outgoing.ref.span, message: "the isolation drop, evaluated later" }] : [],
      remediation: { now: [deleteCommand(bridge.family, f.ref.table, f.ref.text)], durable: DURABLE },
    });
  }
}

const acceptIndexes = new WeakMap<readonly FirewallRule[], Map<string, { readonly at: number; readonly f: RuleFacts }[]>>();

/** The ACCEPTs of the forward order by their plain `-i`, with their positions: one pass for all internal bridges. */
function acceptsByInput(ctx: RuleContext, order: readonly FirewallRule[]): Map<string, { readonly at: number; readonly f: RuleFacts }[]> {
  let index = acceptIndexes.get(order);
  if (!index) {
    index = new Map();
    for (const [at, rule] of order.entries()) {
      const f = sharedFacts(rule, ctx.ruleset.family);
      const name = plain(f.in);
      if (f.target !== "ACCEPT" || name === undefined) continue;
      const list = index.get(name);
      if (list) list.push({ at, f });
      else index.set(name, [{ at, f }]);
    }
    acceptIndexes.set(order, index);
  }
  return index;
}

function checkMasquerade(ctx: RuleContext, bridge: Bridge): void {
  for (const s of bridge.subnets) {
    if (s.via === "internal-isolation") continue;
    ctx.report({
      span: s.rule.span,
      message: `nat POSTROUTING masquerades internal network ${bridgeLabel(bridge.name, bridge.network?.name, s.cidr)}: Docker writes no ${s.via === "snat" ? "SNAT" : "MASQUERADE"} for --internal networks, so traffic that gets past the isolation drops leaves with working NAT`,
      remediation: { now: [deleteCommand(bridge.family, s.rule.table, s.rule.text)], durable: DURABLE },
    });
  }
}
