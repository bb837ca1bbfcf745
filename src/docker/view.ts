/**
 * dockerView: what Docker wrote into a parsed dump, as plain data for lint rules and reports.
 * Pure: reads the ruleset model and the dump's trivia, no I/O. The order of the steps matters
 * only where one needs another: bridge discovery → ports (need bridge subnets) → era (needs
 * the bridge names for leftovers) → bridge settings (routed mode is partly read from ports)
 * → port problems (need the bridges' modes).
 */
import type { Dump } from "../ast/nodes.js";
import type { Ruleset } from "../model/ruleset.js";
import { bridgeContext, discoverBridges, finishBridge } from "./bridges.js";
import { DOCKER_USER, dockerChains } from "./chains.js";
import { backendView, daemonView } from "./daemon.js";
import { decideEra } from "./eras.js";
import { FactIndex } from "./facts.js";
import { findPorts, withProblems } from "./ports.js";
import { swarmView } from "./swarm.js";
import type { DockerNames } from "./names.js";
import type { DockerView } from "./types.js";
import { dockerUserView } from "./user-chain.js";
import { withDockerNames } from "./view-names.js";

export type * from "./types.js";

/** `names` (--docker-inspect) adds Docker's names for bridges, container addresses and ports. */
export function dockerView(ruleset: Ruleset, dump: Dump, names?: DockerNames): DockerView {
  const index = new FactIndex(ruleset);
  const drafts = discoverBridges(index);
  const rawPorts = findPorts(index, drafts);
  const era = decideEra(index, new Set(drafts.map((d) => d.name)));
  const daemon = daemonView(index);
  const context = bridgeContext(index, era.era, daemon.userlandProxy, rawPorts);
  const bridges = drafts.map((d) => finishBridge(d, context));
  const ports = rawPorts.map((p) => withProblems(p, bridges, index));
  const chains = dockerChains(index);
  const dockerUser = dockerUserView(index);
  const hasDockerRules = chains.some((c) => c.ruleCount > 0 && c.name !== DOCKER_USER) || dockerUser.jumps.length > 0 || daemon.natJumps.length > 0 || bridges.length > 0;
  const view: DockerView = {
    family: ruleset.family,
    hasDockerRules,
    tables: [...ruleset.tables.keys()],
    chains,
    era,
    backend: backendView(dump),
    daemon,
    bridges,
    ports,
    dockerUser,
    swarm: swarmView(index, bridges),
  };
  return names ? withDockerNames(view, names) : view;
}
