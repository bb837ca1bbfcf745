/**
 * Does a rule's match part match a packet? The base matches as ip_packet_match
 * (net/ipv4/netfilter/ip_tables.c) and ip6_packet_match (ip6_tables.c) test them, then every
 * `-m` match in order; all must hold (an undecidable one leaves the rule undecidable unless a
 * later one says no). Each rule is compiled once: its option values are parsed on the first
 * packet and kept in WeakMaps keyed by the AST nodes, as a 100k-rule dump is asked about
 * many packets.
 */
import type { ExtensionNode, OptionNode, RuleSpec } from "../ast/nodes.js";
import { hostOrNetworkList, type ParsedHostMask } from "../model/values/address.js";
import { interfaceName, type InterfaceName } from "../model/values/iface.js";
import { protocolNumber } from "../model/values/protocol.js";
import type { Family } from "../model/netfilter.js";
import { inNetwork, networkOf, type Network } from "../model/ip/addresses.js";
import type { MatchContext } from "./match-types.js";
import { MATCH_EVALUATORS } from "./matches/index.js";
import type { Packet } from "./packet.js";
import type { Tri } from "./tri.js";

export interface RuleMatchResult {
  readonly result: Tri;
  /**
   * The clauses that left the answer undecided, as written (`-m set --match-set bl src`),
   * empty unless result is "unknown". Dump text: escape it before printing it.
   */
  readonly unknown: readonly string[];
}

/** One test of the rule with the words to name it by when it cannot decide. */
export interface Clause {
  readonly test: (ctx: MatchContext) => Tri;
  readonly label: () => string;
}

const MATCHED: RuleMatchResult = Object.freeze({ result: true, unknown: Object.freeze([]) as readonly string[] });
const NOT_MATCHED: RuleMatchResult = Object.freeze({ result: false, unknown: Object.freeze([]) as readonly string[] });

export function matchRule(spec: RuleSpec, ctx: MatchContext): RuleMatchResult {
  const clauses = compiledRule(spec, ctx.packet.family);
  let unknown: string[] | undefined;
  for (const clause of clauses) {
    const r = clause.test(ctx);
    if (r === false) return NOT_MATCHED;
    if (r === "unknown") (unknown ??= []).push(clause.label());
  }
  return unknown === undefined ? MATCHED : { result: "unknown", unknown };
}

const compiledRules = new WeakMap<RuleSpec, readonly Clause[]>();

/** The rule's clauses, built on first use; exported so tests can see that they are kept. */
export function compiledRule(spec: RuleSpec, family: Family): readonly Clause[] {
  let clauses = compiledRules.get(spec);
  if (clauses === undefined) {
    clauses = [...baseClauses(spec, family), ...spec.matches.map((m) => extensionClause(m))];
    compiledRules.set(spec, clauses);
  }
  return clauses;
}

function baseClauses(spec: RuleSpec, family: Family): Clause[] {
  const parts: Array<[OptionNode | undefined, (o: OptionNode, f: Family) => Clause]> = [
    [spec.source, addressClause((p) => p.src)],
    [spec.destination, addressClause((p) => p.dst)],
    [spec.inInterface, interfaceClause((p) => p.in)],
    [spec.outInterface, interfaceClause((p) => p.out)],
    [spec.protocol, protocolClause],
    [spec.fragment, fragmentClause],
  ];
  return parts.flatMap(([option, build]) => (option === undefined ? [] : [cachedClause(option, family, build)]));
}

const optionClauses = new WeakMap<OptionNode, Clause>();

function cachedClause(option: OptionNode, family: Family, build: (o: OptionNode, f: Family) => Clause): Clause {
  let clause = optionClauses.get(option);
  if (clause === undefined) {
    clause = build(option, family);
    optionClauses.set(option, clause);
  }
  return clause;
}

/** `[!] -s` as the user wrote it, for the unknown list. */
function optionLabel(option: OptionNode): string {
  const words = [option.inverted ? "!" : "", option.flag.raw, ...option.values.map((v) => v.raw)];
  return words.filter((w) => w !== "").join(" ");
}

function clauseOf(option: OptionNode, test: (ctx: MatchContext) => Tri): Clause {
  return { test, label: () => optionLabel(option) };
}

const UNKNOWN_TEST = (): Tri => "unknown";

/**
 * `[!] -s/-d LIST`: `(addr & mask) != net` with `!` (IPT_INV_SRCIP / IPT_INV_DSTIP). A list
 * is several rules to iptables (one per address, and `!` is refused with a list); as one
 * clause it is their OR. A host name was resolved when the rule was loaded: the dump does
 * not say to which address, so it is undecidable.
 */
function addressClause(read: (p: Packet) => bigint) {
  return (option: OptionNode, family: Family): Clause => {
    const parsed = hostOrNetworkList(option.values[0]?.text ?? "", { family });
    if (!parsed.ok) return clauseOf(option, UNKNOWN_TEST);
    const networks = (parsed.value as ParsedHostMask[]).map((item) => networkOf(item, family));
    const known = networks.filter((n): n is Network => n !== undefined);
    const hasName = known.length < networks.length;
    const inverted = option.inverted;
    return clauseOf(option, ({ packet }) => {
      const addr = read(packet);
      for (const network of known) if (inNetwork(network, addr)) return !inverted;
      return hasName ? "unknown" : inverted;
    });
  };
}

/**
 * `[!] -i/-o NAME`: ifname_compare_aligned compares the device name under the mask iptables
 * built: the whole name and its terminating NUL, or only the prefix before a final `+`.
 * A packet without that device (no input for a local packet, no output before routing) is
 * compared as the empty name, so it never matches a name and always matches `+`.
 */
function interfaceClause(read: (p: Packet) => string | undefined) {
  return (option: OptionNode, family: Family): Clause => {
    const parsed = interfaceName(option.values[0]?.text ?? "", { family });
    if (!parsed.ok) return clauseOf(option, UNKNOWN_TEST);
    const { name, wildcard } = parsed.value as InterfaceName;
    const inverted = option.inverted;
    const matches = wildcard ? (dev: string) => dev.startsWith(name) : (dev: string) => dev === name;
    return clauseOf(option, ({ packet }) => matches(read(packet) ?? "") !== inverted);
  };
}

/**
 * `[!] -p PROTO`: `ipinfo->proto && (ip->protocol != proto) ^ invert`, so protocol 0 (`all`)
 * is no test at all, even after `!` (which iptables refuses anyway: "rule would never match
 * protocol"). ip6_packet_match compares the upper-layer protocol after the extension headers
 * the same way and also lets `-p all` through.
 */
function protocolClause(option: OptionNode): Clause {
  const proto = protocolNumber((option.values[0]?.text ?? "").toLowerCase());
  if (proto === undefined) return clauseOf(option, UNKNOWN_TEST);
  if (proto === 0) return clauseOf(option, () => true);
  const inverted = option.inverted;
  return clauseOf(option, ({ packet }) => (packet.proto === proto) !== inverted);
}

/** `[!] -f`: `(flags & IPT_F_FRAG) && !isfrag` with `!`: -f is a non-first fragment, `! -f` any other packet. */
function fragmentClause(option: OptionNode): Clause {
  const inverted = option.inverted;
  return clauseOf(option, ({ packet }) => packet.fragment !== inverted);
}

const extensionClauses = new WeakMap<ExtensionNode, Clause>();

/**
 * One `-m NAME …`. An extension iptlint does not know (no registry entry) may have been
 * split into options wrongly and its meaning is unknown, so it is undecidable.
 */
function extensionClause(extension: ExtensionNode): Clause {
  let clause = extensionClauses.get(extension);
  if (clause === undefined) {
    const evaluator = extension.spec ? MATCH_EVALUATORS.get(extension.spec.name) : undefined;
    const label = () => extensionLabel(extension);
    clause = evaluator === undefined ? { test: UNKNOWN_TEST, label } : { test: (ctx) => evaluator(extension, ctx), label };
    extensionClauses.set(extension, clause);
  }
  return clause;
}

/** `-m set --match-set bl src`, or `-p tcp --tcp-option 2` for the implicit protocol match. */
export function extensionLabel(extension: ExtensionNode): string {
  const head = extension.implicit ? `-p ${extension.nameWord.raw}` : `-m ${extension.nameWord.raw}`;
  const options = extension.options.map((o) =>
    [o.inverted ? "!" : "", `--${o.name}`, ...o.values.map((v) => v.raw)].filter((w) => w !== "").join(" "),
  );
  return [head, ...options].join(" ");
}
