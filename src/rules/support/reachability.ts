/**
 * The packet-path engine as the lint rules use it: the exposure of every published port and
 * service, computed once per ruleset, and "what would the host's own firewall (INPUT) do with
 * this port" — the comparison behind published-port-bypasses-allowlist.
 */
import { AddressSet } from "../../model/ip/address-set.js";
import { exposure, type ExposureReport, type HostContext } from "../../engine/analysis.js";
import { evaluateArriving, evaluateForward } from "../../engine/pipeline.js";
import { protocolNumber } from "../../model/values/protocol.js";
import type { Ruleset } from "../../model/ruleset.js";
import type { Decider } from "../../engine/walk.js";
import { listOf } from "../../engine/walk.js";
import type { RuleContext } from "../define.js";

const exposures = new WeakMap<Ruleset, ExposureReport>();

export function exposureOf(ctx: RuleContext): ExposureReport {
  let report = exposures.get(ctx.ruleset);
  if (!report) {
    const s = ctx.settings;
    report = exposure(ctx.ruleset, ctx.dump, { outsideOnly: true, ...(s.host ? { given: s.host } : {}), ...(s.externalInterface ? { externalInterface: s.externalInterface } : {}), ...(s.dockerNames ? { names: s.dockerNames } : {}) });
    exposures.set(ctx.ruleset, report);
  }
  return report;
}

export function hostContextOf(ctx: RuleContext): HostContext {
  return exposureOf(ctx).host;
}

export interface InputVerdict {
  /** Sources INPUT would let reach the port on the host, when no DNAT takes the packet away. */
  readonly reachable: AddressSet;
  /** Sources whose fate depends on a match the engine cannot decide. */
  readonly conditional: AddressSet;
  /** The rules and policies that stop the others. */
  readonly deciders: readonly Decider[];
}

/** What INPUT (with the chains it jumps to: ufw, firewalld, fail2ban…) does with new connections to a host port from outside. */
export function inputVerdict(ctx: RuleContext, protocol: string, dport: number): InputVerdict {
  const host = hostContextOf(ctx);
  const family = ctx.ruleset.family;
  const outcomes = evaluateArriving(ctx.ruleset, host.host, { src: AddressSet.all(family), dst: host.externalAddress, proto: protocolNumber(protocol) ?? 6, sport: 40000, dport, in: host.externalInterface }, { withoutNat: true });
  let reachable = AddressSet.empty(family);
  let conditional = AddressSet.empty(family);
  const deciders: Decider[] = [];
  for (const o of outcomes) {
    if (o.fate === "delivered") {
      if (listOf(o.piece.assumptions).length === 0) reachable = reachable.union(o.piece.src);
      else conditional = conditional.union(o.piece.src);
    } else if (o.decider && !deciders.some((d) => d.table === o.decider?.table && d.chain === o.decider.chain && d.line === o.decider.line)) {
      deciders.push(o.decider);
    }
  }
  return { reachable, conditional: conditional.subtract(reachable), deciders };
}

/**
 * Whether a new TCP connection from `src` arriving on `inIface` to `dst:dport` is forwarded
 * ("yes"), stopped on every path ("no"), or depends on matches the engine cannot decide.
 */
export function forwarded(ctx: RuleContext, src: bigint, dst: bigint, inIface: string, dport: number): "yes" | "no" | "depends" {
  const host = hostContextOf(ctx);
  const outcomes = evaluateArriving(ctx.ruleset, host.host, { src: AddressSet.single(ctx.ruleset.family, src), dst, proto: 6, sport: 40000, dport, in: inIface });
  const through = outcomes.filter((o) => o.fate === "forwarded" && o.piece.packet.dst === dst);
  if (through.length === 0) return "no";
  return through.some((o) => listOf(o.piece.assumptions).length === 0) ? "yes" : "depends";
}

/** A port no rule names, so that only the chains' general verdicts decide it. */
const PROBE_PORTS = [4, 6, 8, 10, 12, 14, 16];

const probePorts = new WeakMap<Ruleset, number>();

/** Read once per ruleset: rules ask for it per bridge, and it reads every rule. */
export function probePort(ctx: RuleContext): number {
  let port = probePorts.get(ctx.ruleset);
  if (port === undefined) {
    port = unnamedPort(ctx.ruleset);
    probePorts.set(ctx.ruleset, port);
  }
  return port;
}

function unnamedPort(ruleset: Ruleset): number {
  const named = new Set<number>();
  for (const table of ruleset.tables.values())
    for (const chain of table.chains.values())
      for (const rule of chain.rules)
        for (const match of rule.command.rule.matches)
          for (const option of match.options) for (const w of option.values) for (const n of w.text.split(/[,:-]/)) if (/^\d+$/.test(n)) named.add(Number(n));
  return PROBE_PORTS.find((p) => !named.has(p)) ?? 4;
}


/** What FORWARD does with a new TCP connection between two hosts on one interface (two containers of a bridge). */
export function forwardedWithin(ctx: RuleContext, src: bigint, dst: bigint, iface: string, dport: number): "yes" | "no" | "depends" {
  const host = hostContextOf(ctx);
  const outcomes = evaluateForward(ctx.ruleset, host.host, { src: AddressSet.single(ctx.ruleset.family, src), dst, proto: 6, sport: 40000, dport, in: iface, out: iface });
  const through = outcomes.filter((o) => o.fate === "forwarded");
  if (through.length === 0) return "no";
  return through.some((o) => listOf(o.piece.assumptions).length === 0) ? "yes" : "depends";
}
