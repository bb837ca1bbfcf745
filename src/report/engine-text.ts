/**
 * Text and JSON for `iptlint trace` and `iptlint exposure`. Rule text comes from the dump
 * and is escaped; addresses are printed canonically.
 */
import kleur from "kleur";
import type { ExposureReport } from "../engine/analysis.js";
import type { TraceReport } from "../engine/analysis.js";
import { formatAddress, type AddressSet } from "../model/ip/address-set.js";
import type { TargetExposure } from "../engine/exposure.js";
import type { Outcome } from "../engine/pipeline.js";
import { listOf, type Decider, type Step } from "../engine/walk.js";
import { protocolName } from "../model/values/protocol.js";
import type { SourceLines } from "../source.js";
import { escapeText } from "../text.js";
import type { DockerNames } from "../docker/names.js";
import { containerJsonAt, namedEndpoint, namedInterface, networkJsonOf, portContainerJson, portContainerLine } from "./docker-names-text.js";

function endpoint(address: bigint, port: number | undefined, family: "ipv4" | "ipv6"): string {
  const a = formatAddress(address, family);
  const shown = family === "ipv6" && port !== undefined ? `[${a}]` : a;
  return port === undefined ? shown : `${shown}:${port}`;
}

function lineText(source: SourceLines | undefined, line: number | undefined): string {
  if (!source || line === undefined) return "";
  return escapeText(source.line(line).trim());
}

export function deciderText(d: Decider | undefined, source?: SourceLines): string {
  if (!d) return "";
  if (!d.rule) return `the policy of ${d.table} ${escapeText(d.chain)}${d.line !== undefined ? ` (line ${d.line})` : ""}`;
  return `${d.table} ${escapeText(d.chain)} line ${d.line}${source ? `: ${lineText(source, d.line)}` : ""}`;
}

function fateText(o: Outcome, family: "ipv4" | "ipv6", source?: SourceLines, names?: DockerNames): string {
  const p = o.piece.packet;
  switch (o.fate) {
    case "delivered":
      return `delivered to the host (${endpoint(p.dst, p.dport, family)})`;
    case "forwarded":
      return `forwarded out of ${o.out === undefined ? "?" : namedInterface(o.out, names)} to ${namedEndpoint(endpoint(p.dst, p.dport, family), p.dst, family, names)}${p.conn.snat ? `, source NATed${p.conn.replyDst !== p.src ? ` to ${formatAddress(p.conn.replyDst, family)}` : ""}` : ""}`;
    default:
      return `${o.fate}${o.decider ? ` by ${deciderText(o.decider, source)}` : ""}${o.note ? ` (${o.note})` : ""}${onItsWay(o, family, names)}`;
  }
}

/** A packet stopped after DNAT sent it to a container: which container it was going to (--docker-inspect). */
function onItsWay(o: Outcome, family: "ipv4" | "ipv6", names: DockerNames | undefined): string {
  const p = o.piece.packet;
  if (!names || p.dst === p.conn.origDst) return "";
  const named = namedEndpoint(endpoint(p.dst, p.dport, family), p.dst, family, names);
  return named === endpoint(p.dst, p.dport, family) ? "" : `, on its way to ${named}`;
}

const EVENT_WORD: Readonly<Record<Step["event"], string>> = {
  match: "matched, continue",
  jump: "jump to",
  goto: "goto",
  return: "return",
  verdict: "verdict",
  policy: "policy",
  rewrite: "",
  "assume-match": "cannot decide; this branch assumes it matches:",
  "assume-no-match": "cannot decide; this branch assumes it does not match:",
};

export function traceText(report: TraceReport, family: "ipv4" | "ipv6", source: SourceLines | undefined, colour: boolean): string {
  kleur.enabled = colour;
  const s = report.spec;
  const proto = protocolName(s.proto) ?? String(s.proto);
  const src = report.outcomes[0]?.piece.packet.src ?? s.src.representative() ?? 0n;
  const names = report.names;
  const out = [kleur.bold(`packet: ${proto} ${namedEndpoint(endpoint(src, s.sport, family), src, family, names)} → ${namedEndpoint(endpoint(s.dst, s.dport, family), s.dst, family, names)}, in on ${namedInterface(s.in, names)}, ${s.state ?? "NEW"}`)];
  if (report.host.inferred) out.push(kleur.dim(`host: addresses inferred from the rules (give --addr/--routes for the real ones); external interface ${escapeText(report.host.externalInterface)} with ${formatAddress(report.host.externalAddress, family)}`));
  report.outcomes.forEach((o, i) => {
    if (report.outcomes.length > 1) out.push("", kleur.bold(`branch ${i + 1} of ${report.outcomes.length}`));
    let hook = "";
    for (const step of listOf(o.piece.steps)) {
      if (step.hook !== hook) {
        if (hook === "PREROUTING") out.push(`  ${kleur.cyan("routing")}: ${step.hook === "INPUT" ? "destination is local: INPUT" : "destination is not local: FORWARD"}`);
        hook = step.hook;
        out.push(kleur.cyan(step.hook));
      }
      const where = `${step.table} ${escapeText(step.chain)}${step.line !== undefined ? ` line ${step.line}` : ""}`;
      const what = step.event === "rewrite" ? (step.detail ?? "") : `${EVENT_WORD[step.event]}${step.detail ? ` ${escapeText(step.detail)}` : ""}`;
      out.push(`  ${where}: ${what}`);
      if (step.rule && step.line !== undefined) out.push(kleur.dim(`      ${lineText(source, step.line)}`));
    }
    const fate = o.fate === "delivered" || o.fate === "forwarded" ? kleur.green(fateText(o, family, source, names)) : kleur.red(fateText(o, family, source, names));
    out.push(`${kleur.bold("verdict")}: ${fate}`);
    const assumptions = listOf(o.piece.assumptions);
    if (assumptions.length) out.push(kleur.yellow(`  depends on: ${assumptions.map((a) => `${a.matches.join(", ")} on line ${a.rule.command.line} ${a.assumed ? "matching" : "not matching"}`).join("; ")}`));
  });
  return out.join("\n") + "\n";
}

export function traceJson(report: TraceReport, family: "ipv4" | "ipv6"): object {
  const names = report.names;
  const src = report.spec.src.representative() ?? 0n;
  const sourceContainer = containerJsonAt(src, family, names);
  const destinationContainer = containerJsonAt(report.spec.dst, family, names);
  return {
    packet: { protocol: report.spec.proto, source: formatAddress(src, family), destination: formatAddress(report.spec.dst, family), sport: report.spec.sport, dport: report.spec.dport, in: report.spec.in, state: report.spec.state ?? "NEW", ...(sourceContainer ? { sourceContainer } : {}), ...(destinationContainer ? { destinationContainer } : {}) },
    hostInferred: report.host.inferred,
    outcomes: report.outcomes.map((o) => ({
      fate: o.fate,
      ...(o.out ? { out: o.out } : {}),
      ...(o.out && networkJsonOf(o.out, names) ? { outNetwork: networkJsonOf(o.out, names) } : {}),
      destination: endpoint(o.piece.packet.dst, o.piece.packet.dport, family),
      ...(o.fate === "forwarded" && containerJsonAt(o.piece.packet.dst, family, names) ? { container: containerJsonAt(o.piece.packet.dst, family, names) } : {}),
      ...(o.decider ? { decidedBy: deciderJson(o.decider) } : {}),
      ...(o.note ? { note: o.note } : {}),
      assumptions: listOf(o.piece.assumptions).map((a) => ({ line: a.rule.command.line, matches: a.matches, assumed: a.assumed })),
      steps: listOf(o.piece.steps).map((st) => ({ hook: st.hook, table: st.table, chain: escapeText(st.chain), ...(st.line !== undefined ? { line: st.line } : {}), event: st.event, ...(st.detail ? { detail: escapeText(st.detail) } : {}) })),
    })),
  };
}

function deciderJson(d: Decider): object {
  return { table: d.table, chain: escapeText(d.chain), ...(d.line !== undefined ? { line: d.line } : {}), kind: d.rule ? "rule" : "policy" };
}

function targetTitle(t: TargetExposure, family: "ipv4" | "ipv6"): string {
  const target = t.target;
  const host = family === "ipv6" ? `[${target.hostAddress}]:${target.port}` : `${target.hostAddress}:${target.port}`;
  if (target.kind === "published" && target.container) {
    const c = target.container;
    const container = family === "ipv6" ? `[${c.address}]:${c.port ?? target.port}` : `${c.address}:${c.port ?? target.port}`;
    if (target.routed) return `${target.protocol} ${container}${c.bridge ? ` on ${escapeText(c.bridge)}` : ""} (routed network: reached at the container's address; filter ACCEPT line ${target.line})`;
    return `${target.protocol} ${host} → ${container}${c.bridge ? ` on ${escapeText(c.bridge)}` : ""} (published; DNAT line ${target.line})`;
  }
  return `${target.protocol} ${host} (host service; INPUT accepts it on line ${target.line})`;
}

function setText(set: AddressSet): string {
  return set.describe();
}

export function exposureText(reports: readonly { path: string; report: ExposureReport }[], source: (path: string) => SourceLines | undefined, colour: boolean): string {
  kleur.enabled = colour;
  const out: string[] = [];
  for (const { path, report } of reports) {
    const family = report.family;
    out.push(kleur.bold(`${escapeText(path)} (${family === "ipv4" ? "IPv4" : "IPv6"}): ${report.targets.filter((t) => t.target.kind === "published").length} published port(s), ${report.targets.filter((t) => t.target.kind === "service").length} host service(s)`));
    if (report.host.inferred) out.push(kleur.dim(`  host addresses inferred from the rules; the host's own address is taken as ${formatAddress(report.host.externalAddress, family)} on ${escapeText(report.host.externalInterface)} (give --addr and --routes for the real ones)`));
    for (const t of report.targets) {
      out.push("", targetTitle(t, family));
      const named = portContainerLine(t.target.container);
      if (named) out.push(`  ${named}`);
      out.push(`  from outside (${escapeText(report.host.externalInterface)}): ${t.fromOutside.isEmpty() ? kleur.green("not reachable") : kleur.red(setText(t.fromOutside))}`);
      if (t.fromHost !== undefined) out.push(`  from the host itself: ${t.fromHost ? "reachable" : "not reachable"}`);
      for (const g of t.groups) {
        const reach = g.reachable.isEmpty() ? "nothing" : setText(g.reachable);
        out.push(`  via ${escapeText(g.interfaces)}: reachable from ${reach}`);
        if (!g.conditional.isEmpty()) out.push(kleur.yellow(`    maybe also ${setText(g.conditional)}, depending on ${g.dependsOn.join("; ")}`));
        for (const b of g.blockedBy) out.push(kleur.dim(`    ${b.sources.describe()} stopped by ${b.decider ? deciderText(b.decider, source(path)) : (b.note ?? "?")}`));
      }
    }
    out.push("");
  }
  return out.join("\n");
}

export function exposureJson(reports: readonly { path: string; report: ExposureReport }[]): object {
  return {
    version: 1,
    files: reports.map(({ path, report }) => ({
      path,
      family: report.family,
      hostInferred: report.host.inferred,
      externalInterface: report.host.externalInterface,
      hostAddress: formatAddress(report.host.externalAddress, report.family),
      targets: report.targets.map((t) => ({
        kind: t.target.kind,
        protocol: t.target.protocol,
        hostAddress: t.target.hostAddress,
        port: t.target.port,
        ...(t.target.container ? { container: portContainerJson(t.target.container) } : {}),
        line: t.target.line,
        ...(t.target.routed ? { routed: true } : {}),
        reachableFromOutside: t.fromOutside.toPrefixes(),
        ...(t.fromHost !== undefined ? { reachableFromHost: t.fromHost } : {}),
        groups: t.groups.map((g) => ({
          interfaces: g.interfaces,
          reachable: g.reachable.toPrefixes(),
          reachableText: g.reachable.describe(),
          conditional: g.conditional.toPrefixes(),
          dependsOn: g.dependsOn,
          blocked: g.blockedBy.map((b) => ({ sources: b.sources.toPrefixes(), ...(b.decider ? { by: deciderJson(b.decider) } : {}), ...(b.note ? { note: b.note } : {}) })),
        })),
      })),
    })),
  };
}

