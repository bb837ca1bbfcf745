/**
 * Findings of a dump and of its `iptables -L` twin compared by what they are about rather
 * than where: a finding on a rule is keyed by the rule's table, chain and canonical text, one
 * on a chain by the chain, one on a table by the table. Lines differ between the two forms;
 * rules do not.
 */
import { readFileSync } from "node:fs";
import type { Span } from "../../src/findings.js";
import { printRule } from "../../src/format/print.js";
import { lintText, type LintOptions, type LintResult } from "../../src/lint.js";
import type { FirewallRule } from "../../src/model/ruleset.js";

export interface Keyed {
  /** `CODE name @ anchor`. */
  readonly key: string;
  readonly low: boolean;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

/** The canonical rule text without -i/-o: what a listing without -v can show of it. */
export function withoutInterfaces(text: string): string {
  return text.replace(/ (?:! )?-[io] \S+/g, "");
}

export function keyedFindings(result: LintResult, options: { interfaces: boolean } = { interfaces: true }): Keyed[] {
  const rules = new Map<number, FirewallRule>();
  const chains = new Map<number, string>();
  for (const block of result.dump.tables) {
    for (const c of block.chains) chains.set(c.line, `chain ${block.name} ${c.name}`);
    for (const c of block.commands) if (c.kind === "new-chain") chains.set(c.line, `chain ${block.name} ${c.chain?.text}`);
  }
  for (const t of result.ruleset.tables.values()) for (const c of t.chains.values()) for (const r of c.rules) rules.set(r.command.line, r);
  return result.findings.map((f) => {
    const block = result.dump.tables.find((b) => sameSpan(b.nameSpan, f.span));
    const rule = rules.get(f.span.start.line);
    let anchor: string;
    if (block) anchor = `table ${block.name}`;
    else if (rule) {
      const text = printRule(rule, result.ruleset.family).join(" ");
      anchor = `rule ${rule.table} ${options.interfaces ? text : withoutInterfaces(text)}`;
    } else anchor = chains.get(f.span.start.line) ?? "input";
    return { key: `${f.code} ${f.name} @ ${anchor}`, low: f.confidence?.level === "low" };
  });
}

export function lintFile(path: string, options: LintOptions = {}): LintResult {
  return lintText(readFileSync(path, "utf8"), options);
}

/** Removes from `from` one occurrence of each key of `what`; returns the keys of `what` not found. */
export function takeEach(from: Keyed[], what: readonly string[]): string[] {
  const missing: string[] = [];
  for (const key of what) {
    const i = from.findIndex((k) => k.key === key);
    if (i >= 0) from.splice(i, 1);
    else missing.push(key);
  }
  return missing;
}
