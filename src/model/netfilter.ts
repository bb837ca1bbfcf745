/**
 * Netfilter facts that every layer shares: address families, tables, hooks and the
 * built-in chains of each table (as the kernel's iptable_*.c / ip6table_*.c register them).
 */

export type Family = "ipv4" | "ipv6";

/** "IPv4" / "IPv6", for messages. */
export function familyName(family: Family): string {
  return family === "ipv4" ? "IPv4" : "IPv6";
}

export const TABLE_NAMES = ["filter", "nat", "mangle", "raw", "security"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** The five netfilter hooks; built-in chains carry the hook's name. */
export const HOOKS = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"] as const;
export type Hook = (typeof HOOKS)[number];

/** Built-in chains per table (net/ipv4/netfilter/iptable_*.c, valid_hooks). */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  raw: ["PREROUTING", "OUTPUT"],
  security: ["INPUT", "FORWARD", "OUTPUT"],
};

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function isBuiltinChain(table: TableName, chain: string): chain is Hook {
  return (BUILTIN_CHAINS[table] as readonly string[]).includes(chain);
}

/** Verdicts a rule may jump to without naming a chain or a target extension. */
export const STANDARD_TARGETS = ["ACCEPT", "DROP", "RETURN", "QUEUE"] as const;

/** Policies a built-in chain may have (iptables-restore rejects RETURN and QUEUE as policy). */
export const POLICIES = ["ACCEPT", "DROP"] as const;
