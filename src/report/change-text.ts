/**
 * The change gate's report for a terminal or a log: per file what became more reachable and
 * from where (with what stopped it before), what is no longer reachable, new and fixed
 * findings, and the rule diff; then the verdict. Colour only through kleur.
 */
import kleur from "kleur";
import type { FileChange } from "../change/compare.js";
import type { SourceChange, TargetChange } from "../change/exposure-diff.js";
import type { ChangedFinding } from "../change/finding-diff.js";
import { fileUnchanged, type ChangeGate, type ChangeReport, type ChangeVerdict } from "../change/report.js";
import { escapeText } from "../text.js";
import { blockerText, comparedText, hostReachText, interfacesText, plural, sourcesText, targetKind, targetName, verdictText } from "./change-words.js";
import { familyName } from "../model/netfilter.js";
import { diffText } from "./diff.js";

const esc = escapeText;

export function changeText(report: ChangeReport, verdict: ChangeVerdict, gate: ChangeGate, colour: boolean): string {
  kleur.enabled = colour;
  const out: string[] = [kleur.dim(comparedText(report, esc, esc))];
  if (report.compared.kind === "git" && report.files.length === 0) out.push("", "no ruleset file changed");
  for (const f of report.files) out.push("", ...fileLines(f, colour));
  if (report.movedBetweenFiles.length > 0) {
    out.push("", kleur.bold(`rules moved between files (${report.movedBetweenFiles.length}):`));
    for (const m of report.movedBetweenFiles) {
      out.push(`  ~ ${m.table} ${esc(m.rule)}`, kleur.dim(`      from ${esc(m.from.file)}${m.from.line !== undefined ? ` line ${m.from.line}` : ""} to ${esc(m.to.file)}${m.to.line !== undefined ? ` line ${m.to.line}` : ""}`));
    }
  }
  if (report.compared.kind === "git" && report.compared.skipped.length > 0) {
    out.push("", kleur.dim(`not rulesets (by name and content), not compared: ${report.compared.skipped.map(esc).join(", ")}`));
  }
  const result = verdict.status === 1 ? kleur.red().bold("fail") : kleur.green().bold("pass");
  out.push("", `${result}: ${verdictText(verdict, gate)}`);
  return out.join("\n") + "\n";
}

function fileLines(f: FileChange, colour: boolean): string[] {
  const out = [kleur.bold(`${esc(f.title)} — ${familyName(f.family)}`), kleur.dim(`  before: ${esc(f.old.name)}${f.old.state === "absent" ? " (absent)" : ""}; after: ${esc(f.new.name)}${f.new.state === "absent" ? " (absent)" : ""}`)];
  for (const note of f.notes) out.push(kleur.yellow(`  note: ${esc(note)}`));
  if (fileUnchanged(f)) {
    out.push(`  no change: the same rules in canonical form${f.exposure ? ", the same exposure" : ""}, the same findings`);
    return out;
  }
  if (f.exposure) {
    const external = f.exposure.externalInterface;
    const more = f.exposure.targets.filter((t) => t.moreReachable);
    const rest = f.exposure.targets.filter((t) => !t.moreReachable);
    if (f.exposure.hostInferred) out.push(kleur.dim(`  host addresses inferred from the rules; external interface ${esc(external)} (give --addr and --routes for the real ones)`));
    if (more.length > 0) out.push(kleur.red().bold(`  more reachable (${more.length}):`), ...more.flatMap((t) => targetLines(t, f, external)));
    if (rest.length > 0) out.push(kleur.bold(`  less reachable or otherwise changed (${rest.length}):`), ...rest.flatMap((t) => targetLines(t, f, external)));
    if (f.exposure.targets.length === 0) out.push(`  exposure: no change (${plural(f.exposure.unchanged, "port or service", "ports and services")} reach the same sources)`);
  }
  if (f.findings.added.length > 0) out.push(kleur.bold(`  new findings (${f.findings.added.length}):`), ...f.findings.added.flatMap((c) => findingLines(c, f.new.name)));
  if (f.findings.fixed.length > 0) out.push(kleur.bold(`  fixed findings (${f.findings.fixed.length}):`), ...f.findings.fixed.flatMap((c) => findingLines(c, f.old.name)));
  if (f.rules && !f.rules.equal) {
    out.push(kleur.bold("  rules:"));
    // diffText's own ---/+++ lines name the versions again; the file's title already did.
    const lines = diffText(f.rules, f.old.name, f.new.name, colour).replace(/\n$/, "").split("\n").slice(2);
    out.push(...lines.map((l) => `    ${l}`));
  }
  return out;
}

function targetLines(t: TargetChange, f: FileChange, external: string): string[] {
  const out = [`    ${targetName(t, f.family, esc)} (${targetKind(t, f.family, esc)})`];
  for (const g of t.gained) out.push(kleur.red(`      + reachable from ${sourcesText(g.sources)} via ${interfacesText(g, external, esc)}`), ...stoppedLines(g, "was stopped by"));
  for (const g of t.maybeGained) out.push(kleur.yellow(`      ? maybe reachable from ${sourcesText(g.sources)} via ${interfacesText(g, external, esc)} (depends on a match iptlint cannot decide)`), ...stoppedLines(g, "was stopped by"));
  for (const g of t.lost) out.push(kleur.green(`      - no longer reachable from ${sourcesText(g.sources)} via ${interfacesText(g, external, esc)}`), ...stoppedLines(g, "now stopped by"));
  const host = hostReachText(t);
  if (host) out.push(`      ${host}`);
  return out;
}

function stoppedLines(g: SourceChange, verb: string): string[] {
  return g.stoppedBy.map((b) => kleur.dim(`          ${verb} ${blockerText(b, esc)}${b.sources.equals(g.sources) ? "" : ` (${sourcesText(b.sources)})`}`));
}

function findingLines(c: ChangedFinding, file: string): string[] {
  const f = c.finding;
  const where = `${esc(file)}:${f.span.start.line}:${f.span.start.column}`;
  const out = [`    ${where} ${f.severity} ${f.code} ${f.name}: ${esc(f.message)}`];
  const line = c.lineText.trim();
  if (line !== "") out.push(kleur.dim(`        ${esc(line)}`));
  return out;
}
