/**
 * Single-rule probes (fixtures/probes/rules*.txt): `TABLE CHAIN RULE-OPTIONS`, one a line,
 * turned into the smallest dump iptables-restore loads. A chain that is not built into the
 * table is a user chain: the dump declares it and jumps to it from a built-in chain
 * (`NAME/FROM`, default the table's first built-in), because the kernel checks a rule's hooks
 * only through the built-in chains that reach it (xt_check_target/match via mark_source_chains).
 *
 * `env ` before a probe marks a verdict that depends on the machine (a DNS name, an ipset, a
 * user, a kernel module): it is judged as on a host that has them, as the corpus parity test
 * judges the `env:` files of VERDICTS.tsv: accepted.
 */
import { readFileSync } from "node:fs";
import { BUILTIN_CHAINS, type Family, type TableName } from "../../src/model/netfilter.js";

export interface Probe {
  /** The probe line as written; it names the probe in the verdict cache and in reports. */
  readonly line: string;
  /** The kernel's verdict depends on the machine; a host that has the name/set/module accepts. */
  readonly environmental: boolean;
  readonly family: Family;
  readonly table: TableName;
  readonly text: string;
  /** Line of the probed rule in `text`. */
  readonly ruleLine: number;
}

export function readProbes(path: string, family: Family): Probe[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => probe(l, family));
}

export function probe(written: string, family: Family): Probe {
  const environmental = written.startsWith("env ");
  const line = environmental ? written.slice(4) : written;
  if (line.includes("\t")) throw new Error(`a probe holds a tab (the verdict cache is TSV): ${line}`);
  const m = /^(\S+) (\S+) (.*)$/.exec(line);
  if (!m) throw new Error(`not a probe (TABLE CHAIN OPTIONS): ${line}`);
  const [, tableWord, chainWord, rule] = m as unknown as [string, string, string, string];
  if (!(tableWord in BUILTIN_CHAINS)) throw new Error(`unknown table in probe: ${line}`);
  const table = tableWord as TableName;
  const builtins: readonly string[] = BUILTIN_CHAINS[table];
  const [chain, from = builtins[0] as string] = chainWord.split("/") as [string, string?];
  if (builtins.includes(chain)) {
    return { line, environmental, family, table, text: `*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${rule}\nCOMMIT\n`, ruleLine: 3 };
  }
  if (!builtins.includes(from)) throw new Error(`${from} is not a built-in chain of ${table}: ${line}`);
  const text = `*${table}\n:${from} ACCEPT [0:0]\n:${chain} - [0:0]\n-A ${from} -j ${chain}\n-A ${chain} ${rule}\nCOMMIT\n`;
  return { line, environmental, family, table, text, ruleLine: 5 };
}
