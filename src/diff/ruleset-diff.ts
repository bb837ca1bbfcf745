/**
 * A semantic diff of two rulesets: what changes in the kernel if NEW replaces OLD. Rules are
 * compared in their canonical form, so counters, comments, table order and formatting do
 * not count; per chain, rules are aligned with a Myers diff, and a rule removed in one place
 * and added in another is reported as moved (rule order decides verdicts).
 */
import { diffArrays } from "diff";
import { printRule, chainOrder } from "../format/print.js";
import type { TableName } from "../model/netfilter.js";
import type { Chain, Ruleset, Table } from "../model/ruleset.js";

export interface RuleChange {
  readonly kind: "added" | "removed" | "moved";
  /** The rule in canonical form. */
  readonly rule: string;
  /** 1-based positions in the chain and source lines; absent on the side it does not exist. */
  readonly oldPosition?: number;
  readonly newPosition?: number;
  readonly oldLine?: number;
  readonly newLine?: number;
}

export interface ChainDiff {
  readonly chain: string;
  readonly status: "added" | "removed" | "changed";
  readonly policy?: { readonly old?: string; readonly new?: string };
  readonly rules: readonly RuleChange[];
}

export interface TableDiff {
  readonly table: TableName;
  readonly status: "added" | "removed" | "changed";
  readonly chains: readonly ChainDiff[];
}

export interface RulesetDiff {
  readonly equal: boolean;
  readonly tables: readonly TableDiff[];
}

interface CanonicalRule {
  readonly text: string;
  readonly line: number;
}

function canonicalRules(chain: Chain | undefined, family: Ruleset["family"]): CanonicalRule[] {
  return (chain?.rules ?? []).flatMap((r) => printRule(r, family).map((text) => ({ text, line: r.command.line })));
}

export function diffRulesets(oldSet: Ruleset, newSet: Ruleset): RulesetDiff {
  const names = [...new Set([...oldSet.tables.keys(), ...newSet.tables.keys()])];
  const tables: TableDiff[] = [];
  for (const name of names) {
    const d = diffTable(oldSet.tables.get(name), newSet.tables.get(name), oldSet.family, newSet.family);
    if (d) tables.push({ table: name, ...d });
  }
  return { equal: tables.length === 0, tables };
}

function diffTable(a: Table | undefined, b: Table | undefined, fa: Ruleset["family"], fb: Ruleset["family"]): Omit<TableDiff, "table"> | undefined {
  const order = [...(a ? chainOrder(a) : []), ...(b ? chainOrder(b) : [])].map((c) => c.name);
  const chains: ChainDiff[] = [];
  for (const name of [...new Set(order)]) {
    const d = diffChain(a?.chains.get(name), b?.chains.get(name), fa, fb);
    if (d) chains.push(d);
  }
  if (!a || !b) return { status: a ? "removed" : "added", chains };
  return chains.length > 0 ? { status: "changed", chains } : undefined;
}

function diffChain(a: Chain | undefined, b: Chain | undefined, fa: Ruleset["family"], fb: Ruleset["family"]): ChainDiff | undefined {
  const name = (a ?? b) as Chain;
  const rules = diffRules(canonicalRules(a, fa), canonicalRules(b, fb));
  const oldPolicy = a?.builtin ? (a.policy ?? "ACCEPT") : undefined;
  const newPolicy = b?.builtin ? (b.policy ?? "ACCEPT") : undefined;
  const policyChanged = a && b && oldPolicy !== newPolicy;
  const status = !a ? "added" : !b ? "removed" : "changed";
  // A built-in chain exists in both versions of a table even when undeclared.
  if (status === "changed" && !policyChanged && rules.length === 0) return undefined;
  return {
    chain: name.name,
    status,
    ...(policyChanged ? { policy: { ...(oldPolicy ? { old: oldPolicy } : {}), ...(newPolicy ? { new: newPolicy } : {}) } } : {}),
    rules,
  };
}

function diffRules(a: CanonicalRule[], b: CanonicalRule[]): RuleChange[] {
  const parts = diffArrays(
    a.map((r) => r.text),
    b.map((r) => r.text),
  );
  const removed: RuleChange[] = [];
  const added: RuleChange[] = [];
  let i = 0;
  let j = 0;
  for (const part of parts) {
    for (let k = 0; k < (part.count ?? part.value.length); k++) {
      if (part.removed) removed.push({ kind: "removed", rule: (a[i] as CanonicalRule).text, oldPosition: i + 1, oldLine: (a[i++] as CanonicalRule).line });
      else if (part.added) added.push({ kind: "added", rule: (b[j] as CanonicalRule).text, newPosition: j + 1, newLine: (b[j++] as CanonicalRule).line });
      else {
        i++;
        j++;
      }
    }
  }
  return pairMoves(removed, added);
}

/** A rule removed at one position and added at another is one move. */
function pairMoves(removed: RuleChange[], added: RuleChange[]): RuleChange[] {
  const addedByText = new Map<string, RuleChange[]>();
  for (const r of added) addedByText.set(r.rule, [...(addedByText.get(r.rule) ?? []), r]);
  const out: RuleChange[] = [];
  for (const r of removed) {
    const match = addedByText.get(r.rule)?.shift();
    if (match) out.push({ kind: "moved", rule: r.rule, oldPosition: r.oldPosition!, newPosition: match.newPosition!, oldLine: r.oldLine!, newLine: match.newLine! });
    else out.push(r);
  }
  for (const list of addedByText.values()) out.push(...list);
  return out.sort((x, y) => (x.newPosition ?? x.oldPosition ?? 0) - (y.newPosition ?? y.oldPosition ?? 0));
}
