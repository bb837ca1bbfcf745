/**
 * The change gate's report in GitHub-flavoured markdown, for a job summary ($GITHUB_STEP_SUMMARY)
 * or a pull-request comment: a heading with the verdict, per file a table of what became
 * reachable and from where, a table of what no longer is, new and fixed findings, and the rule
 * diff folded in a <details> block. Everything from a dump is escaped (./markdown-escape.ts).
 */
import type { FileChange } from "../change/compare.js";
import type { SourceChange, TargetChange } from "../change/exposure-diff.js";
import type { ChangedFinding } from "../change/finding-diff.js";
import { fileUnchanged, type ChangeGate, type ChangeReport, type ChangeVerdict } from "../change/report.js";
import { blockerText, comparedText, hostReachText, interfacesText, ruleCountsText, sourcesText, targetKind, targetName, verdictText } from "./change-words.js";
import { familyName } from "../model/netfilter.js";
import { diffText } from "./diff.js";
import { markdownCode, markdownCodeBlock, markdownText } from "./markdown-escape.js";

const md = markdownText;

export function changeMarkdown(report: ChangeReport, verdict: ChangeVerdict, gate: ChangeGate): string {
  const out: string[] = [`## iptlint change gate: ${verdict.status === 1 ? "fail" : "pass"}`, "", `**${verdictText(verdict, gate)}**`, "", comparedText(report, md, md)];
  if (report.compared.kind === "git" && report.files.length === 0) out.push("", "No ruleset file changed.");
  for (const f of report.files) out.push("", ...fileSection(f));
  if (report.movedBetweenFiles.length > 0) {
    out.push("", "### Rules moved between files", "", "| Table | Rule | From | To |", "|---|---|---|---|");
    for (const m of report.movedBetweenFiles) out.push(`| ${m.table} | ${md(m.rule)} | ${md(m.from.file)}${m.from.line !== undefined ? ` line ${m.from.line}` : ""} | ${md(m.to.file)}${m.to.line !== undefined ? ` line ${m.to.line}` : ""} |`);
  }
  if (report.compared.kind === "git" && report.compared.skipped.length > 0) out.push("", `Not rulesets (by name and content), not compared: ${report.compared.skipped.map(md).join(", ")}`);
  return out.join("\n") + "\n";
}

function fileSection(f: FileChange): string[] {
  const out = [`### ${md(f.title)} (${familyName(f.family)})`, "", `Before: ${md(f.old.name)}${f.old.state === "absent" ? " (absent)" : ""} · after: ${md(f.new.name)}${f.new.state === "absent" ? " (absent)" : ""}`];
  for (const note of f.notes) out.push("", `> ${md(note)}`);
  if (fileUnchanged(f)) return [...out, "", `No change: the same rules in canonical form${f.exposure ? ", the same exposure" : ""}, the same findings.`];
  if (f.exposure) {
    const external = f.exposure.externalInterface;
    const more = f.exposure.targets.filter((t) => t.moreReachable);
    const rest = f.exposure.targets.filter((t) => !t.moreReachable);
    if (more.length > 0) {
      out.push("", "**Newly reachable**", "", "| Port or service | Newly reachable from | Via | Before |", "|---|---|---|---|");
      for (const t of more) out.push(...targetRows(t, f, external, [...t.gained.map((g) => ({ g, maybe: false })), ...t.maybeGained.map((g) => ({ g, maybe: true }))]));
    }
    if (rest.length > 0) {
      out.push("", "**No longer reachable, or otherwise changed**", "", "| Port or service | No longer reachable from | Via | Now |", "|---|---|---|---|");
      for (const t of rest) out.push(...targetRows(t, f, external, t.lost.map((g) => ({ g, maybe: false }))));
    }
    if (f.exposure.targets.length === 0) out.push("", "Exposure: no change.");
    if (f.exposure.hostInferred) out.push("", `<sub>Host addresses inferred from the rules; external interface ${md(external)}. Give \`--addr\` and \`--routes\` for the real ones.</sub>`);
  }
  if (f.findings.added.length > 0) out.push("", `**New findings (${f.findings.added.length})**`, "", ...findingTable(f.findings.added, f.new.name));
  if (f.findings.fixed.length > 0) out.push("", `**Fixed findings (${f.findings.fixed.length})**`, "", ...findingTable(f.findings.fixed, f.old.name));
  if (f.rules && !f.rules.equal) {
    const diff = diffText(f.rules, f.old.name, f.new.name, false).replace(/\n$/, "").split("\n").slice(2, -1);
    // In a diff block GitHub colours lines by their first character: rules added +, removed -.
    const lines = diff.map((l) => l.replace(/^(\s+)([+\-~]) /, "$2$1"));
    out.push("", `<details><summary>Rule changes: ${ruleCountsText(f.rules)}</summary>`, "", markdownCodeBlock(lines.join("\n"), "diff"), "", "</details>");
  }
  return out;
}

/** One row per changed group of sources; the target named on its first row. */
function targetRows(t: TargetChange, f: FileChange, external: string, groups: readonly { g: SourceChange; maybe: boolean }[]): string[] {
  const name = `${markdownCode(targetName(t, f.family, (s) => s))}<br>${md(targetKind(t, f.family, (s) => s))}`;
  const host = hostReachText(t);
  const rows = groups.map(({ g, maybe }, i) => {
    const sources = `${maybe ? "maybe " : ""}${markdownCode(sourcesText(g.sources))}`;
    const stopped = g.stoppedBy.length ? g.stoppedBy.map((b) => `stopped by ${md(blockerText(b, (s) => s))}`).join("<br>") : t.status === "new" && !t.old ? "did not exist" : t.status === "removed" && !t.new ? "gone" : "";
    return `| ${i === 0 ? name : ""} | ${sources} | ${md(interfacesText(g, external, (s) => s))} | ${stopped} |`;
  });
  if (host) rows.push(`| ${rows.length === 0 ? name : ""} | ${host} | | |`);
  // Only its address changed (a published port moved, reaching the same sources).
  if (rows.length === 0) rows.push(`| ${name} | the same sources as before | | |`);
  return rows;
}

function findingTable(list: readonly ChangedFinding[], file: string): string[] {
  const rows = ["| Severity | Rule | Where | Finding |", "|---|---|---|---|"];
  for (const c of list) {
    const f = c.finding;
    const line = c.lineText.trim();
    rows.push(`| ${f.severity} | ${markdownCode(f.code)} ${md(f.name)} | ${md(file)}:${f.span.start.line} | ${md(f.message)}${line ? `<br>${md(line)}` : ""} |`);
  }
  return rows;
}
