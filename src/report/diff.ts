/**
 * Renders a RulesetDiff for people: per table and chain, `+` added, `-` removed, `~` moved
 * rules with positions and source lines, and policy changes. Colour only through kleur.
 */
import kleur from "kleur";
import type { ChainDiff, RuleChange, RulesetDiff } from "../diff/ruleset-diff.js";
import { escapeText } from "../text.js";
import { ruleCounts } from "./change-words.js";

export function diffText(d: RulesetDiff, oldName: string, newName: string, colour: boolean): string {
  kleur.enabled = colour;
  if (d.equal) return "";
  const out = [kleur.bold(`--- ${escapeText(oldName)}`), kleur.bold(`+++ ${escapeText(newName)}`)];
  for (const t of d.tables) {
    out.push(kleur.bold(`table ${t.table}${t.status === "changed" ? "" : ` (${t.status})`}`));
    for (const c of t.chains) out.push(...chainLines(c));
  }
  const counts = ruleCounts(d);
  out.push(`${counts.added} added, ${counts.removed} removed, ${counts.moved} moved, ${counts.policies} polic${counts.policies === 1 ? "y" : "ies"} changed, ${counts.chains} chain${counts.chains === 1 ? "" : "s"} created or deleted`);
  return out.join("\n") + "\n";
}

function chainLines(c: ChainDiff): string[] {
  const head = c.status === "changed" ? `  chain ${escapeText(c.chain)}` : `  chain ${escapeText(c.chain)} ${c.status === "added" ? "created" : "deleted"}`;
  const out = [head];
  if (c.policy) out.push(kleur.yellow(`    policy ${c.policy.old ?? "-"} → ${c.policy.new ?? "-"}`));
  for (const r of c.rules) out.push(ruleLine(r));
  return out;
}

function ruleLine(r: RuleChange): string {
  const rule = escapeText(r.rule);
  switch (r.kind) {
    case "added":
      return kleur.green(`    + ${rule}`) + kleur.dim(`  (new #${r.newPosition}, line ${r.newLine})`);
    case "removed":
      return kleur.red(`    - ${rule}`) + kleur.dim(`  (old #${r.oldPosition}, line ${r.oldLine})`);
    case "moved":
      return kleur.cyan(`    ~ ${rule}`) + kleur.dim(`  (moved #${r.oldPosition} → #${r.newPosition}, lines ${r.oldLine} → ${r.newLine})`);
  }
}

