/**
 * What a finding is about, independent of where and how the dump writes it: the key the change
 * gate matches findings of two versions on. The baseline fingerprint (src/report/fingerprint.ts)
 * hashes the text of the finding's line with counters and spacing normalised, which survives
 * inserting lines above but not a rewrite of the same rule (`-p tcp --dport 22` against
 * iptables-save's `-p tcp -m tcp --dport 22`, `-S` against save form, `:INPUT DROP [0:0]`
 * against `-P INPUT DROP`). Here a rule is named by its canonical form (what iptables-save
 * would print for it, src/format/print.ts), a chain by its table and name, so reformatting
 * never makes a finding "new".
 */
import type { CommandNode, Dump } from "../ast/nodes.js";
import type { Finding } from "../findings.js";
import { printRule } from "../format/print.js";
import type { Family, TableName } from "../model/netfilter.js";
import { normalisedLine } from "../report/fingerprint.js";
import type { SourceLines } from "../source.js";

/** What is on each line that findings point at: a rule, a chain, a table header, COMMIT. */
function lineAnchors(dump: Dump): Map<number, string> {
  const anchors = new Map<number, string>();
  for (const block of dump.tables) {
    anchors.set(block.line, `table ${block.name}`);
    if (block.commitLine !== undefined) anchors.set(block.commitLine, `commit ${block.name}`);
    // Not the table: a finding about the whole dump points at the first declaration of a
    // chain (Docker's DOCKER is in nat and filter), and which one is first is the tables' order.
    for (const decl of block.chains) anchors.set(decl.line, `chain ${decl.name}`);
    for (const cmd of block.commands) {
      const chain = cmd.chain?.text;
      if (chain === undefined) continue;
      if (cmd.kind === "append") anchors.set(cmd.line, `rule ${block.name} ${canonicalRule(block.name, chain, cmd, dump.family)}`);
      // `iptables -S` declares chains with -P and -N where iptables-save writes `:CHAIN`.
      else if (cmd.kind === "policy" || cmd.kind === "new-chain") anchors.set(cmd.line, `chain ${chain}`);
    }
  }
  return anchors;
}

function canonicalRule(table: TableName, chain: string, command: CommandNode, family: Family): string {
  // iptables adds one rule per address of `-s a,b`: the rule is all of them.
  return printRule({ table, chain, command }, family).join(" | ");
}

/** A whole-file finding points at line 1, column 1, zero width (findings.ts FILE_START). */
function isFileWide(f: Finding): boolean {
  const { start, end } = f.span;
  return start.line === 1 && start.column === 1 && end.line === 1 && end.column === 1;
}

/**
 * Line numbers in a whole-file finding's message move with unrelated edits; the rest of the
 * message tells two whole-file findings of one code apart.
 */
function messageWithoutLines(message: string): string {
  return message.replace(/\b(lines?) \d+(?:(?:,| and|, and) \d+)*/g, "$1 #").replace(/\s+/g, " ").trim();
}

/**
 * One key per finding, in order: code, what it points at, and the occurrence number among
 * findings with the same code and anchor (two findings of one code on one rule stay two).
 */
export function findingKeys(findings: readonly Finding[], dump: Dump | undefined, source: SourceLines): string[] {
  const anchors = dump ? lineAnchors(dump) : new Map<number, string>();
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const line = f.span.start.line;
    const anchor = isFileWide(f) ? `file ${messageWithoutLines(f.message)}` : (anchors.get(line) ?? `text ${normalisedLine(source.line(line))}`);
    const base = `${f.code}\u0000${anchor}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}\u0000${n}`;
  });
}
