/**
 * The change gate's report as JSON (version 1): the same content as the text report, with
 * address sets as prefix lists and their wording. Text from dumps is escaped.
 */
import type { FileChange } from "../change/compare.js";
import type { Blocker, SourceChange, TargetChange, TargetSide } from "../change/exposure-diff.js";
import type { ChangedFinding } from "../change/finding-diff.js";
import type { ChangeGate, ChangeReport, ChangeVerdict } from "../change/report.js";
import { escapeText } from "../text.js";
import { sourcesText } from "./change-words.js";

const esc = escapeText;

export function changeJson(report: ChangeReport, verdict: ChangeVerdict, gate: ChangeGate, toolVersion: string): string {
  const c = report.compared;
  const out = {
    version: 1,
    tool: { name: "iptlint", version: toolVersion },
    compared: c.kind === "files" ? { kind: "files" } : { kind: "git", base: esc(c.base), baseCommit: c.baseCommit, target: esc(c.target), skipped: c.skipped.map(esc) },
    exposureCompared: report.exposure,
    files: report.files.map(fileJson),
    movedBetweenFiles: report.movedBetweenFiles.map((m) => ({ family: m.family, table: m.table, rule: esc(m.rule), from: { ...m.from, file: esc(m.from.file) }, to: { ...m.to, file: esc(m.to.file) } })),
    verdict: { failOn: gate.failOn, moreReachable: verdict.moreReachable, newFindings: verdict.newFindings, failingFindings: verdict.failingFindings, fixedFindings: verdict.fixedFindings, exitStatus: verdict.status },
  };
  return JSON.stringify(out, null, 2) + "\n";
}

function fileJson(f: FileChange): object {
  return {
    title: esc(f.title),
    old: { ...f.old, name: esc(f.old.name) },
    new: { ...f.new, name: esc(f.new.name) },
    family: f.family,
    notes: f.notes.map(esc),
    ...(f.exposure
      ? {
          exposure: {
            externalInterface: esc(f.exposure.externalInterface),
            hostInferred: f.exposure.hostInferred,
            unchanged: f.exposure.unchanged,
            targets: f.exposure.targets.map(targetJson),
          },
        }
      : {}),
    findings: { added: f.findings.added.map(findingJson), fixed: f.findings.fixed.map(findingJson), unchanged: f.findings.unchanged },
    ...(f.rules ? { rules: { equal: f.rules.equal, tables: f.rules.tables.map((t) => ({ ...t, chains: t.chains.map((ch) => ({ ...ch, chain: esc(ch.chain), rules: ch.rules.map((r) => ({ ...r, rule: esc(r.rule) })) })) })) } } : {}),
  };
}

function targetJson(t: TargetChange): object {
  return {
    status: t.status,
    kind: t.kind,
    protocol: t.protocol,
    port: esc(t.port),
    moreReachable: t.moreReachable,
    ...(t.old ? { old: sideJson(t.old) } : {}),
    ...(t.new ? { new: sideJson(t.new) } : {}),
    gained: t.gained.map(sourcesJson),
    maybeGained: t.maybeGained.map(sourcesJson),
    lost: t.lost.map(sourcesJson),
  };
}

function sideJson(s: TargetSide): object {
  return {
    hostAddress: esc(s.hostAddress),
    port: esc(s.port),
    ...(s.container ? { container: { address: esc(s.container.address), ...(s.container.port ? { port: esc(s.container.port) } : {}), ...(s.container.bridge ? { bridge: esc(s.container.bridge) } : {}) } } : {}),
    ...(s.routed ? { routed: true } : {}),
    ...(s.line !== undefined ? { line: s.line } : {}),
    reachableFromOutside: s.fromOutside.toPrefixes(),
    reachableFromOutsideText: sourcesText(s.fromOutside),
    ...(s.fromHost !== undefined ? { reachableFromHost: s.fromHost } : {}),
  };
}

function sourcesJson(g: SourceChange): object {
  return { interfaces: esc(g.interfaces), classNames: g.classNames.map(esc), outside: g.outside, sources: g.sources.toPrefixes(), sourcesText: sourcesText(g.sources), stoppedBy: g.stoppedBy.map(blockerJson) };
}

function blockerJson(b: Blocker): object {
  return {
    sources: b.sources.toPrefixes(),
    ...(b.table ? { table: b.table } : {}),
    ...(b.chain ? { chain: esc(b.chain) } : {}),
    ...(b.line !== undefined ? { line: b.line } : {}),
    ...(b.rule ? { rule: esc(b.rule) } : {}),
    ...(b.note ? { note: esc(b.note) } : {}),
  };
}

function findingJson(c: ChangedFinding): object {
  const f = c.finding;
  return { code: f.code, name: f.name, severity: f.severity, message: esc(f.message), line: f.span.start.line, column: f.span.start.column, lineText: esc(c.lineText) };
}
