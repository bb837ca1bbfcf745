/**
 * The exposure of two versions of a ruleset compared: which published ports and host services
 * became reachable from more sources, from fewer, which appeared and which went away. Both
 * versions must have been walked with the same input-interface classes (interfaceClassesOf),
 * so that "via eth0" means the same packets on both sides.
 *
 * Reachability is per interface class and source address: a port reachable from 10.0.0.0/8
 * on eth0 before and from 0.0.0.0/0 on eth0 after gained "0.0.0.0/0 except 10.0.0.0/8 via
 * eth0". Sources the engine could only call reachable if an undecidable match goes one way
 * ("maybe") count as gained too when they were not reachable before: a change gate errs on the
 * side of showing the reviewer.
 */
import type { ExposureReport } from "../engine/analysis.js";
import type { ExposureTarget, ReachGroup, TargetExposure } from "../engine/exposure.js";
import type { InterfaceClass } from "../engine/interface-classes.js";
import { printRule } from "../format/print.js";
import { AddressSet } from "../model/ip/address-set.js";
import type { Family, TableName } from "../model/netfilter.js";

/** What stopped some sources before (for gained sources) or stops them now (for lost ones). */
export interface Blocker {
  readonly sources: AddressSet;
  readonly table?: TableName;
  readonly chain?: string;
  /** Source line of the deciding rule or of the chain's policy, in the version it belongs to. */
  readonly line?: number;
  /** The deciding rule in canonical form; absent for a policy or a routing decision. */
  readonly rule?: string;
  /** Why, when no rule decided (routing, a martian source). */
  readonly note?: string;
}

/** Sources that gained or lost a target on some interface classes. */
export interface SourceChange {
  /** The classes, in words: `eth0`, `any interface`, `any interface but docker0`. */
  readonly interfaces: string;
  readonly classNames: readonly string[];
  /** The external interface is among them: the change is seen from outside the host. */
  readonly outside: boolean;
  readonly sources: AddressSet;
  /** Gained: what stopped these sources in OLD. Lost: what stops them in NEW. */
  readonly stoppedBy: readonly Blocker[];
}

export interface TargetSide {
  readonly hostAddress: string;
  readonly port: string;
  readonly container?: ExposureTarget["container"];
  readonly routed?: boolean;
  /** The DNAT rule or the INPUT rule that accepts the service, in this version. */
  readonly line?: number;
  readonly fromOutside: AddressSet;
  readonly fromHost?: boolean;
}

export interface TargetChange {
  /**
   * new: only NEW has it (a DNAT, or an INPUT rule accepting the port); removed: only OLD has
   * it; changed: both, with different reach. A host service only one version names has the
   * other version's side too, walked through that version (ExposureSides.counterpart).
   */
  readonly status: "new" | "removed" | "changed";
  readonly kind: ExposureTarget["kind"];
  readonly protocol: string;
  readonly port: string;
  readonly old?: TargetSide;
  readonly new?: TargetSide;
  readonly gained: readonly SourceChange[];
  /** Sources that may reach it in NEW (undecidable matches) and could not in OLD. */
  readonly maybeGained: readonly SourceChange[];
  readonly lost: readonly SourceChange[];
  /** True when anything reaches it that did not before (gained, maybe gained, or the host itself). */
  readonly moreReachable: boolean;
}

export interface ExposureChange {
  readonly family: Family;
  readonly externalInterface: string;
  /** The host's addresses were inferred from the rules (no --addr). */
  readonly hostInferred: boolean;
  /** Only the targets whose reach changed, NEW's order first, then what only OLD had. */
  readonly targets: readonly TargetChange[];
  /** Targets present in both versions with the same reach. */
  readonly unchanged: number;
}

/** The reach of one target on one interface class. */
interface ClassReach {
  readonly reachable: AddressSet;
  readonly conditional: AddressSet;
  readonly blockedBy: ReachGroup["blockedBy"];
}

export interface ExposureSides {
  /** Undefined when OLD loads nothing (an added file, or one the kernel rejected). */
  readonly old?: ExposureReport;
  readonly new?: ExposureReport;
  readonly classes: readonly InterfaceClass[];
  readonly externalInterface: string;
  readonly family: Family;
  /**
   * A host service only one version has a rule for, walked through the other version: a
   * port is a port, and whether it is reachable is the ruleset's business, whether or not an
   * ACCEPT names it (a new `--dport 8443 -j ACCEPT` on a host whose INPUT policy is ACCEPT
   * opens nothing). Published ports have no counterpart: without its DNAT a port is not
   * published.
   */
  readonly counterpart?: (version: "old" | "new", target: ExposureTarget) => TargetExposure | undefined;
}

export function compareExposure(sides: ExposureSides): ExposureChange {
  const oldTargets = sides.old?.targets ?? [];
  const newTargets = sides.new?.targets ?? [];
  const pairs = pairTargets(oldTargets, newTargets);
  const targets: TargetChange[] = [];
  let unchanged = 0;
  for (const [a0, b0] of pairs) {
    const status = !a0 ? "new" : !b0 ? "removed" : "changed";
    const a = a0 ?? (b0?.target.kind === "service" ? sides.counterpart?.("old", b0.target) : undefined);
    const b = b0 ?? (a0?.target.kind === "service" ? sides.counterpart?.("new", a0.target) : undefined);
    const change = compareTarget(a, b, status, sides);
    if (change) targets.push(change);
    else unchanged++;
  }
  const hostInferred = (sides.new ?? sides.old)?.host.inferred ?? true;
  return { family: sides.family, externalInterface: sides.externalInterface, hostInferred, targets, unchanged };
}

/** Same kind, protocol, port and host address (a service's is the host's own, so not compared). */
function exactKey(t: ExposureTarget): string {
  return `${t.kind}|${t.protocol}|${t.port}|${t.kind === "published" ? t.hostAddress : ""}|${t.routed ? "routed" : ""}`;
}

/** The same port published on another address (127.0.0.1 → 0.0.0.0) is the same target, moved. */
function looseKey(t: ExposureTarget): string {
  return `${t.kind}|${t.protocol}|${t.port}`;
}

type Pair = readonly [TargetExposure | undefined, TargetExposure | undefined];

function pairTargets(oldTargets: readonly TargetExposure[], newTargets: readonly TargetExposure[]): Pair[] {
  const matched = new Map<TargetExposure, TargetExposure>();
  const unmatchedOld = [...oldTargets];
  for (const key of [exactKey, looseKey]) {
    for (const b of newTargets) {
      if (matched.has(b)) continue;
      const i = unmatchedOld.findIndex((a) => key(a.target) === key(b.target));
      if (i < 0) continue;
      matched.set(b, unmatchedOld[i] as TargetExposure);
      unmatchedOld.splice(i, 1);
    }
  }
  return [...newTargets.map((b): Pair => [matched.get(b), b]), ...unmatchedOld.map((a): Pair => [a, undefined])];
}

function reachByClass(t: TargetExposure | undefined, family: Family): (name: string) => ClassReach {
  const byName = new Map<string, ClassReach>();
  for (const g of t?.groups ?? []) for (const name of g.classNames) byName.set(name, { reachable: g.reachable, conditional: g.conditional, blockedBy: g.blockedBy });
  const nothing: ClassReach = { reachable: AddressSet.empty(family), conditional: AddressSet.empty(family), blockedBy: [] };
  return (name) => byName.get(name) ?? nothing;
}

function compareTarget(a: TargetExposure | undefined, b: TargetExposure | undefined, status: TargetChange["status"], sides: ExposureSides): TargetChange | undefined {
  const target = (b ?? a)?.target as ExposureTarget;
  const family = sides.family;
  const before = reachByClass(a, family);
  const after = reachByClass(b, family);
  const gained: PerClass[] = [];
  const maybe: PerClass[] = [];
  const lost: PerClass[] = [];
  for (const cls of sides.classes) {
    const x = before(cls.name);
    const y = after(cls.name);
    const wasAny = x.reachable.union(x.conditional);
    const isAny = y.reachable.union(y.conditional);
    gained.push({ cls, sources: y.reachable.subtract(x.reachable), blockers: x.blockedBy });
    maybe.push({ cls, sources: y.conditional.subtract(wasAny), blockers: x.blockedBy });
    lost.push({ cls, sources: wasAny.subtract(isAny), blockers: y.blockedBy });
  }
  const oldSide = a ? side(a) : undefined;
  const newSide = b ? side(b) : undefined;
  const change = {
    // A target only one version has was stopped by nothing in the other: it did not exist there.
    gained: grouped(gained, sides, a !== undefined),
    maybeGained: grouped(maybe, sides, a !== undefined),
    lost: grouped(lost, sides, b !== undefined),
  };
  const hostGained = newSide?.fromHost === true && oldSide?.fromHost !== true;
  const hostChanged = (oldSide?.fromHost ?? false) !== (newSide?.fromHost ?? false);
  // A service's address is the host's own (inferred per version); a published port's is its own.
  const addressChanged = target.kind === "published" && oldSide && newSide && (oldSide.hostAddress !== newSide.hostAddress || oldSide.port !== newSide.port);
  // Both walked (a pair, or a service and its counterpart) and nothing changed: not a change.
  if (a && b && !change.gained.length && !change.maybeGained.length && !change.lost.length && !hostChanged && !addressChanged) return undefined;
  return {
    status,
    kind: target.kind,
    protocol: target.protocol,
    port: target.port,
    ...(oldSide ? { old: oldSide } : {}),
    ...(newSide ? { new: newSide } : {}),
    ...change,
    moreReachable: change.gained.length > 0 || change.maybeGained.length > 0 || hostGained,
  };
}

function side(t: TargetExposure): TargetSide {
  const x = t.target;
  return {
    hostAddress: x.hostAddress,
    port: x.port,
    ...(x.container ? { container: x.container } : {}),
    ...(x.routed ? { routed: true } : {}),
    ...(x.line !== undefined ? { line: x.line } : {}),
    fromOutside: t.fromOutside,
    ...(t.fromHost !== undefined ? { fromHost: t.fromHost } : {}),
  };
}

interface PerClass {
  readonly cls: InterfaceClass;
  readonly sources: AddressSet;
  /** The blockers of the version that did not (or no longer does) let these sources in. */
  readonly blockers: ReachGroup["blockedBy"];
}

/** Classes with the same changed sources, as one line: "0.0.0.0/0 via eth0, other interfaces". */
function grouped(perClass: readonly PerClass[], sides: ExposureSides, withBlockers: boolean): SourceChange[] {
  const groups = new Map<string, PerClass[]>();
  for (const p of perClass) {
    if (p.sources.isEmpty()) continue;
    const key = p.sources.key();
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((members) => {
    const sources = (members[0] as PerClass).sources;
    const classes = members.map((m) => m.cls);
    return {
      interfaces: describeClasses(classes, sides.classes),
      classNames: classes.map((c) => c.name),
      outside: classes.some((c) => c.name === sides.externalInterface),
      sources,
      stoppedBy: withBlockers ? blockers(members, sources, sides.family) : [],
    };
  });
}

/** The deciders that stopped (or stop) some of `sources`, merged over the classes of a group. */
function blockers(members: readonly PerClass[], sources: AddressSet, family: Family): Blocker[] {
  const byKey = new Map<string, Blocker>();
  for (const m of members) {
    for (const b of m.blockers) {
      const hit = b.sources.intersect(sources);
      if (hit.isEmpty()) continue;
      const d = b.decider;
      const key = d ? `${d.table}/${d.chain}/${d.line ?? "policy"}` : (b.note ?? "?");
      const known = byKey.get(key);
      if (known) {
        byKey.set(key, { ...known, sources: known.sources.union(hit) });
        continue;
      }
      byKey.set(key, {
        sources: hit,
        ...(d ? { table: d.table, chain: d.chain } : {}),
        ...(d?.line !== undefined ? { line: d.line } : {}),
        ...(d?.rule ? { rule: printRule(d.rule, family).join(" | ") } : {}),
        ...(b.note ? { note: b.note } : {}),
      });
    }
  }
  return [...byKey.values()];
}

/** As the exposure report says it: `eth0, docker0`, `any interface`, `any interface but docker0`. */
function describeClasses(members: readonly InterfaceClass[], all: readonly InterfaceClass[]): string {
  if (members.some((m) => m.kind === "other")) {
    const missing = all.filter((c) => !members.includes(c));
    return missing.length === 0 ? "any interface" : `any interface but ${missing.map((c) => c.label).join(", ")}`;
  }
  return members.map((m) => m.label).join(", ");
}
