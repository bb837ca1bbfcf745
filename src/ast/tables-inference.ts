/**
 * `iptables -S` output and fragments carry no `*table` headers. People paste several tables
 * one after another (`iptables -S; iptables -t nat -S`): each table's listing starts with
 * `-P` lines for its built-in chains, and the set of those chains names the table
 * (filter: INPUT FORWARD OUTPUT; nat: PREROUTING INPUT OUTPUT POSTROUTING; mangle: all five;
 * raw: PREROUTING OUTPUT). Without -P lines (a fragment), each line's table is guessed from
 * its chain and target. Every guess is reported, so nothing silently lands in the wrong table.
 */
import { finding } from "../checks.js";
import { span, type Finding } from "../findings.js";
import type { TableName } from "../model/netfilter.js";
import type { CommandNode, TableBlock } from "./nodes.js";

export interface HeaderlessLine {
  readonly command: CommandNode;
  /** From `--table`, `-t TABLE` on the line, or a `# table NAME` marker line. */
  readonly explicitTable?: TableName;
}

interface Group {
  readonly lines: HeaderlessLine[];
}

/** Targets that exist in one table only (kernel checkentry .table). */
export const TARGET_TABLE: Readonly<Record<string, TableName>> = {
  DNAT: "nat",
  SNAT: "nat",
  MASQUERADE: "nat",
  REDIRECT: "nat",
  NETMAP: "nat",
  CT: "raw",
  NOTRACK: "raw",
  TRACE: "raw",
  CHECKSUM: "mangle",
  TPROXY: "mangle",
  TOS: "mangle",
  DSCP: "mangle",
  TTL: "mangle",
  HL: "mangle",
  ECN: "mangle",
  CLASSIFY: "mangle",
  SECMARK: "security",
  CONNSECMARK: "security",
};

export function inferTables(lines: readonly HeaderlessLine[]): { tables: TableBlock[]; findings: Finding[]; hasPolicies: boolean } {
  const groups = splitIntoGroups(lines);
  const hasPolicies = lines.some((l) => l.command.kind === "policy");
  const byName = new Map<TableName, TableBlock>();
  const findings: Finding[] = [];
  const first = lines[0];
  if (!hasPolicies && first) {
    findings.push(finding("fragmentInput", span(first.command.line, 1, 1), "input is a fragment (rule lines without *table headers or -P lines): checks that need the whole ruleset are skipped"));
  }
  for (const group of groups) {
    for (const [table, members, reason] of assignGroup(group)) {
      const block = byName.get(table) ?? newBlock(table, members[0] as HeaderlessLine);
      byName.set(table, block);
      block.commands.push(...members.map((m) => m.command));
      if (reason) {
        const a = (members[0] as HeaderlessLine).command.line;
        const b = (members[members.length - 1] as HeaderlessLine).command.line;
        findings.push(finding("tableGuessed", span(a, 1, 1), `line${a === b ? ` ${a} was` : `s ${a}–${b} were`} taken as table ${table} (${reason}); use --table to say otherwise`));
      }
    }
  }
  return { tables: [...byName.values()], findings, hasPolicies };
}

function newBlock(table: TableName, first: HeaderlessLine): TableBlock {
  const line = first.command.line;
  return { name: table, nameSpan: span(line, 1, 1), line, chains: [], commands: [] };
}

/** A new group starts at a -P line that follows other lines, or where the explicit table changes. */
function splitIntoGroups(lines: readonly HeaderlessLine[]): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let previous: HeaderlessLine | undefined;
  for (const line of lines) {
    const startsListing = line.command.kind === "policy" && previous !== undefined && previous.command.kind !== "policy";
    const tableChanged = previous !== undefined && line.explicitTable !== previous.explicitTable;
    if (!current || startsListing || tableChanged) {
      current = { lines: [] };
      groups.push(current);
    }
    current.lines.push(line);
    previous = line;
  }
  return groups;
}

/** Returns [table, lines, reason-if-guessed] triples for one group. */
function assignGroup(group: Group): Array<[TableName, HeaderlessLine[], string | undefined]> {
  const explicit = group.lines[0]?.explicitTable;
  if (explicit) return [[explicit, group.lines, undefined]];
  const policyChains = new Set(group.lines.filter((l) => l.command.kind === "policy").map((l) => l.command.chain?.text ?? ""));
  const byPolicies = tableFromPolicyChains(policyChains);
  const byTargets = tableFromTargets(group.lines);
  if (byPolicies) {
    const table = byPolicies === "filter" && byTargets === "security" ? "security" : byPolicies;
    return [[table, group.lines, `its -P lines name the built-in chains of ${table}`]];
  }
  return perLineTables(group.lines);
}

function tableFromPolicyChains(chains: ReadonlySet<string>): TableName | undefined {
  if (chains.size === 0) return undefined;
  const has = (c: string) => chains.has(c);
  if (has("FORWARD") && (has("PREROUTING") || has("POSTROUTING"))) return "mangle";
  if (has("POSTROUTING")) return "nat";
  if (has("PREROUTING") && !has("INPUT")) return "raw";
  if (has("PREROUTING")) return "nat";
  return "filter";
}

function tableFromTargets(lines: readonly HeaderlessLine[]): TableName | undefined {
  for (const l of lines) {
    const table = lineEvidence(l.command);
    if (table) return table;
  }
  return undefined;
}

function lineEvidence(c: CommandNode): TableName | undefined {
  const jump = c.rule.jump;
  if (jump?.kind === "extension") return TARGET_TABLE[jump.name];
  return undefined;
}

/**
 * Fragment lines: a line's own target decides; otherwise the chain's other lines do (a
 * DOCKER chain with DNAT rules is nat's); PREROUTING and POSTROUTING are nat's; else filter.
 */
function perLineTables(lines: readonly HeaderlessLine[]): Array<[TableName, HeaderlessLine[], string]> {
  const chainTable = new Map<string, TableName>();
  for (const l of lines) {
    const t = lineEvidence(l.command);
    const chain = l.command.chain?.text;
    if (t && chain && !chainTable.has(chain)) chainTable.set(chain, t);
  }
  const buckets = new Map<TableName, HeaderlessLine[]>();
  for (const l of lines) {
    const chain = l.command.chain?.text ?? "";
    const table = lineEvidence(l.command) ?? chainTable.get(chain) ?? (chain === "PREROUTING" || chain === "POSTROUTING" ? "nat" : "filter");
    const bucket = buckets.get(table);
    if (bucket) bucket.push(l);
    else buckets.set(table, [l]);
  }
  return [...buckets].map(([table, members]) => [table, members, "from the chains and targets of its lines"]);
}
