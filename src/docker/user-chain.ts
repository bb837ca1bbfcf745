/**
 * DOCKER-USER (docker-firewall.md §2 era C, 17.06+; docker/libnetwork PR #1675): the one
 * Docker chain the user owns. What matters is that FORWARD jumps to it before any rule that
 * could decide the packet - every rule before the jump is listed so a lint rule can judge.
 */
import { DOCKER_USER } from "./chains.js";
import { type FactIndex, isBareReturn } from "./facts.js";
import type { DockerUserJump, DockerUserView } from "./types.js";


/** Chains Docker jumps to DOCKER-USER from: FORWARD (all eras with DOCKER-USER). Any other jump is listed too. */
function jumps(index: FactIndex): DockerUserJump[] {
  const found: DockerUserJump[] = [];
  for (const [name] of index.ruleset.tables.get("filter")?.chains ?? []) {
    const rules = index.chain("filter", name);
    rules.forEach((f, i) => {
      if (f.targetKind === "chain" && f.target === DOCKER_USER) {
        found.push({ chain: name, position: i + 1, rule: f.ref, before: rules.slice(0, i).map((r) => r.ref) });
      }
    });
  }
  return found;
}

export function dockerUserView(index: FactIndex): DockerUserView {
  const declared = index.hasChain("filter", DOCKER_USER);
  const line = index.declaredLine("filter", DOCKER_USER);
  const rules = index.chain("filter", DOCKER_USER);
  const ret = rules.find(isBareReturn);
  return {
    declared,
    ...(line !== undefined ? { declaredLine: line } : {}),
    rules: rules.map((f) => f.ref),
    ...(ret ? { returnRule: ret.ref } : {}),
    jumps: jumps(index),
  };
}
