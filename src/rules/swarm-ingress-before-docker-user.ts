/**
 * Swarm's routing mesh accepts its published ports in filter DOCKER-INGRESS
 * (`-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT`). Docker puts the jump to it right
 * after `-A FORWARD -j DOCKER-USER` (≤28.0.0) or first in DOCKER-FORWARD (28.0.1+, moby PR
 * #49538), so DOCKER-USER is evaluated first (docker-firewall.md §2 eras D and F; every swarm
 * reference dump has that order). When FORWARD reaches DOCKER-INGRESS first — 17.06 inserted the
 * jump above DOCKER-USER when the first ingress port was published (moby/libnetwork#1827, fixed
 * by libnetwork PR #1845), 28.0.0 left it out of place after a restart (moby#49536), or a
 * restored rules file put it there — the mesh ports are accepted before any DOCKER-USER rule.
 */
import { DOCKER_INGRESS, DOCKER_USER } from "../docker/chains.js";
import type { PublishedPort } from "../docker/types.js";
import type { Ruleset } from "../model/ruleset.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { iptablesFor } from "./support/published-ports.js";

/**
 * The filter chains that are DOCKER-INGRESS or reach it through jumps (or gotos) that do not
 * pass DOCKER-USER: one backward search from DOCKER-INGRESS over the jump graph, rather than a
 * search per FORWARD jump (a host with hundreds of bridges has a `-j DOCKER` per bridge).
 */
function chainsReachingIngress(ruleset: Ruleset): Set<string> {
  const callers = new Map<string, Set<string>>();
  for (const [name, chain] of ruleset.tables.get("filter")?.chains ?? []) {
    for (const r of chain.rules) {
      const jump = r.command.rule.jump;
      if (jump?.kind !== "chain") continue;
      const from = callers.get(jump.name) ?? new Set<string>();
      from.add(name);
      callers.set(jump.name, from);
    }
  }
  const reaching = new Set<string>([DOCKER_INGRESS]);
  const queue = [DOCKER_INGRESS];
  while (queue.length > 0) {
    for (const caller of callers.get(queue.pop() as string) ?? []) {
      if (caller === DOCKER_USER || reaching.has(caller)) continue;
      reaching.add(caller);
      queue.push(caller);
    }
  }
  return reaching;
}

function meshPorts(ports: readonly PublishedPort[]): string {
  const mesh = ports.filter((p) => p.ingress && p.hostPort !== undefined).map((p) => `${p.protocol} ${p.hostPort}`);
  if (mesh.length === 1) return `the routing-mesh port ${mesh[0]} is`;
  return mesh.length > 1 ? `the routing-mesh ports ${mesh.join(", ")} are` : "the routing-mesh ports are";
}

export default defineLintRule({
  code: "IPT211",
  name: "swarm-ingress-before-docker-user",
  severity: "error",
  summary: "FORWARD evaluates swarm's DOCKER-INGRESS before DOCKER-USER, so DOCKER-USER does not restrict routing-mesh ports",
  wholeRuleset: false,
  docs: {
    why: "Swarm's routing mesh accepts the traffic of every published service port in the filter DOCKER-INGRESS chain. Docker jumps there only after DOCKER-USER, so that users can restrict who reaches a service. When FORWARD reaches DOCKER-INGRESS first (Docker 17.06 did this when the first ingress port was published, 28.0.0 after a daemon restart, and a restored rules file can do it too), the mesh ports are accepted before any DOCKER-USER rule sees them.",
    exceptions: "None while swarm publishes ports through the routing mesh; services published with mode=host do not go through DOCKER-INGRESS.",
    bad: "-A FORWARD -j DOCKER-INGRESS\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-FORWARD\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT\n-A DOCKER-INGRESS -j RETURN\n",
    good: "-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-FORWARD\n-A DOCKER-FORWARD -j DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT\n-A DOCKER-INGRESS -j RETURN\n",
    references: [
      "https://github.com/moby/libnetwork/issues/1827",
      "https://github.com/moby/moby/pull/49538",
      "https://docs.docker.com/engine/network/firewall-iptables/",
    ],
  },
  check(ctx: RuleContext) {
    const forward = ctx.ruleset.tables.get("filter")?.chains.get("FORWARD")?.rules ?? [];
    const jumps = forward.map((r) => (r.command.rule.jump?.kind === "chain" ? r.command.rule.jump.name : undefined));
    const user = jumps.indexOf(DOCKER_USER);
    if (user < 0) return; // no DOCKER-USER jump at all: docker-user-jump-missing's case
    const reaching = chainsReachingIngress(ctx.ruleset);
    const ingress = jumps.findIndex((name) => name !== undefined && reaching.has(name));
    if (ingress < 0 || ingress > user) return;
    const rule = forward[ingress] as (typeof forward)[number];
    const userRule = forward[user] as (typeof forward)[number];
    const via = jumps[ingress] === DOCKER_INGRESS ? "" : ` (through ${jumps[ingress]})`;
    const iptables = iptablesFor(ctx.ruleset.family);
    ctx.report({
      span: rule.command.span,
      message: `FORWARD reaches DOCKER-INGRESS${via} at rule ${ingress + 1}, before -j DOCKER-USER at rule ${user + 1}: ${meshPorts(ctx.docker.ports)} accepted before DOCKER-USER is evaluated`,
      related: [{ span: userRule.command.span, message: "DOCKER-USER is only reached here" }],
      help: "Docker expects -j DOCKER-USER first in FORWARD and the DOCKER-INGRESS jump after it",
      remediation: {
        now: [`${iptables} -D FORWARD -j DOCKER-USER`, `${iptables} -I FORWARD 1 -j DOCKER-USER`],
        durable: "restart dockerd with a release that orders the jumps itself (17.06.1+, and 28.0.1+ rather than 28.0.0), and do not restore a rules file that puts -j DOCKER-INGRESS first in FORWARD",
      },
    });
  },
});
