/** `iptlint rules` (one line per code) and `iptlint explain CODE|NAME` (the full text). */
import { CHECKS, type CheckInfo } from "../checks.js";
import type { LintRule } from "../rules/define.js";
import { LINT_RULES } from "../rules/index.js";

type Entry = CheckInfo | LintRule;

function allEntries(): Entry[] {
  return [...Object.values(CHECKS), ...LINT_RULES].sort((a, b) => a.code.localeCompare(b.code));
}

export function rulesTable(): string {
  const rows = allEntries().map((e) => [e.code, e.name, e.severity, e.summary]);
  const width = (i: number) => Math.max(...rows.map((r) => (r[i] as string).length));
  return rows.map((r) => `${(r[0] as string).padEnd(width(0))}  ${(r[1] as string).padEnd(width(1))}  ${(r[2] as string).padEnd(width(2))}  ${r[3]}`).join("\n") + "\n";
}

export function explain(codeOrName: string): string | undefined {
  const key = codeOrName.trim();
  const entry = allEntries().find((e) => e.code === key.toUpperCase() || e.name === key);
  if (!entry) return undefined;
  const lines = [`${entry.code} ${entry.name} (${entry.severity})`, "", `${entry.summary}.`];
  if ("docs" in entry) {
    lines.push("", "Why", `  ${entry.docs.why}`);
    if (entry.docs.exceptions) lines.push("", "When it is fine", `  ${entry.docs.exceptions}`);
    lines.push("", "Example that fires it", indent(entry.docs.bad), "", "Fixed", indent(entry.docs.good), "", "References", ...entry.docs.references.map((r) => `  ${r}`));
  } else {
    lines.push("", "Reported by the parser or the ruleset model: the kernel's iptables-restore rejects (or, for warnings and info, notes) what it describes.");
  }
  return lines.join("\n") + "\n";
}

function indent(text: string): string {
  return text.replace(/\n$/, "").split("\n").map((l) => `  ${l}`).join("\n");
}

export function suggestCode(key: string): string[] {
  return allEntries().filter((e) => e.name.includes(key.toLowerCase()) || e.code.includes(key.toUpperCase())).map((e) => `${e.code} ${e.name}`);
}
