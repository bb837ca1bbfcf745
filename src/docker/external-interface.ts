/**
 * The host's external interface as far as a dump shows it: the first `-i` in DOCKER-USER
 * (Docker's docs: "-i ext_if") or the first `-o` of a nat POSTROUTING MASQUERADE that is not a
 * bridge, loopback, a wildcard or another product's bridge or tunnel; else a placeholder the
 * user must replace.
 */
import type { Ruleset } from "../model/ruleset.js";
import { FactIndex, plain } from "./facts.js";
import { kindOf } from "./other-forwarders.js";
import type { DockerView } from "./types.js";

/** Stands in for the external interface when the dump names none. */
export const PLACEHOLDER_INTERFACE = "eth0";

export function externalInterface(ruleset: Ruleset, docker: DockerView): string {
  const index = new FactIndex(ruleset);
  const bridges = new Set(docker.bridges.map((b) => b.name));
  const candidates = [
    ...index.chain("filter", "DOCKER-USER").map((f) => plain(f.in)),
    ...index.chain("nat", "POSTROUTING").filter((f) => f.target === "MASQUERADE").map((f) => plain(f.out)),
  ];
  return candidates.find((name): name is string => name !== undefined && name !== "lo" && !bridges.has(name) && !name.endsWith("+") && kindOf(name) === undefined) ?? PLACEHOLDER_INTERFACE;
}

