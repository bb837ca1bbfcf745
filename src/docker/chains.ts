/**
 * Docker's chains by name, table and era (docker-firewall.md §2 per era, §3 "Era decision
 * list", §4 pitfall 18 for ownership). Only DOCKER-USER belongs to the user: Docker creates
 * it but never flushes it; every other chain is deleted and rebuilt at daemon start.
 */
import type { TableName } from "../model/netfilter.js";
import type { FactIndex } from "./facts.js";
import type { DockerChain, EraId } from "./types.js";

interface ChainInfo {
  readonly table: TableName;
  readonly name: string;
  readonly role: string;
  readonly eras: readonly EraId[];
  readonly owner?: "user";
  readonly containerNamespace?: boolean;
}

export const DOCKER_USER = "DOCKER-USER";
export const DOCKER_INGRESS = "DOCKER-INGRESS";

/** §2: which era writes which chain. DOCKER-INGRESS exists with swarm mode from 1.12 (era B on). */
const CATALOGUE: readonly ChainInfo[] = [
  { table: "filter", name: "DOCKER", role: "per-container accepts for published ports (28.0+: and the default drop per bridge)", eras: ["A", "B", "C", "D", "E", "F", "G"] },
  { table: "filter", name: "DOCKER-ISOLATION", role: "isolation between bridge networks (single chain)", eras: ["B", "C"] },
  { table: "filter", name: "DOCKER-ISOLATION-STAGE-1", role: "isolation between bridge networks, stage 1 (and internal-network drops)", eras: ["D", "E", "F"] },
  { table: "filter", name: "DOCKER-ISOLATION-STAGE-2", role: "isolation between bridge networks, stage 2", eras: ["D", "E", "F"] },
  { table: "filter", name: DOCKER_USER, role: "user rules, evaluated first from FORWARD", eras: ["C", "D", "E", "F", "G"], owner: "user" },
  { table: "filter", name: "DOCKER-FORWARD", role: "Docker's part of FORWARD (28.0.1+)", eras: ["F", "G"] },
  { table: "filter", name: "DOCKER-CT", role: "conntrack RELATED,ESTABLISHED accepts per bridge", eras: ["F", "G"] },
  { table: "filter", name: "DOCKER-BRIDGE", role: "per-bridge jumps to DOCKER", eras: ["F", "G"] },
  { table: "filter", name: "DOCKER-INTERNAL", role: "drops for --internal networks", eras: ["G"] },
  { table: "filter", name: DOCKER_INGRESS, role: "swarm routing-mesh accepts", eras: ["B", "C", "D", "E", "F", "G"] },
  { table: "nat", name: "DOCKER", role: "DNAT of published ports", eras: ["A", "B", "C", "D", "E", "F", "G"] },
  { table: "nat", name: DOCKER_INGRESS, role: "swarm routing-mesh DNAT", eras: ["B", "C", "D", "E", "F", "G"] },
  // §1 last bullet: embedded DNS rules live in each container's namespace.
  { table: "nat", name: "DOCKER_OUTPUT", role: "embedded DNS (container namespace)", eras: ["B", "C", "D", "E", "F", "G"], containerNamespace: true },
  { table: "nat", name: "DOCKER_POSTROUTING", role: "embedded DNS (container namespace)", eras: ["B", "C", "D", "E", "F", "G"], containerNamespace: true },
];

export function chainInfo(table: TableName, name: string): ChainInfo | undefined {
  return CATALOGUE.find((c) => c.table === table && c.name === name);
}

export function isDockerChain(table: TableName, name: string): boolean {
  return chainInfo(table, name) !== undefined;
}

/** Docker chains owned by Docker (rebuilt at start), i.e. all but DOCKER-USER. */
export function isDockerOwnedChain(table: TableName, name: string): boolean {
  const info = chainInfo(table, name);
  return info !== undefined && info.owner !== "user";
}

/** The Docker chains present in the dump, in catalogue order. */
export function dockerChains(index: FactIndex): DockerChain[] {
  return CATALOGUE.filter((c) => index.hasChain(c.table, c.name)).map((c) => {
    const line = index.declaredLine(c.table, c.name);
    return {
      table: c.table,
      name: c.name,
      role: c.role,
      eras: c.eras,
      owner: c.owner ?? "docker",
      containerNamespace: c.containerNamespace ?? false,
      ...(line !== undefined ? { declaredLine: line } : {}),
      ruleCount: index.chain(c.table, c.name).length,
    };
  });
}
