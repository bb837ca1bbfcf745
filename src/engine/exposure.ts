/**
 * "Who can reach this port, and why?" For every published port (Docker's DNAT) and every
 * service port INPUT accepts, the engine walks a packet class per input interface class, with
 * every source address at once, and reports the sources that reach the port, the ones that do
 * not (with the rule or policy that stops them), and the ones whose fate depends on a match it
 * cannot decide.
 */
import type { RuleSpec } from "../ast/nodes.js";
import type { DockerView, PublishedPort } from "../docker/types.js";
import { protocolNumber } from "../model/values/protocol.js";
import type { Ruleset } from "../model/ruleset.js";
import { reachableChains } from "../model/chain-graph.js";
import { AddressSet, formatAddress } from "../model/ip/address-set.js";
import { isLoopbackAddress, parseAddressText } from "../model/ip/addresses.js";
import type { HostFacts } from "./host.js";
import { interfaceClasses, type InterfaceClass } from "./interface-classes.js";
import { InterfaceUniverse } from "./interface-set.js";
import { evaluateArriving, evaluateLocal, type Outcome } from "./pipeline.js";
import { listOf, type Decider } from "./walk.js";
import { listedDestinationPorts } from "./matches/multiport.js";
import { requiredDestinationPorts } from "./matches/ports.js";

/** Protocols whose services exposure probes, by number (`-p 6` is `-p tcp`). */
const SERVICE_PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [6, "tcp"],
  [17, "udp"],
  [132, "sctp"],
]);

export interface ExposureTarget {
  readonly kind: "published" | "service";
  readonly protocol: string;
  /** Where packets are sent: the host address of a published port, the host's own address for a service. */
  readonly hostAddress: string;
  readonly dst: bigint;
  /** The port as written ("8080", "8000:8010"); the engine sends to its first port. */
  readonly port: string;
  readonly dport: number;
  /** Container address and port of a published port; Docker's names for it with --docker-inspect. */
  readonly container?: PortContainer;
  /** The DNAT rule, or the INPUT rule that accepts the service. */
  readonly line?: number;
  readonly published?: PublishedPort;
  /** A routed network's port: reached at the container's own address, no DNAT. */
  readonly routed?: boolean;
}

export interface PortContainer {
  readonly address: string;
  readonly port?: string;
  readonly bridge?: string;
  /** The container's name, image and network (--docker-inspect). */
  readonly name?: string;
  readonly image?: string;
  readonly network?: string;
}

/** Where a published port leads, with Docker's names for it when the view has them. */
function portContainer(port: PublishedPort, containerPort: string | undefined): PortContainer {
  const network = port.owner?.network ?? port.network?.name;
  return {
    address: port.containerAddress,
    ...(containerPort ? { port: containerPort } : {}),
    ...(port.bridge ? { bridge: port.bridge } : {}),
    ...(port.owner ? { name: port.owner.name, ...(port.owner.image ? { image: port.owner.image } : {}) } : {}),
    ...(network !== undefined ? { network } : {}),
  };
}

/** Sources that share a fate on a set of interfaces. */
export interface ReachGroup {
  readonly interfaces: string;
  /** The names the engine gave the packets of this group (one per interface class). */
  readonly classNames: readonly string[];
  readonly reachable: AddressSet;
  /** Reachable only if undecidable matches go one way (see dependsOn). */
  readonly conditional: AddressSet;
  readonly blockedBy: readonly { readonly sources: AddressSet; readonly decider?: Decider; readonly note?: string }[];
  readonly dependsOn: readonly string[];
}

export interface TargetExposure {
  readonly target: ExposureTarget;
  readonly groups: readonly ReachGroup[];
  /** Sources that reach it arriving on the external interface: "from outside". */
  readonly fromOutside: AddressSet;
  /** Whether a process on the host itself reaches it; undefined when not asked. */
  readonly fromHost?: boolean;
}

export interface ExposureOptions {
  /** Only these sources (`--from CIDR`). */
  readonly from?: AddressSet;
  readonly externalInterface: string;
  /** Also walk a packet from the host itself (fromHost). */
  readonly withHost?: boolean;
  /** The classes' universe, shared by all targets of one analysis (its -i masks are cached). */
  readonly universe?: InterfaceUniverse;
}

export function exposureTargets(ruleset: Ruleset, docker: DockerView, externalAddress: bigint): ExposureTarget[] {
  const family = ruleset.family;
  const targets: ExposureTarget[] = [];
  for (const port of docker.ports) {
    const routed = routedTarget(port, family);
    if (routed) targets.push(routed);
    if (!port.dnat || port.hostPort === undefined || port.protocol === "all") continue;
    const dport = Number(port.hostPort.split(":")[0]);
    const anyAddress = port.hostAddress === undefined || port.hostAddress === "0.0.0.0" || port.hostAddress === "::";
    const dst = anyAddress ? externalAddress : parseAddressText(port.hostAddress as string, family);
    if (dst === undefined || !Number.isInteger(dport)) continue;
    targets.push({
      kind: "published",
      protocol: port.protocol,
      hostAddress: port.hostAddress ?? (family === "ipv4" ? "0.0.0.0" : "::"),
      dst,
      port: port.hostPort,
      dport,
      container: portContainer(port, port.containerPort),
      line: port.dnat.line,
      published: port,
    });
  }
  targets.push(...serviceTargets(ruleset, externalAddress));
  return targets;
}

/**
 * A port of a routed (or direct-access) network: no DNAT, the filter ACCEPT names the
 * container's address and port, and packets go to the container address itself.
 */
function routedTarget(port: PublishedPort, family: Ruleset["family"]): ExposureTarget | undefined {
  if (port.dnat || !port.filterAccept || port.protocol === "all" || port.ingress) return undefined;
  const portText = port.containerPort ?? port.hostPort;
  const dst = parseAddressText(port.containerAddress, family);
  const dport = Number(portText?.split(/[:-]/)[0]);
  if (dst === undefined || portText === undefined || !Number.isInteger(dport)) return undefined;
  return {
    kind: "published",
    protocol: port.protocol,
    hostAddress: port.containerAddress,
    dst,
    port: portText,
    dport,
    container: portContainer(port, portText),
    line: port.filterAccept.line,
    routed: true,
    published: port,
  };
}

/** Ports that filter INPUT (and the chains it reaches) accept by --dport or multiport. */
function serviceTargets(ruleset: Ruleset, externalAddress: bigint): ExposureTarget[] {
  const seen = new Set<string>();
  const out: ExposureTarget[] = [];
  const family = ruleset.family;
  const hostAddress = formatAddress(externalAddress, family);
  const chains = reachableChains(ruleset, "filter", "INPUT");
  const table = ruleset.tables.get("filter");
  for (const name of chains) {
    for (const rule of table?.chains.get(name)?.rules ?? []) {
      const jump = rule.command.rule.jump;
      if (jump?.name !== "ACCEPT") continue;
      for (const { protocol, port } of acceptedPorts(rule.command.rule, family)) {
        const key = `${protocol}/${port}`;
        const dport = Number(port.split(":")[0]);
        if (seen.has(key) || !Number.isInteger(dport)) continue;
        seen.add(key);
        out.push({ kind: "service", protocol, hostAddress, dst: externalAddress, port, dport, line: rule.command.line });
      }
    }
  }
  return out;
}

/** The destination ports an ACCEPT rule with `-p tcp|udp|sctp` lets in, read as the engine's matches read them. */
function acceptedPorts(spec: RuleSpec, family: Ruleset["family"]): { protocol: string; port: string }[] {
  const number = spec.protocol && !spec.protocol.inverted ? protocolNumber(spec.protocol.values[0]?.text ?? "") : undefined;
  const protocol = number === undefined ? undefined : SERVICE_PROTOCOLS.get(number);
  if (number === undefined || protocol === undefined) return [];
  const ranges = spec.matches.flatMap((match) => {
    const required = requiredDestinationPorts(match, family);
    if (required) return required.protocol === number ? [required.ports] : [];
    return match.name === "multiport" ? (listedDestinationPorts(match) ?? []) : [];
  });
  return ranges.map(({ from, to }) => ({ protocol, port: from === to ? String(from) : `${from}:${to}` }));
}

export function targetExposure(ruleset: Ruleset, host: HostFacts, target: ExposureTarget, classes: readonly InterfaceClass[], options: ExposureOptions): TargetExposure {
  const family = ruleset.family;
  const proto = protocolNumber(target.protocol) ?? 6;
  const from = options.from ?? AddressSet.all(family);
  // One walk for every interface class at once: the walk splits the classes at each -i test.
  const ins = (options.universe ?? new InterfaceUniverse(classes.map((c) => c.name))).all();
  const outcomes = evaluateArriving(ruleset, host, { src: from, dst: target.dst, proto, sport: 40000, dport: target.dport, in: ins.first(), ins }, { withoutSourceNat: true });
  const byClass = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    for (const name of o.piece.ins?.names() ?? [o.piece.packet.in ?? ""]) {
      const list = byClass.get(name);
      if (list) list.push(o);
      else byClass.set(name, [o]);
    }
  }
  const container = target.container ? parseAddressText(target.container.address, family) : undefined;
  const perClass = classes.map((cls) => ({ cls, ...summarise(byClass.get(cls.name) ?? [], target, container, family) }));
  const groups: ReachGroup[] = [];
  const used = new Set<number>();
  perClass.forEach((a, i) => {
    if (used.has(i)) return;
    // By position: hundreds of classes per target on a host with hundreds of bridges.
    const at: number[] = [];
    perClass.forEach((b, j) => {
      if (!used.has(j) && b.reachable.equals(a.reachable) && b.conditional.equals(a.conditional)) at.push(j);
    });
    at.forEach((j) => used.add(j));
    const members = at.map((j) => perClass[j] as (typeof perClass)[number]);
    groups.push({ interfaces: describeInterfaces(members.map((m) => m.cls), classes), classNames: members.map((m) => m.cls.name), reachable: a.reachable, conditional: a.conditional, blockedBy: a.blockedBy, dependsOn: a.dependsOn });
  });
  // "From outside" is what arrives on the external interface; other interfaces are listed by group.
  const external = perClass.find((p) => p.cls.name === options.externalInterface) ?? perClass.find((p) => p.cls.kind === "other");
  const outside = external?.reachable ?? AddressSet.empty(family);
  if (options.withHost === false) return { target, groups, fromOutside: outside };
  const hostSource = isLoopbackAddress(target.dst, family) ? target.dst : (host.addressOn(options.externalInterface) ?? target.dst);
  const local = evaluateLocal(ruleset, host, { src: AddressSet.single(family, hostSource), dst: target.dst, proto, sport: 40000, dport: target.dport });
  const fromHost = local.some((o) => reachesTarget(o, target, container) && !o.piece.assumptions);
  return { target, groups, fromOutside: outside, fromHost };
}

function summarise(outcomes: readonly Outcome[], target: ExposureTarget, container: bigint | undefined, family: Ruleset["family"]): Omit<ReachGroup, "interfaces" | "classNames"> {
  let reachable = AddressSet.empty(family);
  let conditional = AddressSet.empty(family);
  const blocked = new Map<string, { sources: AddressSet; decider?: Decider; note?: string }>();
  const dependsOn = new Set<string>();
  for (const o of outcomes) {
    const assumptions = listOf(o.piece.assumptions);
    const reaches = reachesTarget(o, target, container);
    if (reaches && assumptions.length === 0) reachable = reachable.union(o.piece.src);
    else if (reaches) {
      conditional = conditional.union(o.piece.src);
      for (const a of assumptions) dependsOn.add(`${a.matches.join(", ")} (line ${a.rule.command.line})`);
    } else {
      const key = o.decider ? `${o.decider.table}/${o.decider.chain}/${o.decider.line ?? "policy"}` : (o.note ?? o.fate);
      const entry = blocked.get(key);
      if (entry) entry.sources = entry.sources.union(o.piece.src);
      else blocked.set(key, { sources: o.piece.src, ...(o.decider ? { decider: o.decider } : {}), ...(o.note ? { note: o.note } : {}) });
    }
  }
  // A source reachable in one branch and not in another is conditional, not reachable.
  conditional = conditional.subtract(reachable);
  return { reachable, conditional, blockedBy: [...blocked.values()], dependsOn: [...dependsOn] };
}

/**
 * A published port is reached when the packet leaves towards the container's address, or is
 * delivered to the host's own port (where docker-proxy listens); a service when it is delivered.
 */
function reachesTarget(o: Outcome, target: ExposureTarget, container: bigint | undefined): boolean {
  if (o.fate === "delivered") return true;
  if (o.fate !== "forwarded" || target.kind !== "published") return false;
  return container !== undefined && o.piece.packet.dst === container;
}

function describeInterfaces(members: readonly InterfaceClass[], all: readonly InterfaceClass[]): string {
  const other = members.find((m) => m.kind === "other");
  if (other) {
    const inGroup = new Set(members);
    const missing = all.filter((c) => !inGroup.has(c));
    return missing.length === 0 ? "any interface" : `any interface but ${missing.map((c) => c.label).join(", ")}`;
  }
  return members.map((m) => m.label).join(", ");
}

export { interfaceClasses };
