/**
 * Walking a table's jump graph and matching interface names the way the kernel does: what
 * the lint rules and the packet-path engine share.
 */
import { BUILTIN_CHAINS, type Hook, type TableName } from "./netfilter.js";
import type { FirewallRule, Ruleset, Table } from "./ruleset.js";

/**
 * The chain a rule jumps or goes to (`-j NAME` / `-g NAME`), if it is not a verdict or a known
 * target extension. A CRLF file's `-j DOCKER\r` (already an error of its own) still names DOCKER.
 */
export function chainTarget(rule: FirewallRule): string | undefined {
  const jump = rule.command.rule.jump;
  if (!jump || jump.kind === "verdict" || (jump.kind === "extension" && jump.extension.spec !== undefined)) return undefined;
  const name = jump.name;
  return name.charCodeAt(name.length - 1) === 13 ? name.slice(0, -1) : name;
}

/**
 * The chains each chain of the table jumps or goes to (existing chains only, each once),
 * computed once per table: the hook checks, the reachability walks and the lint rules all
 * walk the same graph, and on a kube-proxy dump recomputing it per walk was most of their time.
 * Tables are not changed once the ruleset is built.
 */
const successorCache = new WeakMap<Table, Map<string, readonly string[]>>();

export function chainSuccessors(table: Table): Map<string, readonly string[]> {
  let graph = successorCache.get(table);
  if (graph) return graph;
  graph = new Map();
  for (const [name, chain] of table.chains) {
    const next = new Set<string>();
    for (const rule of chain.rules) {
      const target = chainTarget(rule);
      if (target !== undefined && table.chains.has(target)) next.add(target);
    }
    graph.set(name, [...next]);
  }
  successorCache.set(table, graph);
  return graph;
}

/**
 * `start` and every chain reachable from it through `-j`/`-g`, in the order first reached.
 * Conditions on the jumping rules are ignored: a chain counts as reached when some packet
 * may get there.
 */
export function reachableChains(ruleset: Ruleset, table: TableName, start: string): string[] {
  const t = ruleset.tables.get(table);
  return t ? chainsReachedFrom(t, start) : [];
}

/** reachableChains within one table. */
export function chainsReachedFrom(table: Table, start: string): string[] {
  const successors = chainSuccessors(table);
  if (!successors.has(start)) return [];
  // A Set beside the ordered list: kube-proxy dumps have tens of thousands of chains, and a
  // linear `includes` per rule made this quadratic (33 s on a 100k-rule dump).
  const order = [start];
  const seen = new Set(order);
  for (let i = 0; i < order.length; i++) {
    for (const next of successors.get(order[i] as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

/**
 * The hooks (built-in chains) of the table from which each chain can be reached: what a
 * user chain inherits for the kernel's hook checks (ip_tables mark_source_chains).
 */
export function reachingHooks(table: Table): Map<string, Set<Hook>> {
  const result = new Map<string, Set<Hook>>();
  for (const hook of BUILTIN_CHAINS[table.name]) {
    for (const name of chainsReachedFrom(table, hook)) {
      const hooks = result.get(name) ?? new Set<Hook>();
      result.set(name, hooks.add(hook));
    }
  }
  return result;
}

/** The rules of the given chains, chain by chain. */
export function rulesOf(ruleset: Ruleset, table: TableName, chains: readonly string[]): FirewallRule[] {
  const t = ruleset.tables.get(table);
  return chains.flatMap((c) => t?.chains.get(c)?.rules ?? []);
}

/**
 * Whether an `-i`/`-o` value names the interface: equal, or a `+` wildcard whose prefix it
 * starts with (iptables' xt_ifname semantics: `eth+` matches every name starting with `eth`).
 */
export function interfaceMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("+") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
