/**
 * A rule's conditions read into the forms that subsumption compares (src/rules/support/
 * subsumption.ts): address sets, interface patterns, port sets, conntrack state sets, and the
 * remaining matches as canonical keys that must appear identically. Reading is conservative:
 * whatever cannot be read exactly makes the rule unable to cover others (`canCover`), and
 * leaves the rule's own set wider than it is (never narrower) so it can still be covered.
 */
import type { ExtensionNode, OptionNode, RuleSpec } from "../../ast/nodes.js";
import { AddressSet } from "../../model/ip/address-set.js";
import { parseCidrSet } from "../../model/ip/cidr.js";
import type { Family } from "../../model/netfilter.js";
import { ctstateList, stateList } from "../../model/values/conntrack.js";
import { interfaceName, type InterfaceName } from "../../model/values/iface.js";
import { multiportRanges, portRangeFor, x6PortRange, type PortRange } from "../../model/values/port.js";
import { protocolNumber } from "../../model/values/protocol.js";

/** Inclusive port ranges, sorted, disjoint and not adjacent. */
export type PortSet = readonly (readonly [number, number])[];

export interface IfacePattern extends InterfaceName {
  readonly inverted: boolean;
}

export interface Conditions {
  /** False when a condition could not be read exactly or may not match the same packets twice. */
  readonly canCover: boolean;
  /** False when the rule's own options may have been read wrongly (an extension iptlint does not know). */
  readonly judgeable: boolean;
  /** Protocol number; undefined (or 0, `all`) is no test. */
  readonly proto?: { readonly num: number; readonly inverted: boolean };
  /** The addresses matched, `!` applied; a host name leaves every address. */
  readonly src: AddressSet;
  readonly dst: AddressSet;
  readonly in?: IfacePattern;
  readonly out?: IfacePattern;
  /** `-f` (true) or `! -f` (false). */
  readonly fragment?: boolean;
  /** No non-first fragment matches: `! -f`, or a port match (they return false on fragments). */
  readonly nonFragment: boolean;
  /** For each port match, the protocols it accepts (xt_tcpudp, xt_sctp, xt_dccp: one; xt_multiport: five). */
  readonly portProtocols: readonly (readonly number[])[];
  readonly sport: PortSet;
  readonly dport: PortSet;
  /** Each set is one `--ctstate`/`--state` test: the packet has at least one of its bits. */
  readonly ctstates: readonly ReadonlySet<string>[];
  /** Matches and options compared only by identity (sorted canonical keys). */
  readonly others: readonly string[];
}

const ALL_PORTS: PortSet = [[0, 65535]];

/** Matches whose answer for the same packet changes with time, counters or randomness. */
const STATEFUL_MATCHES: ReadonlySet<string> = new Set(["limit", "hashlimit", "recent", "statistic", "quota", "connlimit", "connbytes", "nfacct", "rateest"]);

/** xt_comment's comment_mt returns true: comments never narrow a rule. */
const TRANSPARENT_MATCHES: ReadonlySet<string> = new Set(["comment"]);

const TRANSPORT_PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, udplite: 136, sctp: 132, dccp: 33 };
/** check_proto in libxt_multiport.c / xt_multiport.c. */
const MULTIPORT_PROTOCOLS: readonly number[] = [6, 17, 136, 132, 33];

const tcpPort = portRangeFor("tcp");
const sctpPort = portRangeFor("sctp");
const x6Port = x6PortRange("port", "port");

const ALL_V4 = AddressSet.all("ipv4");
const ALL_V6 = AddressSet.all("ipv6");

function everyAddress(family: Family): AddressSet {
  return family === "ipv4" ? ALL_V4 : ALL_V6;
}

export function isStatefulMatch(name: string): boolean {
  return STATEFUL_MATCHES.has(name);
}

/** Builds conditions step by step; `fail` marks what cannot cover, `blind` what cannot be judged. */
class Reader {
  canCover = true;
  judgeable = true;
  nonFragment = false;
  portProtocols: (readonly number[])[] = [];
  sport: PortSet = ALL_PORTS;
  dport: PortSet = ALL_PORTS;
  ctstates: ReadonlySet<string>[] = [];
  others: string[] = [];

  constructor(readonly family: Family) {}

  address(option: OptionNode | undefined): AddressSet {
    const all = everyAddress(this.family);
    if (!option) return all;
    const text = option.values[0]?.text ?? "";
    const set = parseCidrSet(text, this.family);
    if (set === undefined) {
      // A host name: the kernel resolved it at load time, the dump does not say to what.
      this.canCover = false;
      return all;
    }
    return option.inverted ? set.complement() : set;
  }

  iface(option: OptionNode | undefined): IfacePattern | undefined {
    if (!option) return undefined;
    const parsed = interfaceName(option.values[0]?.text ?? "", { family: this.family });
    if (!parsed.ok) {
      this.canCover = false;
      return undefined;
    }
    return { ...(parsed.value as InterfaceName), inverted: option.inverted };
  }

  protocol(option: OptionNode | undefined): Conditions["proto"] {
    if (!option) return undefined;
    const num = protocolNumber((option.values[0]?.text ?? "").toLowerCase());
    if (num === undefined) {
      this.canCover = false;
      return undefined;
    }
    return num === 0 ? undefined : { num, inverted: option.inverted };
  }

  match(m: ExtensionNode): void {
    if (TRANSPARENT_MATCHES.has(m.name)) return;
    if (!m.spec) {
      // Unknown extension: its options may have been split wrongly, and its meaning is unknown.
      this.canCover = false;
      this.judgeable = false;
      return;
    }
    if (STATEFUL_MATCHES.has(m.spec.name)) {
      this.canCover = false;
      return;
    }
    const transport = TRANSPORT_PROTOCOLS[m.spec.name];
    if (transport !== undefined) return this.transportMatch(m, transport);
    if (m.spec.name === "multiport") return this.multiportMatch(m);
    if (m.spec.name === "conntrack" || m.spec.name === "state") return this.stateMatch(m);
    this.others.push(matchKey(m));
  }

  private transportMatch(m: ExtensionNode, protocol: number): void {
    // tcp_mt, udp_mt, sctp_mt, dccp_mt: `if (par->fragoff != 0) return false;` first.
    this.nonFragment = true;
    this.portProtocols.push([protocol]);
    for (const option of m.options) {
      const ports = option.name === "sport" || option.name === "dport" || option.name === "source-port" || option.name === "destination-port" ? this.portRange(m.spec?.name ?? m.name, option) : undefined;
      if (ports === undefined) {
        this.others.push(`${m.spec?.name ?? m.name} ${optionKey(option)}`);
        continue;
      }
      if (option.name === "sport" || option.name === "source-port") this.sport = intersectPorts(this.sport, ports);
      else this.dport = intersectPorts(this.dport, ports);
    }
  }

  /** The ports one `[!] --sport/--dport` option matches, `!` applied (port_match is `… ^ invert`). */
  private portRange(match: string, option: OptionNode): PortSet | undefined {
    const parse = match === "tcp" ? tcpPort : match === "sctp" ? sctpPort : x6Port;
    const r = parse(option.values[0]?.text ?? "", { family: this.family });
    if (!r.ok) return undefined;
    const { from, to } = r.value as PortRange;
    const set: PortSet = [[Math.min(from, to), Math.max(from, to)]];
    return option.inverted ? complementPorts(set) : set;
  }

  private multiportMatch(m: ExtensionNode): void {
    this.nonFragment = true;
    this.portProtocols.push(MULTIPORT_PROTOCOLS);
    const option = m.options.length === 1 ? m.options[0] : undefined;
    const list = option && (option.name === "sports" || option.name === "dports") ? parsePortList(option.values[0]?.text ?? "") : undefined;
    if (!option || !list) {
      // --ports (either direction) or something unreadable: compared by identity only.
      this.others.push(matchKey(m));
      return;
    }
    const set = option.inverted ? complementPorts(list) : list;
    if (option.name === "sports") this.sport = intersectPorts(this.sport, set);
    else this.dport = intersectPorts(this.dport, set);
  }

  /**
   * `--ctstate`/`--state` alone and not inverted is a state set; anything else about the
   * match (other options, `!`) is compared by identity, because conntrack_mt lets a packet
   * without an entry through on the state test alone and tests the rest only with one.
   */
  private stateMatch(m: ExtensionNode): void {
    const name = m.spec?.name ?? m.name;
    const stateOption = m.options.find((o) => o.name === (name === "state" ? "state" : "ctstate"));
    const states = stateOption && !stateOption.inverted ? (name === "state" ? stateList : ctstateList)(stateOption.values[0]?.text ?? "", { family: this.family }) : undefined;
    // A packet matched by the rule has one of these bits whatever else the match asks.
    if (states?.ok) this.ctstates.push(new Set(states.value as string[]));
    if (!(states?.ok && m.options.length === 1)) this.others.push(matchKey(m));
  }
}

export function readConditions(spec: RuleSpec, family: Family): Conditions {
  const reader = new Reader(family);
  const src = reader.address(spec.source);
  const dst = reader.address(spec.destination);
  const inIface = reader.iface(spec.inInterface);
  const outIface = reader.iface(spec.outInterface);
  const proto = reader.protocol(spec.protocol);
  for (const m of spec.matches) reader.match(m);
  const fragment = spec.fragment ? !spec.fragment.inverted : undefined;
  return {
    canCover: reader.canCover,
    judgeable: reader.judgeable,
    ...(proto ? { proto } : {}),
    src,
    dst,
    ...(inIface ? { in: inIface } : {}),
    ...(outIface ? { out: outIface } : {}),
    ...(fragment !== undefined ? { fragment } : {}),
    nonFragment: reader.nonFragment || fragment === false,
    portProtocols: reader.portProtocols,
    sport: reader.sport,
    dport: reader.dport,
    ctstates: reader.ctstates,
    others: [...reader.others].sort(),
  };
}

/** `! --name value…` as iptables received it. */
function optionKey(o: OptionNode): string {
  return [o.inverted ? "!" : "", `--${o.name}`, ...o.values.map((v) => JSON.stringify(v.text))].filter((w) => w !== "").join(" ");
}

/** A whole match: its name and every option, in the order given. */
function matchKey(m: ExtensionNode): string {
  return [`-m ${m.spec?.name ?? m.name}`, ...m.options.map(optionKey)].join(" ");
}

/** parse_multi_ports_v1 items: `A` or `A:B`, service names allowed. */
function parsePortList(text: string): PortSet | undefined {
  // The list parser refuses a range whose end is below its start (oracle: "invalid portrange").
  const ranges = multiportRanges(text);
  return ranges && normalisePorts(ranges.map((r) => [r.from, r.to] as const));
}

function normalisePorts(ranges: readonly (readonly [number, number])[]): PortSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complementPorts(set: PortSet): PortSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 65535) out.push([next, 65535]);
  return out;
}

function intersectPorts(a: PortSet, b: PortSet): PortSet {
  const out: [number, number][] = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return normalisePorts(out);
}

/** Every port of `inner` is in `outer` (both normalised, so a range of inner lies in one range of outer). */
export function portsWithin(inner: PortSet, outer: PortSet): boolean {
  return inner.every(([lo, hi]) => outer.some(([o0, o1]) => o0 <= lo && hi <= o1));
}
