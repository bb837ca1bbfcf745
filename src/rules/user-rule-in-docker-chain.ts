/**
 * Docker deletes and rebuilds DOCKER, DOCKER-ISOLATION*, DOCKER-FORWARD, DOCKER-CT,
 * DOCKER-BRIDGE, DOCKER-INTERNAL and nat DOCKER at every daemon start (docker-firewall.md §1,
 * §4 pitfall 18; moby#24848): a rule a user put there works until the next restart, then is
 * gone without a trace. Only DOCKER-USER keeps user rules. This rule knows every rule shape
 * Docker writes into each of those chains, era by era (§2 A–G, §3 tables), and reports the
 * rules that fit none of them.
 */
import { negated, plain, ruleFacts, type RuleFacts } from "../docker/facts.js";
import type { DockerChain } from "../docker/types.js";
import type { FirewallRule } from "../model/ruleset.js";
import type { TableName } from "../model/netfilter.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { iptablesFor } from "./support/published-ports.js";

/**
 * The options of a rule as tokens, `!` marking inversion: base options by their short flag
 * (`i`, `!o`, `s`, `d`, `p`, `f`), match options as `match.option` with the protocol match
 * written `P` (`P.dport`), a match without options as `m:name`. The target is kept apart.
 */
function signature(rule: FirewallRule): string {
  const spec = rule.command.rule;
  const tokens: string[] = [];
  const base: [string, { inverted: boolean } | undefined][] = [
    ["i", spec.inInterface],
    ["o", spec.outInterface],
    ["s", spec.source],
    ["d", spec.destination],
    ["p", spec.protocol],
    ["f", spec.fragment],
  ];
  for (const [flag, option] of base) if (option) tokens.push(`${option.inverted ? "!" : ""}${flag}`);
  const proto = spec.protocol?.values[0]?.text;
  for (const match of spec.matches) {
    const name = match.name === proto || (match.name === "icmp6" && proto === "ipv6-icmp") ? "P" : match.name;
    if (match.options.length === 0) tokens.push(`m:${name}`);
    for (const o of match.options) tokens.push(`${o.inverted ? "!" : ""}${name}.${o.name}`);
  }
  if (spec.jump?.kind === "chain" && spec.jump.goto) tokens.push("goto");
  if (spec.jump?.kind === "extension") for (const o of spec.jump.extension.options) tokens.push(`${spec.jump.name}.${o.name}`);
  return tokens.sort().join(" ");
}

interface Shape {
  /** Sorted tokens, exactly (see signature). */
  readonly tokens: string;
  readonly target: readonly string[];
  /** Value constraints beyond the tokens. */
  readonly test?: (f: RuleFacts) => boolean;
}

const shape = (tokens: string, target: string | readonly string[], test?: (f: RuleFacts) => boolean): Shape => ({
  tokens: tokens.split(" ").filter(Boolean).sort().join(" "),
  target: typeof target === "string" ? [target] : target,
  ...(test ? { test } : {}),
});

/** Same bridge on both sides: `-i br -o br`, `! -i br -o br`, `-i br ! -o br`. */
const sameBridge = (f: RuleFacts): boolean => f.in?.value === f.out?.value;

/** Internal-network drops (§2 B, D, F, G); ip6tables adds `! -i <br>` / `! -o <br>` (§2 D). */
const INTERNAL_DROPS: readonly Shape[] = [
  shape("!s o", "DROP"),
  shape("!d i", "DROP"),
  shape("!s !i o", "DROP", sameBridge),
  shape("!d i !o", "DROP", sameBridge),
];

const BARE_RETURN = shape("", "RETURN");

/** What Docker writes, chain by chain. */
const DOCKER_SHAPES: ReadonlyMap<string, readonly Shape[]> = new Map([
  [
    "filter DOCKER",
    [
      // §1 published port: -d <ctr> ! -i <br> -o <br> -p P -m P --dport <cport> -j ACCEPT.
      shape("d !i o p P.dport", "ACCEPT", (f) => negated(f.in) === plain(f.out)),
      // §1 legacy --link: -s a -d b -i br -o br -p tcp --dport|--sport p -j ACCEPT.
      shape("s d i o p P.dport", "ACCEPT", sameBridge),
      shape("s d i o p P.sport", "ACCEPT", sameBridge),
      // 28.0+: default drop per bridge; nat-unprotected accept (§2 E, F).
      shape("!i o", ["DROP", "ACCEPT"], sameBridge),
      // 28+ routed mode: -o <br> -p icmp|ipv6-icmp -j ACCEPT (§2 F).
      shape("o p", "ACCEPT", (f) => f.proto?.value === "icmp" || f.proto?.value === "ipv6-icmp"),
    ],
  ],
  // §2 B/C: pairwise -i brA -o brB -j DROP, internal drops, -j RETURN.
  ["filter DOCKER-ISOLATION", [shape("i o", "DROP", (f) => !sameBridge(f)), ...INTERNAL_DROPS, BARE_RETURN]],
  [
    "filter DOCKER-ISOLATION-STAGE-1",
    [
      shape("i !o", "DOCKER-ISOLATION-STAGE-2", sameBridge),
      ...INTERNAL_DROPS,
      BARE_RETURN,
      // 28.x routed mode (§2 F).
      shape("i conntrack.ctstate", "ACCEPT"),
      shape("o", "RETURN"),
    ],
  ],
  ["filter DOCKER-ISOLATION-STAGE-2", [shape("o", "DROP"), BARE_RETURN]],
  [
    "filter DOCKER-FORWARD",
    [
      shape("", ["DOCKER-CT", "DOCKER-ISOLATION-STAGE-1", "DOCKER-INTERNAL", "DOCKER-BRIDGE", "DOCKER-INGRESS"]),
      shape("i", "ACCEPT"),
      shape("i o", ["ACCEPT", "DROP"], sameBridge),
      shape("i !o", "ACCEPT", sameBridge),
      // 29+ --bridge-accept-fwmark (§2 G).
      shape("mark.mark", "ACCEPT"),
    ],
  ],
  ["filter DOCKER-CT", [shape("o conntrack.ctstate", "ACCEPT", (f) => f.ctstate === "RELATED,ESTABLISHED")]],
  ["filter DOCKER-BRIDGE", [shape("o", "DOCKER")]],
  ["filter DOCKER-INTERNAL", INTERNAL_DROPS],
  [
    "nat DOCKER",
    [
      // ≤28.x: -i <br> -j RETURN; WSL2 mirrored: -d 127.0.0.0/8 -i loopback0 -j RETURN (§2 D).
      shape("i", "RETURN"),
      shape("d i", "RETURN", (f) => f.in?.value === "loopback0"),
      // §1 DNAT: [-d <hip>] [! -i <br>] -p P --dport <hport>; IPv6 from 28.0 adds ! -s fe80::/10.
      ...["", "d", "!i", "d !i"].flatMap((extra) => [
        shape(`${extra} p P.dport DNAT.to-destination`, "DNAT"),
        shape(`${extra} !s p P.dport DNAT.to-destination`, "DNAT", (f) => f.src?.value === "fe80::/10"),
      ]),
    ],
  ],
]);

function writtenByDocker(rule: FirewallRule, shapes: readonly Shape[], family: RuleContext["ruleset"]["family"]): boolean {
  const tokens = signature(rule);
  // A CRLF dump's last word keeps its `\r` (the kernel rejects such a file: IPT0xx says so); judge the rule without it.
  const target = (rule.command.rule.jump?.name ?? "").replace(/\r$/, "");
  const candidates = shapes.filter((s) => s.tokens === tokens && s.target.includes(target));
  if (candidates.length === 0) return false;
  const facts = ruleFacts(rule, family);
  return candidates.some((s) => !s.test || s.test(facts));
}

/** Where the rule belongs: DOCKER-USER for filter (FORWARD before 17.06), nat PREROUTING for nat DOCKER. */
function moveCommands(ctx: RuleContext, table: TableName, chain: string, spec: string): string[] {
  const ipt = iptablesFor(ctx.ruleset.family);
  if (table === "nat") return [`${ipt} -t nat -D ${chain} ${spec}`, `${ipt} -t nat -I PREROUTING -m addrtype --dst-type LOCAL ${spec}`];
  const home = ctx.docker.dockerUser.declared ? "DOCKER-USER" : "FORWARD";
  return [`${ipt} -D ${chain} ${spec}`, `${ipt} -I ${home} ${spec}`];
}

export default defineLintRule({
  code: "IPT208",
  name: "user-rule-in-docker-chain",
  severity: "warning",
  summary: "A rule Docker does not write sits in one of Docker's own chains and is lost at the next daemon restart",
  wholeRuleset: false,
  docs: {
    why: "Docker deletes and re-creates DOCKER, DOCKER-ISOLATION*, DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE, DOCKER-INTERNAL and nat DOCKER every time dockerd starts. A rule added there by hand works until the next restart or upgrade and then silently disappears, reopening whatever it closed. DOCKER-USER is the chain Docker leaves alone for exactly these rules.",
    exceptions: "Rules of the shapes Docker writes (per-port accepts, --link accepts, isolation drops, DNATs, …) are not reported, even when written by hand. DOCKER-USER and DOCKER-INGRESS (swarm) are not checked. Rules moved to DOCKER-USER still need the distro's tooling (netfilter-persistent, iptables-services) to survive a reboot.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -s 198.51.100.0/24 -o docker0 -p tcp -m tcp --dport 5432 -j DROP\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT\n-A DOCKER-USER -s 198.51.100.0/24 -o docker0 -p tcp -m tcp --dport 5432 -j DROP\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#add-iptables-policies-before-dockers-rules",
      "https://github.com/moby/moby/issues/24848",
    ],
  },
  check(ctx: RuleContext) {
    for (const chain of ctx.docker.chains) {
      const shapes = DOCKER_SHAPES.get(`${chain.table} ${chain.name}`);
      if (!shapes || chain.owner !== "docker" || chain.containerNamespace) continue;
      for (const rule of ctx.ruleset.tables.get(chain.table)?.chains.get(chain.name)?.rules ?? []) {
        if (writtenByDocker(rule, shapes, ctx.ruleset.family)) continue;
        report(ctx, chain, rule);
      }
    }
  },
});

function report(ctx: RuleContext, chain: DockerChain, rule: FirewallRule): void {
  const ref = ruleFacts(rule, ctx.ruleset.family).ref;
  const spec = ref.text.replace(/^-A \S+ /, "");
  const home = chain.table === "nat" ? "nat PREROUTING" : ctx.docker.dockerUser.declared ? "DOCKER-USER" : "FORWARD";
  ctx.report({
    span: rule.command.span,
    message: `${chain.table} ${chain.name} (${chain.role}) holds a rule Docker does not write (${spec}): Docker rebuilds the chain at every daemon start, so this rule will be lost`,
    help: `Move it to ${home}; a RETURN or a jump means something else there, so rewrite it as the ACCEPT or DROP it stands for.`,
    remediation: {
      now: moveCommands(ctx, chain.table, chain.name, spec),
      durable: `keep the rule in ${home} and save it with the distro's tooling (netfilter-persistent save, service iptables save) so it is restored at boot; Docker never flushes DOCKER-USER`,
    },
  });
}
