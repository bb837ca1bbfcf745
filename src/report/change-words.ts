/**
 * The wording the change gate's text and markdown reports share. Text from dumps (interface
 * and chain names, rule text, file names) goes through `esc`, the format's own escaping.
 */
import type { Blocker, SourceChange, TargetChange, TargetSide } from "../change/exposure-diff.js";
import type { ChangeGate, ChangeReport, ChangeVerdict } from "../change/report.js";
import type { RulesetDiff } from "../diff/ruleset-diff.js";
import { addressBits, AddressSet } from "../model/ip/address-set.js";
import type { Family } from "../model/netfilter.js";

export type Escape = (s: string) => string;

function hostPort(address: string, port: string, family: Family): string {
  return family === "ipv6" ? `[${address}]:${port}` : `${address}:${port}`;
}

/** `tcp 0.0.0.0:8080 → 172.17.0.2:80`, `tcp 22`: where packets go, in NEW (else OLD). */
export function targetName(t: TargetChange, family: Family, esc: Escape): string {
  const s = (t.new ?? t.old) as TargetSide;
  if (t.kind === "service") return `${t.protocol} ${t.port}`;
  const c = s.container;
  const container = c ? hostPort(c.address, c.port ?? s.port, family) : "";
  if (s.routed) return `${t.protocol} ${esc(container)}`;
  return `${t.protocol} ${esc(hostPort(s.hostAddress, s.port, family))}${c ? ` → ${esc(container)}` : ""}`;
}

/** What kind of target, and what changed about it besides its reach. */
export function targetKind(t: TargetChange, family: Family, esc: Escape): string {
  const s = (t.new ?? t.old) as TargetSide;
  const kind = t.kind === "service" ? "host service" : s.routed ? "routed container port" : "published port";
  const bridge = s.container?.bridge ? ` on ${esc(s.container.bridge)}` : "";
  const status =
    t.kind === "service" && t.status === "new" && t.old
      ? "host service, newly accepted by an INPUT rule"
      : t.kind === "service" && t.status === "removed" && t.new
        ? "host service, no longer accepted by an INPUT rule"
        : t.status === "new"
          ? `new ${kind}`
          : t.status === "removed"
            ? `${kind}, gone`
            : kind;
  const moved = t.kind === "published" && t.old && t.new && (t.old.hostAddress !== t.new.hostAddress || t.old.port !== t.new.port) ? `, was ${esc(hostPort(t.old.hostAddress, t.old.port, family))}` : "";
  return `${status}${bridge}${moved}`;
}

export function interfacesText(c: SourceChange, external: string, esc: Escape): string {
  return `${esc(c.interfaces)}${c.outside && c.interfaces === external ? " (external)" : ""}`;
}

export function blockerText(b: Blocker, esc: Escape): string {
  if (b.table && b.chain && b.rule) return `${b.table} ${esc(b.chain)} line ${b.line ?? "?"}: ${esc(b.rule)}`;
  if (b.table && b.chain) return `the policy of ${b.table} ${esc(b.chain)}${b.line !== undefined ? ` (line ${b.line})` : ""}`;
  return esc(b.note ?? "?");
}

/** Only the host itself reaching a target changed. */
export function hostReachText(t: TargetChange): string | undefined {
  // A new or gone target's own line already says it all.
  if (t.status !== "changed") return undefined;
  const before = t.old?.fromHost ?? false;
  const after = t.new?.fromHost ?? false;
  if (before === after) return undefined;
  return after ? "now reachable from the host itself" : "no longer reachable from the host itself";
}

export function ruleCounts(d: RulesetDiff): { added: number; removed: number; moved: number; policies: number; chains: number } {
  const c = { added: 0, removed: 0, moved: 0, policies: 0, chains: 0 };
  for (const t of d.tables) {
    for (const ch of t.chains) {
      if (ch.policy) c.policies++;
      if (ch.status !== "changed") c.chains++;
      for (const r of ch.rules) c[r.kind]++;
    }
  }
  return c;
}

export function ruleCountsText(d: RulesetDiff): string {
  const c = ruleCounts(d);
  return `${c.added} added, ${c.removed} removed, ${c.moved} moved, ${plural(c.policies, "policy", "policies")} changed, ${plural(c.chains, "chain")} created or deleted`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How the versions were compared, in one or two sentences. */
export function comparedText(report: ChangeReport, esc: Escape, code: Escape): string {
  const c = report.compared;
  const whole = "Each file is compared with its earlier version as a whole ruleset, as iptables-restore loads it";
  const exposure = report.exposure ? "; exposure is every published port and INPUT service, per input interface and source address, walked through both versions by the packet-path engine" : "";
  if (c.kind === "files") {
    const f = report.files[0];
    return f ? `Comparing ${code(f.old.name)} (before) with ${code(f.new.name)} (after). ${whole}${exposure}.` : "";
  }
  const target = c.target === "working tree" ? "the working tree" : c.target === "index" ? "the staged changes (index)" : code(c.target);
  const files = plural(report.files.length, "changed ruleset file");
  const moved = report.files.length > 1 ? " A rule moved from one file to another shows as removed from one and added to the other (and is listed as moved)." : "";
  return `Comparing ${target} with ${code(c.base)} (${esc(c.baseCommit.slice(0, 12))}): ${files}. ${whole}${exposure}.${moved}`;
}

export function verdictText(v: ChangeVerdict, gate: ChangeGate): string {
  const parts: string[] = [];
  if (v.moreReachable > 0) parts.push(`${plural(v.moreReachable, "port or service", "ports or services")} more reachable`);
  if (v.newFindings > 0) parts.push(`${plural(v.newFindings, "new finding")} (${v.failingFindings} at or above ${gate.failOn})`);
  if (v.fixedFindings > 0) parts.push(`${plural(v.fixedFindings, "finding")} fixed`);
  if (parts.length === 0) parts.push("nothing more reachable, no new finding");
  return parts.join(", ");
}

/**
 * A set of sources in the fewest words: AddressSet.describe, or the smallest prefix around the
 * set minus its holes when that is shorter (`10.0.0.0/8 except 10.20.0.0/16`, where a widened
 * allowlist gains everything of the new prefix but the old one).
 */
export function sourcesText(set: AddressSet): string {
  const plain = set.describe();
  const first = set.ranges[0];
  const last = set.ranges[set.ranges.length - 1];
  if (!first || !last || set.isAll()) return plain;
  const bits = addressBits(set.family);
  let length = bits;
  while (length > 0 && first[0] >> BigInt(bits - length) !== last[1] >> BigInt(bits - length)) length--;
  const cover = AddressSet.prefix(set.family, first[0], length);
  const holes = cover.subtract(set).toPrefixes();
  if (holes.length === 0 || holes.length + 1 >= set.toPrefixes().length) return plain;
  return `${cover.toPrefixes()[0]} except ${holes.join(", ")}`;
}
