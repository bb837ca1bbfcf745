/**
 * Swarm mode (docker-firewall.md §2 era D "Swarm", §4 pitfall 15): DOCKER-INGRESS chains in
 * filter and nat, jumped to from FORWARD (≤28.0.0) or DOCKER-FORWARD (28.0.1+) and from nat
 * PREROUTING/OUTPUT; docker_gwbridge carries the routing-mesh traffic.
 */
import { DOCKER_INGRESS } from "./chains.js";
import type { FactIndex } from "./facts.js";
import type { Bridge, SwarmView } from "./types.js";

const JUMP_SOURCES = [
  ["filter", "FORWARD"],
  ["filter", "DOCKER-FORWARD"],
  ["nat", "PREROUTING"],
  ["nat", "OUTPUT"],
] as const;

export function swarmView(index: FactIndex, bridges: readonly Bridge[]): SwarmView {
  const jumps = JUMP_SOURCES.flatMap(([t, c]) => index.chain(t, c)).filter((f) => f.targetKind === "chain" && f.target === DOCKER_INGRESS).map((f) => f.ref);
  const chains = (["filter", "nat"] as const).filter((t) => index.hasChain(t, DOCKER_INGRESS)).map((table) => {
    const line = index.declaredLine(table, DOCKER_INGRESS);
    return { table, ...(line !== undefined ? { declaredLine: line } : {}) };
  });
  const gateway = bridges.find((b) => b.kind === "swarm-gateway");
  return { active: chains.length > 0 || jumps.length > 0, ...(gateway ? { gatewayBridge: gateway.name } : {}), jumps, chains };
}
