/**
 * Docker rebuilds its chains only when dockerd starts. A tool that flushes or reloads the
 * firewall afterwards (iptables-restore / netfilter-persistent at boot, `systemctl restart
 * iptables`, `iptables -F`, CSF/APF, firewall-cmd --reload with older Docker) leaves a
 * half-Docker ruleset behind: DOCKER-USER and some jumps survive while Docker's own chains,
 * nat DOCKER or the MASQUERADE rules are gone (docker-firewall.md §4 pitfalls 9 and 16;
 * moby#12294, moby#35161, moby#15254). Containers then lose published ports and egress
 * until dockerd restarts. A rules file that jumps to a Docker chain it does not declare does
 * not load at all; undefined-chain (IPT101) reports that at the jump already, so this rule
 * does not repeat it.
 *
 * Only DOCKER-USER left, with no other trace of Docker, is docker-nftables-backend's case
 * (IPT215): that is also what Docker 29's nftables backend leaves.
 */
import { chainInfo, DOCKER_USER, isDockerChain, isDockerOwnedChain } from "../docker/chains.js";
import { FactIndex, negated } from "../docker/facts.js";
import type { Span } from "../findings.js";
import type { TableName } from "../model/netfilter.js";
import type { Ruleset, Table } from "../model/ruleset.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { chainTarget } from "../model/chain-graph.js";
import { iptablesFor } from "./support/published-ports.js";

const RESTART = "systemctl restart docker";

const DURABLE =
  "Docker re-creates its chains only when dockerd starts (docker-firewall.md §4 pitfall 9): make whatever reloads the firewall leave Docker's chains alone or restart docker after it — netfilter-persistent/iptables-restore: restore only your own rules (`iptables-restore --noflush`) and order docker.service after it; firewalld: use a Docker release that re-applies its rules on firewalld reload and keeps its bridges in the `docker` zone; or run Docker 29 with `\"firewall-backend\": \"nftables\"` in /etc/docker/daemon.json, whose tables iptables flushes do not touch";

/** Docker's own (not DOCKER-USER, not container-namespace) chains declared in a table. */
function ownChains(ruleset: Ruleset, table: TableName): string[] {
  return [...(ruleset.tables.get(table)?.chains.keys() ?? [])].filter((c) => isDockerOwnedChain(table, c) && !chainInfo(table, c)?.containerNamespace);
}

/** docker0, br-<12 hex>, docker_gwbridge: names only Docker gives bridges (docker-firewall.md §3). */
function isDockerBridgeName(name: string): boolean {
  return name === "docker0" || name === "docker_gwbridge" || /^br-[0-9a-f]{12}$/.test(name);
}

function declaredSpan(table: Table, chain: string): Span {
  return table.chains.get(chain)?.declaredAt ?? table.block.nameSpan;
}

/** Signs in nat that Docker's iptables backend runs here: its chains, hooks or bridge masquerades. */
function natTraces(index: FactIndex): string[] {
  const traces: string[] = [];
  for (const c of ownChains(index.ruleset, "nat")) traces.push(`chain ${c}`);
  for (const f of index.chain("nat", "POSTROUTING")) {
    const bridge = negated(f.out);
    if (f.target === "MASQUERADE" && f.src && !f.src.inverted && bridge !== undefined && isDockerBridgeName(bridge)) traces.push(`the MASQUERADE of ${f.src.value} ! -o ${bridge}`);
  }
  return traces;
}

/** Filter lost every Docker chain while nat still shows Docker at work: filter was flushed or replaced. */
function filterFlushed(ctx: RuleContext, index: FactIndex): void {
  const filter = ctx.ruleset.tables.get("filter");
  if (!filter || ownChains(ctx.ruleset, "filter").length > 0) return;
  const traces = natTraces(index);
  if (traces.length === 0) return;
  const user = filter.chains.has(DOCKER_USER) ? " (only DOCKER-USER is left)" : "";
  ctx.report({
    span: declaredSpan(filter, "FORWARD"),
    message: `the filter table has none of Docker's chains${user} although nat still holds ${traces.slice(0, 2).join(" and ")}: the filter table was flushed or replaced by another tool, so Docker no longer accepts forwarded traffic to published ports and containers`,
    remediation: { now: [RESTART], durable: DURABLE },
  });
}

/** Filter has Docker's chains but the nat table has no DOCKER chain: nat was flushed (`iptables -t nat -F -X`). */
function natFlushed(ctx: RuleContext): void {
  const nat = ctx.ruleset.tables.get("nat");
  const filterChains = ownChains(ctx.ruleset, "filter");
  if (!nat || filterChains.length === 0 || nat.chains.has("DOCKER")) return;
  const bridges = ctx.docker.bridges.filter((b) => b.subnets.length === 0 && isDockerBridgeName(b.name)).map((b) => b.name);
  const masq = bridges.length > 0 ? ` and no MASQUERADE for ${bridges.join(", ")}` : "";
  ctx.report({
    span: nat.block.nameSpan,
    message: `the nat table has no DOCKER chain${masq} although filter holds Docker's ${filterChains.join(", ")}: the nat table was flushed by another tool, so published ports are not DNATed and containers' traffic leaves unmasqueraded`,
    remediation: { now: [RESTART], durable: DURABLE },
  });
}

/**
 * Docker's chains are declared but the built-in chains no longer jump to them (`iptables -F`
 * keeps user chains, empties FORWARD): Docker always hooks filter FORWARD and nat
 * PREROUTING/OUTPUT (docker-firewall.md §1 "nat hooks", §2 per era).
 */
function hooksFlushed(ctx: RuleContext): void {
  const filter = ctx.ruleset.tables.get("filter");
  const filterChains = ownChains(ctx.ruleset, "filter");
  if (filter && filterChains.length > 0) {
    const forward = filter.chains.get("FORWARD")?.rules ?? [];
    if (!forward.some((r) => isDockerChain("filter", chainTarget(r) ?? ""))) {
      ctx.report({
        span: declaredSpan(filter, "FORWARD"),
        message: `filter FORWARD jumps to none of Docker's chains although ${filterChains.join(", ")} ${filterChains.length === 1 ? "is" : "are"} declared: FORWARD was flushed by another tool, so Docker's rules never see container traffic`,
        remediation: { now: [RESTART], durable: DURABLE },
      });
    }
  }
  const nat = ctx.ruleset.tables.get("nat");
  const natHooks = ["PREROUTING", "OUTPUT"].flatMap((c) => nat?.chains.get(c)?.rules ?? []);
  if (nat?.chains.has("DOCKER") && !natHooks.some((r) => chainTarget(r) === "DOCKER")) {
    ctx.report({
      span: declaredSpan(nat, "DOCKER"),
      message: "nat DOCKER is declared but neither PREROUTING nor OUTPUT jumps to it: the nat table was flushed by another tool, so no published port is DNATed to its container",
      remediation: { now: [RESTART, `${iptablesFor(ctx.ruleset.family)} -t nat -S POSTROUTING   # check the MASQUERADE rules came back`], durable: DURABLE },
    });
  }
}

export default defineLintRule({
  code: "IPT213",
  name: "docker-chains-missing",
  severity: "error",
  summary: "Part of Docker's iptables rules is gone: another firewall tool flushed or replaced Docker's chains, nat DOCKER or its jumps",
  wholeRuleset: true,
  docs: {
    why: "Docker writes its chains when dockerd starts and never again. Another tool that flushes or reloads the firewall afterwards — iptables-restore or netfilter-persistent at boot, `systemctl restart iptables`, `iptables -F`, CSF/APF, firewall-cmd --reload with an older Docker — removes Docker's chains, its nat DOCKER chain or its MASQUERADE rules while DOCKER-USER and some jumps survive. Published ports stop answering and containers lose outbound connectivity until dockerd restarts.",
    exceptions: "Dumps of a single table (`iptables -t nat -S`) say nothing about the other tables and are not judged against them. Only DOCKER-USER left, with no other trace of Docker, is what Docker 29's nftables backend leaves too: docker-nftables-backend (IPT215) reports that.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: [
      "https://github.com/moby/moby/issues/12294",
      "https://github.com/moby/moby/issues/35161",
      "https://github.com/moby/moby/issues/15254",
      "https://github.com/moby/moby/issues/48844",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
      "https://docs.docker.com/engine/network/firewall-nftables/",
    ],
  },
  check(ctx: RuleContext) {
    const index = new FactIndex(ctx.ruleset);
    filterFlushed(ctx, index);
    natFlushed(ctx);
    hooksFlushed(ctx);
  },
});
