/**
 * The change gate's report as JSON (version 1): the same content as the text report, with
 * address sets as prefix lists and their wording. Text from dumps is escaped: every string
 * value goes through escapeStringsReplacer, so no field can be missed.
 */
import type { FileChange } from "../change/compare.js";
import type { Blocker, SourceChange, TargetChange, TargetSide } from "../change/exposure-diff.js";
import type { ChangedFinding } from "../change/finding-diff.js";
import type { ChangeGate, ChangeReport, ChangeVerdict } from "../change/report.js";
import { escapeStringsReplacer } from "../text.js";
import { sourcesText } from "./change-words.js";

export function changeJson(report: ChangeReport, verdict: ChangeVerdict, gate: ChangeGate, toolVersion: string): string {
  const c = report.compared;
  const out = {
    version: 1,
    tool: { name: "iptlint", version: toolVersion },
    compared: c.kind === "files" ? { kind: "files" } : { kind: "git", base: c.base, baseCommit: c.baseCommit, target: c.target, skipped: c.skipped },
    exposureCompared: report.exposure,
    files: report.files.map(fileJson),
    movedBetweenFiles: report.movedBetweenFiles,
    verdict: { failOn: gate.failOn, moreReachable: verdict.moreReachable, newFindings: verdict.newFindings, failingFindings: verdict.failingFindings, fixedFindings: verdict.fixedFindings, exitStatus: verdict.status },
  };
  return JSON.stringify(out, escapeStringsReplacer, 2) + "\n";
}

function fileJson(f: FileChange): object {
  return {
    title: f.title,
    old: f.old,
    new: f.new,
    family: f.family,
    notes: f.notes,
    ...(f.exposure
      ? {
          exposure: {
            externalInterface: f.exposure.externalInterface,
            hostInferred: f.exposure.hostInferred,
            unchanged: f.exposure.unchanged,
            targets: f.exposure.targets.map(targetJson),
          },
        }
      : {}),
    findings: { added: f.findings.added.map(findingJson), fixed: f.findings.fixed.map(findingJson), unchanged: f.findings.unchanged },
    ...(f.rules ? { rules: f.rules } : {}),
  };
}

function targetJson(t: TargetChange): object {
  return {
    status: t.status,
    kind: t.kind,
    protocol: t.protocol,
    port: t.port,
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
    hostAddress: s.hostAddress,
    port: s.port,
    ...(s.container ? { container: { address: s.container.address, ...(s.container.port ? { port: s.container.port } : {}), ...(s.container.bridge ? { bridge: s.container.bridge } : {}) } } : {}),
    ...(s.routed ? { routed: true } : {}),
    ...(s.line !== undefined ? { line: s.line } : {}),
    reachableFromOutside: s.fromOutside.toPrefixes(),
    reachableFromOutsideText: sourcesText(s.fromOutside),
    ...(s.fromHost !== undefined ? { reachableFromHost: s.fromHost } : {}),
  };
}

function sourcesJson(g: SourceChange): object {
  return { interfaces: g.interfaces, classNames: g.classNames, outside: g.outside, sources: g.sources.toPrefixes(), sourcesText: sourcesText(g.sources), stoppedBy: g.stoppedBy.map(blockerJson) };
}

function blockerJson(b: Blocker): object {
  return {
    sources: b.sources.toPrefixes(),
    ...(b.table ? { table: b.table } : {}),
    ...(b.chain ? { chain: b.chain } : {}),
    ...(b.line !== undefined ? { line: b.line } : {}),
    ...(b.rule ? { rule: b.rule } : {}),
    ...(b.note ? { note: b.note } : {}),
  };
}

function findingJson(c: ChangedFinding): object {
  const f = c.finding;
  return { code: f.code, name: f.name, severity: f.severity, message: f.message, line: f.span.start.line, column: f.span.start.column, lineText: c.lineText };
}
