/**
 * Input interfaces as classes: every name a rule tests with -i (and every bridge), one name
 * per `+` wildcard that no exact name covers, and one "any other interface". Packets in one
 * class meet the same -i tests, so one representative name per class decides them all.
 */
import type { DockerView } from "../docker/types.js";
import type { Ruleset } from "../model/ruleset.js";
import { interfaceMatches } from "../model/chain-graph.js";

export interface InterfaceClass {
  /** The name the engine gives the packet. */
  readonly name: string;
  /** How reports name the class: `eth0`, `veth+`, `other interfaces`. */
  readonly label: string;
  readonly kind: "named" | "wildcard" | "other";
  /** Traffic from outside the host (not loopback, not a container bridge). */
  readonly outside: boolean;
}

export function interfaceClasses(ruleset: Ruleset, docker: DockerView, external: string): InterfaceClass[] {
  return interfaceClassesOf([{ ruleset, docker }], external);
}

/**
 * The classes of several rulesets at once: what two versions of a ruleset need to be walked
 * with, so that their exposures compare class by class (`iptlint check`).
 */
export function interfaceClassesOf(versions: readonly { readonly ruleset: Ruleset; readonly docker: DockerView }[], external: string): InterfaceClass[] {
  const names = new Set<string>([external]);
  const wildcards = new Set<string>();
  for (const { ruleset } of versions) {
    for (const table of ruleset.tables.values()) {
      for (const chain of table.chains.values()) {
        for (const rule of chain.rules) {
          const text = rule.command.rule.inInterface?.values[0]?.text;
          if (text === undefined || text === "") continue;
          if (text.endsWith("+")) wildcards.add(text);
          else names.add(text);
        }
      }
    }
  }
  const bridges = new Set(versions.flatMap(({ docker }) => docker.bridges.map((b) => b.name)));
  for (const b of bridges) names.add(b);
  names.delete("lo");
  const inside = (name: string): boolean => bridges.has(name) || name === "docker_gwbridge" || name.startsWith("veth");
  const classes: InterfaceClass[] = [...names].sort().map((name) => ({ name, label: name, kind: "named", outside: !inside(name) }));
  const taken = (name: string): boolean => names.has(name);
  for (const w of [...wildcards].sort()) {
    const prefix = w.slice(0, -1);
    const name = [`${prefix}z9`, `${prefix}q7`, `${prefix}x_1`].find((n) => !taken(n) && n.length <= 15);
    if (!name) continue;
    names.add(name);
    classes.push({ name, label: `${w} (other than the names above)`, kind: "wildcard", outside: !inside(name) && !bridges.has(name) });
  }
  const patterns = [...names, ...wildcards];
  const other = ["ext9", "uplink9", "iptl9"].find((n) => !patterns.some((p) => interfaceMatches(p, n))) ?? "iptl9";
  classes.push({ name: other, label: "other interfaces", kind: "other", outside: true });
  return classes;
}
