/**
 * Published ports (docker-firewall.md §1 "Published port", §2 era D/E/F for the raw drops,
 * §3 "published port" / "published on loopback"): each nat DNAT in DOCKER (or DOCKER-INGRESS
 * for the swarm routing mesh) joined with the filter ACCEPT for the container port, the
 * per-port hairpin MASQUERADE and the raw PREROUTING drops that guard it. A filter ACCEPT
 * without DNAT is a port too: routed mode publishes the container port directly.
 */
import { type BridgeDraft, bridgesBySubnet } from "./bridges.js";
import { DOCKER_INGRESS } from "./chains.js";
import { rawDirectAccessDrops } from "./eras.js";
import { type FactIndex, type RuleFacts, negated, plain } from "./facts.js";
import { anyAddress, hostOf, isLoopback, parseNatTarget, portKey } from "./net.js";
import type { SubnetIndex } from "./subnet-index.js";
import type { Bridge, PortProblem, PublishedPort } from "./types.js";

const same = (a: string | undefined, b: string | undefined): boolean => portKey(a) === portKey(b);

/** filter DOCKER `-d <ctr> ! -i <br> -o <br> -p P -m P --dport <cport> -j ACCEPT` (not a --link rule, which has `-i <br>`). */
function isPortAccept(f: RuleFacts): boolean {
  return f.target === "ACCEPT" && f.dst !== undefined && !f.dst.inverted && plain(f.out) !== undefined && plain(f.in) === undefined && f.dport !== undefined;
}

/** Rules grouped by a key, in chain order: joins by address/protocol/port stay linear on large dumps. */
function groupBy(rules: readonly RuleFacts[], key: (f: RuleFacts) => string): Map<string, RuleFacts[]> {
  const map = new Map<string, RuleFacts[]>();
  for (const f of rules) {
    const k = key(f);
    const list = map.get(k);
    if (list) list.push(f);
    else map.set(k, [f]);
  }
  return map;
}

const portRuleKey = (address: string, proto: string | undefined, port: string | undefined): string => `${address}|${proto ?? ""}|${portKey(port)}`;

interface Lookups {
  readonly index: FactIndex;
  /** The drafts by subnet: the bridge of a DNAT target without `! -i <br>`. */
  readonly bySubnet: SubnetIndex<string>;
  /** filter DOCKER per-port accepts by container address, protocol and port. */
  readonly accepts: Map<string, RuleFacts[]>;
  readonly acceptList: RuleFacts[];
  /** filter DOCKER-INGRESS accepts by protocol and port. */
  readonly ingressAccepts: Map<string, RuleFacts[]>;
  readonly hairpins: Map<string, RuleFacts[]>;
  /** raw direct-access drops by container address. */
  readonly rawDrops: Map<string, RuleFacts[]>;
  readonly loopbackDrops: Map<string, RuleFacts[]>;
  /** nat-unprotected bridge-wide accepts by bridge. */
  readonly bridgeAccepts: Map<string, RuleFacts[]>;
}

function lookups(index: FactIndex, drafts: readonly BridgeDraft[]): Lookups {
  const acceptList = index.chain("filter", "DOCKER").filter(isPortAccept);
  return {
    index,
    bySubnet: bridgesBySubnet(drafts, index.family),
    accepts: groupBy(acceptList, (f) => portRuleKey(hostOf(f.dst?.value as string), f.proto?.value, f.dport)),
    acceptList,
    ingressAccepts: groupBy(
      index.chain("filter", DOCKER_INGRESS).filter((f) => f.target === "ACCEPT" && f.dport !== undefined && f.ctstate === undefined),
      (f) => portRuleKey("", f.proto?.value, f.dport),
    ),
    // §1 Hairpin: -s <ctr>/32 -d <ctr>/32 -p P --dport <cport> -j MASQUERADE.
    hairpins: groupBy(
      index.chain("nat", "POSTROUTING").filter((f) => f.target === "MASQUERADE" && f.src !== undefined && f.src.value === f.dst?.value && f.dport !== undefined),
      (f) => portRuleKey(hostOf(f.src?.value as string), f.proto?.value, f.dport),
    ),
    rawDrops: groupBy(rawDirectAccessDrops(index), (f) => hostOf(f.dst?.value as string)),
    // 28.0+: raw -d 127.0.0.1/32 ! -i lo -p P --dport <hport> -j DROP.
    // nat-unprotected (28+): `-A DOCKER ! -i <br> -o <br> -j ACCEPT` lets every port in.
    bridgeAccepts: groupBy(
      index.chain("filter", "DOCKER").filter((f) => f.target === "ACCEPT" && negated(f.in) !== undefined && negated(f.in) === plain(f.out) && !f.proto && !f.dst),
      (f) => plain(f.out) as string,
    ),
    loopbackDrops: groupBy(
      index.chain("raw", "PREROUTING").filter((f) => f.target === "DROP" && negated(f.in) === "lo" && f.dst !== undefined),
      (f) => portRuleKey(hostOf(f.dst?.value as string), f.proto?.value, f.dport),
    ),
  };
}

/** raw drops guarding a container port: per container (no --dport, 28.2+) or per port (28.0–28.1). */
function rawDropsFor(l: Lookups, address: string, protocol: string, port: string | undefined): RuleFacts[] {
  return (l.rawDrops.get(address) ?? []).filter((d) => d.dport === undefined || (d.proto?.value === protocol && same(d.dport, port)));
}

/** Ports without their problems, which need the bridges' modes (see withProblems). */
export function findPorts(index: FactIndex, drafts: readonly BridgeDraft[]): PublishedPort[] {
  const l = lookups(index, drafts);
  const used = new Set<RuleFacts>();
  const ports: PublishedPort[] = [];
  for (const [chain, ingress] of [["DOCKER", false], [DOCKER_INGRESS, true]] as const) {
    for (const f of index.chain("nat", chain)) if (f.target === "DNAT" && f.natTo) ports.push(fromDnat(f, ingress, l, used));
  }
  for (const f of l.acceptList) if (!used.has(f)) ports.push(fromAcceptOnly(f, l));
  return ports;
}

function fromDnat(f: RuleFacts, ingress: boolean, l: Lookups, used: Set<RuleFacts>): PublishedPort {
  const family = l.index.family;
  const target = parseNatTarget(f.natTo as string, family);
  const protocol = f.proto?.value ?? "all";
  const containerPort = target.port ?? f.dport;
  const hostAddress = f.dst && !f.dst.inverted ? hostOf(f.dst.value) : anyAddress(family);
  const matching = (ingress ? l.ingressAccepts.get(portRuleKey("", protocol, containerPort)) : l.accepts.get(portRuleKey(target.address, protocol, containerPort))) ?? [];
  // Two host ports mapped to one container port give two identical ACCEPTs: pair them one to one.
  const accept = matching.find((a) => !used.has(a)) ?? matching[0];
  if (accept) used.add(accept);
  const bridge = (!ingress ? negated(f.in) : undefined) ?? (accept ? plain(accept.out) : undefined) ?? l.bySubnet.first(target.address);
  const hairpin = l.hairpins.get(portRuleKey(target.address, protocol, containerPort))?.[0];
  const drops = [...rawDropsFor(l, target.address, protocol, containerPort), ...(l.loopbackDrops.get(portRuleKey(hostAddress, protocol, f.dport)) ?? [])];
  const bridgeAccept = bridge ? l.bridgeAccepts.get(bridge)?.[0]?.ref : undefined;
  return {
    family,
    protocol,
    hostAddress,
    ...(f.dport !== undefined ? { hostPort: f.dport } : {}),
    containerAddress: target.address,
    ...(containerPort !== undefined ? { containerPort } : {}),
    ...(bridge ? { bridge } : {}),
    ingress,
    loopbackOnly: isLoopback(hostAddress, family),
    dnat: f.ref,
    ...(accept ? { filterAccept: accept.ref } : {}),
    ...(bridgeAccept ? { bridgeAccept } : {}),
    ...(hairpin ? { hairpinMasquerade: hairpin.ref } : {}),
    rawDrops: drops.map((d) => d.ref),
    problems: [],
  };
}

function fromAcceptOnly(f: RuleFacts, l: Lookups): PublishedPort {
  const address = hostOf(f.dst?.value as string);
  const protocol = f.proto?.value ?? "all";
  const drops = rawDropsFor(l, address, protocol, f.dport);
  return {
    family: l.index.family,
    protocol,
    containerAddress: address,
    containerPort: f.dport as string,
    bridge: plain(f.out) as string,
    ingress: false,
    loopbackOnly: false,
    filterAccept: f.ref,
    rawDrops: drops.map((d) => d.ref),
    problems: [],
  };
}

const byName = new WeakMap<readonly Bridge[], Map<string, Bridge>>();

/** The first bridge of each name (what `bridges.find` by name gives), built once per list: one lookup per port. */
function bridgesByName(bridges: readonly Bridge[]): Map<string, Bridge> {
  let map = byName.get(bridges);
  if (!map) {
    map = new Map();
    for (const b of bridges) if (!map.has(b.name)) map.set(b.name, b);
    byName.set(bridges, map);
  }
  return map;
}

/**
 * A DNAT without an ACCEPT sends the packet on to whatever FORWARD does next (its policy up
 * to 27.x, Docker's default DROP from 28.0): the port looks published but is not reachable,
 * or only by accident. An ACCEPT without DNAT is normal for a routed bridge only. Neither is
 * judged when the table that would hold the other half is missing from the input.
 */
export function withProblems(port: PublishedPort, bridges: readonly Bridge[], index: FactIndex): PublishedPort {
  const problems: PortProblem[] = [];
  const bridge = port.bridge === undefined ? undefined : bridgesByName(bridges).get(port.bridge);
  const where = `${port.protocol} ${port.containerAddress}:${port.containerPort ?? "?"}`;
  // When Docker's chain itself is gone (a restore flushed the table, §4 pitfall 9) every port
  // lacks its other half: docker-chains-missing reports the cause, not one problem per port.
  if (port.dnat && !port.filterAccept && !port.bridgeAccept && index.hasChain("filter", port.ingress ? "DOCKER-INGRESS" : "DOCKER")) {
    const chain = port.ingress ? "filter DOCKER-INGRESS" : "filter DOCKER";
    problems.push({ code: "dnat-without-filter-accept", message: `DNAT of ${port.hostAddress}:${port.hostPort ?? "*"} to ${where} has no ACCEPT for it in ${chain}` });
  }
  if (!port.dnat && port.filterAccept && index.hasChain("nat", port.ingress ? "DOCKER-INGRESS" : "DOCKER") && bridge?.mode.value !== "routed") {
    problems.push({ code: "filter-accept-without-dnat", message: `ACCEPT for ${where} has no DNAT in nat DOCKER, and bridge ${port.bridge ?? "?"} is not in routed mode` });
  }
  return problems.length > 0 ? { ...port, problems } : port;
}
