/**
 * Docker's bridges and their settings, read from the rules that name them
 * (docker-firewall.md §3 "Options" table; rule shapes per era in §2).
 *
 * Discovery first (names, subnets, the rules naming each bridge), then - once the published
 * ports are known, because routed mode is recognised partly by their shape - the settings:
 * icc, masquerade, gateway mode and userland proxy.
 */
import { kindOf } from "./other-forwarders.js";
import type { Family } from "../model/netfilter.js";
import { isDockerOwnedChain, DOCKER_INGRESS } from "./chains.js";
import { rawDirectAccessDrops } from "./eras.js";
import { type FactIndex, type RuleFacts, negated, plain } from "./facts.js";
import { hostOf } from "./net.js";
import { bridgeRules, isHairpinMasquerade, isSubnetMasquerade } from "./bridge-rules.js";
import { SubnetIndex } from "./subnet-index.js";
import type { Bridge, BridgeMode, EraId, Evidence, OnOff, PublishedPort, RuleRef, Setting, Subnet } from "./types.js";

/** Interfaces Docker's rules name that are not bridges: loopback (raw/nat loopback rules, WSL2 `loopback0`). */
const NOT_BRIDGES = new Set(["lo", "loopback0"]);

/** The bridge by its name: Docker's own names (§3 "bridge exists / is Docker's"), else one set by com.docker.network.bridge.name. */
function bridgeKind(name: string): Bridge["kind"] {
  if (name === "docker0") return "default";
  if (name === "docker_gwbridge") return "swarm-gateway";
  return /^br-[0-9a-f]{12}$/.test(name) ? "user" : "custom";
}

function looksLikeDockerBridge(name: string): boolean {
  return bridgeKind(name) !== "custom";
}

function usable(name: string | undefined): name is string {
  return name !== undefined && !NOT_BRIDGES.has(name) && !name.endsWith("+");
}

/** Rules whose interfaces are bridges for sure: those in Docker-owned chains and Docker's nat/raw shapes. */
function definiteNames(index: FactIndex): Set<string> {
  const names = new Set<string>();
  const add = (n: string | undefined): void => void (usable(n) && names.add(n));
  for (const table of ["filter", "nat"] as const) {
    for (const [chain] of index.ruleset.tables.get(table)?.chains ?? []) {
      if (!isDockerOwnedChain(table, chain) || chain === DOCKER_INGRESS) continue;
      // A tunnel or another product's bridge in a Docker chain is a user's rule there
      // (user-rule-in-docker-chain), not a Docker bridge: wg0, tun0, virbr0, tailscale0.
      for (const f of index.chain(table, chain)) [f.in?.value, f.out?.value].filter((n) => n === undefined || kindOf(n) === undefined).forEach(add);
    }
  }
  for (const f of index.chain("filter", "FORWARD")) {
    const i = plain(f.in);
    // ≤28.0.0 FORWARD shapes (§2 eras A–E): -o <br> -j DOCKER, -i <br> [!] -o <br>.
    if (f.target === "DOCKER") add(plain(f.out));
    if (i !== undefined && f.out?.value === i) add(i);
  }
  for (const f of index.chain("nat", "POSTROUTING")) {
    if (isSubnetMasquerade(f)) add(negated(f.out));
    if (isHairpinMasquerade(f)) add(plain(f.out));
  }
  for (const f of rawDirectAccessDrops(index)) add(negated(f.in));
  return names;
}

export { isHairpinMasquerade, isSubnetMasquerade };

/** Internal-network drops `! -s <subnet> -o <br>` / `! -d <subnet> -i <br>` (§2 B, D, F; G: DOCKER-INTERNAL). */
function internalDrops(index: FactIndex, bridge: string): RuleFacts[] {
  return [...(bridgeRules(index).internalDrops.get(bridge) ?? [])];
}

export interface BridgeDraft {
  readonly name: string;
  readonly subnets: Subnet[];
  readonly rules: RuleRef[];
  readonly internal: RuleFacts[];
}

/** Every bridge Docker's rules name, with its subnets and rules. */
export function discoverBridges(index: FactIndex): BridgeDraft[] {
  const names = definiteNames(index);
  // Era E FORWARD (`-i <br> -j ACCEPT`) and the conntrack accepts name bridges in FORWARD too;
  // count them only for names Docker uses, since users write such FORWARD rules for other interfaces.
  for (const f of index.chain("filter", "FORWARD")) {
    const n = plain(f.out) ?? plain(f.in);
    if (usable(n) && looksLikeDockerBridge(n)) names.add(n);
  }
  const byInterface = rulesByInterface(index);
  return [...names].map((name) => draft(index, name, byInterface.get(name) ?? []));
}

function draft(index: FactIndex, name: string, rules: RuleRef[]): BridgeDraft {
  const subnets: Subnet[] = [];
  const addSubnet = (cidr: string, via: Subnet["via"], rule: RuleRef): void => {
    if (!subnets.some((s) => s.cidr === cidr)) subnets.push({ cidr, family: index.family, via, rule });
  };
  for (const f of bridgeRules(index).subnetMasquerades.get(name) ?? []) addSubnet(f.src?.value as string, f.target === "SNAT" ? "snat" : "masquerade", f.ref);
  const internal = internalDrops(index, name);
  for (const f of internal) addSubnet((f.src?.inverted ? f.src.value : f.dst?.value) as string, "internal-isolation", f.ref);
  return { name, subnets, rules, internal };
}

/** Rules of the chains Docker writes bridge rules into, by the interfaces they name. */
function rulesByInterface(index: FactIndex): Map<string, RuleRef[]> {
  const byName = new Map<string, RuleRef[]>();
  for (const table of ["raw", "filter", "nat"] as const) {
    for (const [chain] of index.ruleset.tables.get(table)?.chains ?? []) {
      if (chain === "DOCKER-USER" || !(isDockerOwnedChain(table, chain) || ["FORWARD", "PREROUTING", "POSTROUTING"].includes(chain))) continue;
      for (const f of index.chain(table, chain)) {
        for (const name of new Set([f.in?.value, f.out?.value])) {
          if (name === undefined) continue;
          const list = byName.get(name);
          if (list) list.push(f.ref);
          else byName.set(name, [f.ref]);
        }
      }
    }
  }
  return byName;
}

/** The bridges by their subnets, for DNAT targets without `! -i <br>`: the first draft whose subnet holds the address. */
export function bridgesBySubnet(drafts: readonly BridgeDraft[], family: Family): SubnetIndex<string> {
  return new SubnetIndex(family, drafts.flatMap((d) => d.subnets.map((s) => ({ cidr: s.cidr, value: d.name }))));
}

export interface BridgeContext {
  readonly index: FactIndex;
  readonly era: EraId | "none" | "unknown";
  readonly daemonProxy: Setting<OnOff>;
  /** Non-ingress ports by bridge name. */
  readonly ports: ReadonlyMap<string, readonly PublishedPort[]>;
  /** nat DOCKER DNAT rules by line. */
  readonly dnats: ReadonlyMap<number, RuleFacts>;
}

export function bridgeContext(index: FactIndex, era: BridgeContext["era"], daemonProxy: Setting<OnOff>, ports: readonly PublishedPort[]): BridgeContext {
  const byBridge = new Map<string, PublishedPort[]>();
  for (const p of ports) {
    if (p.bridge === undefined || p.ingress) continue;
    const list = byBridge.get(p.bridge);
    if (list) list.push(p);
    else byBridge.set(p.bridge, [p]);
  }
  const dnats = new Map(index.chain("nat", "DOCKER").filter((f) => f.target === "DNAT").map((f) => [f.ref.line, f]));
  return { index, era, daemonProxy, ports: byBridge, dnats };
}

export function finishBridge(d: BridgeDraft, ctx: BridgeContext): Bridge {
  const masq = masquerade(d, ctx.index);
  const mode = gatewayMode(d, ctx, masq);
  const byBridge = bridgeRules(ctx.index);
  const snat = byBridge.subnetMasquerades.get(d.name)?.find((f) => f.target === "SNAT");
  const hairpin = byBridge.hairpinMasquerades.get(d.name)?.[0];
  return {
    name: d.name,
    kind: bridgeKind(d.name),
    family: ctx.index.family,
    subnets: d.subnets,
    icc: icc(d.name, ctx.index),
    masquerade: masq,
    ...(snat?.natTo ? { snatTo: snat.natTo } : {}),
    mode,
    modeAlternatives: modeAlternatives(mode.value, masq.value, ctx),
    userlandProxy: userlandProxy(d.name, ctx, hairpin),
    ...(hairpin ? { hairpinMasquerade: hairpin.ref } : {}),
    endpoints: endpoints(d, ctx),
    rules: d.rules,
  };
}

/**
 * icc (§3 table): `-i <br> -o <br> -j ACCEPT|DROP` in FORWARD (≤28.0.0) or DOCKER-FORWARD
 * (28.0.1+); 28.0.0+ writes icc on as the combined `-i <br> -j ACCEPT`. The first rule that
 * decides bridge-to-same-bridge traffic wins, as the kernel would evaluate them.
 */
function icc(name: string, index: FactIndex): Setting<OnOff> {
  if (!index.hasTable("filter")) return { value: "unknown", evidence: [{ fact: "no filter table", rules: [] }] };
  // FORWARD, then DOCKER-FORWARD: the rules with `-i <name>`, in that order.
  for (const f of bridgeRules(index).forwardByIn.get(name) ?? []) {
    if (f.otherMatches.length > 0 || f.proto || f.src || f.dst || f.ctstate) continue;
    const same = plain(f.out) === name;
    if (same && (f.target === "ACCEPT" || f.target === "DROP")) return { value: f.target === "ACCEPT" ? "on" : "off", evidence: [{ fact: `-i ${name} -o ${name} -j ${f.target}`, rules: [f.ref] }] };
    if (!f.out && f.target === "ACCEPT") return { value: "on", evidence: [{ fact: `-i ${name} -j ACCEPT accepts traffic within the bridge too (28.0+)`, rules: [f.ref] }] };
  }
  return { value: "unknown", evidence: [{ fact: `no -i ${name} rule in FORWARD or DOCKER-FORWARD`, rules: [] }] };
}

/** §3 "masquerade off": no `-s <subnet> ! -o <br> -j MASQUERADE/SNAT`. */
function masquerade(d: BridgeDraft, index: FactIndex): Setting<OnOff> {
  const rules = d.subnets.filter((s) => s.via !== "internal-isolation").map((s) => s.rule);
  if (rules.length > 0) return { value: "on", evidence: [{ fact: `-s <subnet> ! -o ${d.name} -j MASQUERADE/SNAT`, rules }] };
  if (!index.hasTable("nat")) return { value: "unknown", evidence: [{ fact: "no nat table", rules: [] }] };
  return { value: "off", evidence: [{ fact: `no -s <subnet> ! -o ${d.name} MASQUERADE or SNAT rule in nat POSTROUTING`, rules: [] }] };
}

function filterDocker(index: FactIndex, name: string): readonly RuleFacts[] {
  return bridgeRules(index).filterDocker.get(name) ?? [];
}

/**
 * Gateway mode (§3 table, §2 eras D and F): internal by its DROP pair; nat-unprotected by
 * `-A DOCKER ! -i <br> -o <br> -j ACCEPT` (28+); routed by `-A DOCKER -o <br> -p icmp -j ACCEPT`
 * (28+) or, in any era, no MASQUERADE and no DNAT although DOCKER has per-port accepts.
 */
function gatewayMode(d: BridgeDraft, ctx: BridgeContext, masq: Setting<OnOff>): Setting<BridgeMode> {
  if (d.internal.length > 0) return { value: "internal", evidence: [{ fact: "internal-network DROP pair (! -s/! -d <subnet>)", rules: d.internal.map((f) => f.ref) }] };
  const docker = filterDocker(ctx.index, d.name);
  const unprotected = docker.find((f) => negated(f.in) === d.name && f.target === "ACCEPT" && !f.proto && !f.dst);
  if (unprotected) return { value: "nat-unprotected", evidence: [{ fact: `! -i ${d.name} -o ${d.name} -j ACCEPT in DOCKER`, rules: [unprotected.ref] }] };
  const icmp = docker.find((f) => f.target === "ACCEPT" && !f.in && (f.proto?.value === "icmp" || f.proto?.value === "ipv6-icmp"));
  if (icmp) return { value: "routed", evidence: [{ fact: `-o ${d.name} -p icmp -j ACCEPT in DOCKER (28+ routed mode)`, rules: [icmp.ref] }] };
  const mine = ctx.ports.get(d.name) ?? [];
  const accepts = mine.filter((p) => p.filterAccept).map((p) => p.filterAccept as RuleRef);
  const dnats = mine.filter((p) => p.dnat);
  if (masq.value === "off" && accepts.length > 0 && dnats.length === 0) {
    return { value: "routed", evidence: [{ fact: "per-port ACCEPTs but no MASQUERADE and no DNAT for the bridge", rules: accepts }] };
  }
  if (!ctx.index.hasTable("filter") && masq.value === "unknown") return { value: "unknown", evidence: [{ fact: "neither the filter nor the nat table decides", rules: [] }] };
  const evidence: readonly Evidence[] = masq.value === "on" ? masq.evidence : dnats.length > 0 ? [{ fact: "DNAT to the bridge's containers", rules: dnats.map((p) => p.dnat as RuleRef) }] : [{ fact: "no sign of routed, nat-unprotected or internal mode", rules: [] }];
  return { value: "nat", evidence };
}

/** §2 era D: "Nothing else identifies [routed] in 27.x"; §3: isolated looks exactly like internal. */
function modeAlternatives(mode: BridgeMode, masq: OnOff, ctx: BridgeContext): Bridge["modeAlternatives"] {
  const from28 = ctx.era === "E" || ctx.era === "F" || ctx.era === "G" || ctx.era === "unknown";
  if (mode === "internal" && from28) return ["isolated"];
  if (mode === "nat" && masq === "off" && !from28) return ["routed"];
  return [];
}

/**
 * userland-proxy (§1 "Hairpin", §3 table): DNAT rules with `! -i <br>` mean on, without mean
 * off; the per-bridge hairpin MASQUERADE means off - except on docker_gwbridge, which swarm
 * always gives one (moby-*-swarm-portmap). Else the daemon-wide nat OUTPUT jump decides.
 */
function userlandProxy(name: string, ctx: BridgeContext, hairpin: RuleFacts | undefined): Setting<OnOff> {
  const dnats = (ctx.ports.get(name) ?? []).flatMap((p) => (p.dnat ? [ctx.dnats.get(p.dnat.line)] : [])).filter((f): f is RuleFacts => f !== undefined && !plain(f.in));
  const excluding = dnats.filter((f) => negated(f.in) === name);
  if (excluding.length > 0) return { value: "on", evidence: [{ fact: `DNAT rules skip traffic from ${name} (! -i ${name})`, rules: excluding.map((f) => f.ref) }] };
  if (dnats.length > 0) return { value: "off", evidence: [{ fact: `DNAT rules apply to traffic from ${name} too (no ! -i ${name})`, rules: dnats.map((f) => f.ref) }] };
  if (hairpin && name !== "docker_gwbridge") return { value: "off", evidence: [{ fact: `hairpin MASQUERADE -o ${name} --src-type LOCAL`, rules: [hairpin.ref] }] };
  return ctx.daemonProxy;
}

/** Container addresses in per-container rules: filter DOCKER accepts, raw drops, DNAT targets. */
function endpoints(d: BridgeDraft, ctx: BridgeContext): Bridge["endpoints"] {
  const byAddress = new Map<string, RuleRef[]>();
  const add = (address: string, ref: RuleRef): void => {
    const list = byAddress.get(address) ?? [];
    if (!list.some((r) => r.line === ref.line)) list.push(ref);
    byAddress.set(address, list);
  };
  for (const f of filterDocker(ctx.index, d.name)) if (f.dst && !f.dst.inverted) add(hostOf(f.dst.value), f.ref);
  for (const f of bridgeRules(ctx.index).rawDrops.get(d.name) ?? []) if (f.dst) add(hostOf(f.dst.value), f.ref);
  for (const p of ctx.ports.get(d.name) ?? []) if (p.dnat) add(p.containerAddress, p.dnat);
  return [...byAddress].map(([address, rules]) => ({ address, rules }));
}
