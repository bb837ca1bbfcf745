/**
 * One ruleset file before and after a change: the semantic rule diff, the exposure of both
 * versions compared, and the findings that are new or fixed. Pure: the versions come linted
 * (src/cli-support/change-run.ts reads and lints them).
 *
 * A version the kernel would reject (iptables-restore fails, so the host keeps whatever it
 * had) has no exposure to compare: when NEW is rejected its errors are new findings and the
 * exposure is not compared; when OLD was, NEW's exposure is all new. An absent version (a file
 * added or deleted) loads nothing: everything of the other version is new, or gone.
 */
import type { InputFormat } from "../ast/nodes.js";
import { kernelErrors } from "../checks.js";
import { diffRulesets, type RulesetDiff } from "../diff/ruleset-diff.js";
import { dockerView } from "../docker/view.js";
import { externalInterface } from "../docker/external-interface.js";
import { exposure, type ExposureReport, type GivenHost } from "../engine/analysis.js";
import { targetExposure, type ExposureTarget } from "../engine/exposure.js";
import { interfaceClassesOf, type InterfaceClass } from "../engine/interface-classes.js";
import { InterfaceUniverse } from "../engine/interface-set.js";
import { formatAddress } from "../model/ip/address-set.js";
import type { Finding } from "../findings.js";
import type { LintResult } from "../lint.js";
import { familyName, type Family } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";
import type { SourceLines } from "../source.js";
import { compareExposure, type ExposureChange } from "./exposure-diff.js";
import { findingChanges, type FindingChanges } from "./finding-diff.js";

export interface LoadedVersion {
  /** How reports name it: a path, `rules.v4@origin/main`. */
  readonly name: string;
  readonly result: LintResult;
  /** What lint reports for it: after the configuration's rule settings and the dump's suppressions. */
  readonly findings: readonly Finding[];
  readonly source: SourceLines;
}

export interface AbsentVersion {
  readonly name: string;
  readonly absent: true;
}

export type Version = LoadedVersion | AbsentVersion;

export type VersionState = "absent" | "loaded" | "rejected";

export interface VersionSummary {
  readonly name: string;
  readonly state: VersionState;
  readonly format?: InputFormat;
}

export interface FileChange {
  /** How reports head the file: its path (git mode), else NEW's name (OLD's when NEW is absent). */
  readonly title: string;
  readonly old: VersionSummary;
  readonly new: VersionSummary;
  readonly family: Family;
  /** Undefined when a version was rejected: what it would load is not known. */
  readonly rules?: RulesetDiff;
  /** Undefined when not asked for, or when NEW was rejected (notes say why). */
  readonly exposure?: ExposureChange;
  readonly findings: FindingChanges;
  /** What the reader needs to know about how the versions were compared. */
  readonly notes: readonly string[];
}

export interface CompareOptions {
  /** Compare exposure too (`check`, `diff --exposure`); plain `diff` needs only the rules. */
  readonly exposure: boolean;
  /** The host as --addr/--routes describe it, for a family. */
  readonly host?: (family: Family) => GivenHost | undefined;
  /** --external, else the configuration's first external interface. */
  readonly externalInterface?: string;
}

function isAbsent(v: Version): v is AbsentVersion {
  return "absent" in v;
}

function state(v: Version): VersionState {
  if (isAbsent(v)) return "absent";
  return kernelErrors(v.result.findings).length > 0 ? "rejected" : "loaded";
}

function summary(v: Version): VersionSummary {
  return { name: v.name, state: state(v), ...(isAbsent(v) ? {} : { format: v.result.dump.format }) };
}

/** An absent version as a ruleset: no table, so the diff lists every rule of the other one. */
function emptyRuleset(family: Family): Ruleset {
  return { family, format: "save", tables: new Map() };
}

export function compareVersions(oldVersion: Version, newVersion: Version, options: CompareOptions, title?: string): FileChange | { error: string } {
  const a = isAbsent(oldVersion) ? undefined : oldVersion;
  const b = isAbsent(newVersion) ? undefined : newVersion;
  if (!a && !b) return { error: `${oldVersion.name}: neither version exists` };
  const family = (b ?? a)?.result.ruleset.family as Family;
  if (a && b && a.result.ruleset.family !== b.result.ruleset.family) {
    return { error: `${a.name} is ${familyName(a.result.ruleset.family)} and ${b.name} is ${familyName(b.result.ruleset.family)}; compare dumps of one family (--family sets it)` };
  }
  const oldSummary = summary(oldVersion);
  const newSummary = summary(newVersion);
  const notes: string[] = [];
  const rejected = oldSummary.state === "rejected" || newSummary.state === "rejected";
  if (oldSummary.state === "rejected") notes.push(`${oldVersion.name} has errors iptables-restore rejects, so the host never loaded it: its exposure counts as nothing, and rules are not compared`);
  if (newSummary.state === "rejected") notes.push(`${newVersion.name} has errors iptables-restore rejects, so it would not load: exposure and rules are not compared (its errors are listed as new findings)`);
  if (oldSummary.state === "absent") notes.push(`${oldVersion.name} does not exist: everything in ${newVersion.name} is new`);
  if (newSummary.state === "absent") notes.push(`${newVersion.name} does not exist: everything in ${oldVersion.name} is gone from this file`);

  const rules = rejected ? undefined : diffRulesets(a?.result.ruleset ?? emptyRuleset(family), b?.result.ruleset ?? emptyRuleset(family));
  const findings = findingChanges(a, b);
  const exposureChange = options.exposure && newSummary.state !== "rejected" ? compareExposures(oldSummary.state === "loaded" ? a : undefined, b, family, options, notes) : undefined;
  return { title: title ?? (b ?? a)?.name ?? newVersion.name, old: oldSummary, new: newSummary, family, ...(rules ? { rules } : {}), ...(exposureChange ? { exposure: exposureChange } : {}), findings, notes };
}

/**
 * Both versions walked with one external interface and one set of interface classes: the
 * given one (--external, configuration, --routes), else the one NEW's rules point at.
 */
function compareExposures(a: LoadedVersion | undefined, b: LoadedVersion | undefined, family: Family, options: CompareOptions, notes: string[]): ExposureChange {
  const given = options.host?.(family);
  const versions = [a, b].flatMap((v) => (v ? [{ ruleset: v.result.ruleset, dump: v.result.dump, docker: dockerView(v.result.ruleset, v.result.dump) }] : []));
  const guesses = versions.map((v) => externalInterface(v.ruleset, v.docker));
  const chosen = options.externalInterface ?? given?.externalInterface;
  const external = chosen ?? (guesses[guesses.length - 1] as string);
  if (chosen === undefined && new Set(guesses).size > 1) {
    notes.push(`the rules of the two versions point at different external interfaces (${guesses.join(" before, ")} after); both are compared with ${external} as the external interface (--external chooses another)`);
  }
  const classes = interfaceClassesOf(versions, external);
  const query = { classes, externalInterface: external, ...(given ? { given } : {}) };
  const report = (v: LoadedVersion | undefined) => (v ? exposure(v.result.ruleset, v.result.dump, query) : undefined);
  const oldReport = report(a);
  const newReport = report(b);
  const counterpart = (version: "old" | "new", target: ExposureTarget) => {
    const v = version === "old" ? a : b;
    const r = version === "old" ? oldReport : newReport;
    return v && r ? serviceIn(v, r, target, classes) : undefined;
  };
  return compareExposure({ ...(oldReport ? { old: oldReport } : {}), ...(newReport ? { new: newReport } : {}), classes, externalInterface: external, family, counterpart });
}

/** A host service's port walked through a version that has no rule naming it, at that version's own address. */
function serviceIn(v: LoadedVersion, report: ExposureReport, target: ExposureTarget, classes: readonly InterfaceClass[]) {
  const address = report.host.externalAddress;
  const moved: ExposureTarget = { kind: "service", protocol: target.protocol, hostAddress: formatAddress(address, report.family), dst: address, port: target.port, dport: target.dport };
  return targetExposure(v.result.ruleset, report.host.host, moved, classes, { externalInterface: report.host.externalInterface, withHost: true, universe: new InterfaceUniverse(classes.map((c) => c.name)) });
}
