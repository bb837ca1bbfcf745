/**
 * The extension registry: every match and target iptlint knows, looked up the way iptables'
 * xtables_find_match / xtables_find_target do (case-sensitive name, per family).
 */
import type { Family } from "../netfilter.js";
import { MATCHES } from "./matches/index.js";
import { TARGETS } from "./targets/index.js";
import type { ExtensionSpec } from "./types.js";

export type { ExtensionSpec, OptionSpec } from "./types.js";

function index(specs: readonly ExtensionSpec[]): Map<string, ExtensionSpec[]> {
  const byName = new Map<string, ExtensionSpec[]>();
  for (const spec of specs) byName.set(spec.name, [...(byName.get(spec.name) ?? []), spec]);
  return byName;
}

const matchesByName = index(MATCHES);
const targetsByName = index(TARGETS);

/**
 * xtables_find_match maps the ICMPv6 protocol names to the "icmp6" match
 * ("This is ugly as hell", libxtables/xtables.c).
 */
const MATCH_ALIASES: Readonly<Record<string, string>> = { icmpv6: "icmp6", "ipv6-icmp": "icmp6" };

export function findMatch(name: string, family: Family): ExtensionSpec | undefined {
  const real = MATCH_ALIASES[name] ?? name;
  return matchesByName.get(real)?.find((s) => s.families.includes(family));
}

export function findTarget(name: string, family: Family): ExtensionSpec | undefined {
  return targetsByName.get(name)?.find((s) => s.families.includes(family));
}

/** Known for some family (used to say "icmp is an IPv4 match" instead of "unknown"). */
export function knownInOtherFamily(kind: "match" | "target", name: string, family: Family): boolean {
  const list = kind === "match" ? matchesByName.get(MATCH_ALIASES[name] ?? name) : targetsByName.get(name);
  return (list ?? []).some((s) => !s.families.includes(family));
}

export const ALL_EXTENSIONS: readonly ExtensionSpec[] = [...MATCHES, ...TARGETS];
