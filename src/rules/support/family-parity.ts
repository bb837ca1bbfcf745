/**
 * Comparing a restriction of one address family with the other family's rules (IPT217): an
 * iptables rule has an ip6tables counterpart when it blocks the same traffic apart from the
 * addresses, which cannot carry over between families. iptables and ip6tables are separate
 * tables in the kernel (x_tables per family), so a DROP written with `iptables` does nothing
 * for IPv6 (docker-firewall.md §4 pitfall 7; docker/for-linux#1248).
 */
import { FactIndex, isBareReturn, type RuleFacts } from "../../docker/facts.js";
import type { OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import type { Ruleset } from "../../model/ruleset.js";

export function otherFamily(family: Family): Family {
  return family === "ipv4" ? "ipv6" : "ipv4";
}

const BLOCKING = new Set(["DROP", "REJECT"]);

/**
 * Match options that name addresses of one family: their values never carry over, only
 * whether they are there and inverted does (`! -s 10.0.0.0/8` ↔ `! -s fd00::/8`). ipset
 * sets are created per family (`hash:net family inet6`), so a set name is an address too.
 */
const ADDRESS_OPTIONS = new Set([
  "conntrack.ctorigsrc",
  "conntrack.ctorigdst",
  "conntrack.ctreplsrc",
  "conntrack.ctrepldst",
  "iprange.src-range",
  "iprange.dst-range",
  "set.match-set",
  "policy.tunnel-src",
  "policy.tunnel-dst",
]);

/** Source-side address options: a plain one is a block list of IPv4 (or IPv6) hosts. */
const SOURCE_OPTIONS = new Set(["conntrack.ctorigsrc", "iprange.src-range"]);

/** ICMP is a different protocol in each family: `-p icmp -m icmp --icmp-type` ↔ `-p ipv6-icmp -m icmp6 --icmpv6-type`. */
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { "6": "tcp", "17": "udp", "132": "sctp", "33": "dccp", "1": "icmp", "58": "icmp", "ipv6-icmp": "icmp", icmpv6: "icmp", "icmp6": "icmp" };
const MATCH_NAMES: Readonly<Record<string, string>> = { icmp6: "icmp" };
const OPTION_NAMES: Readonly<Record<string, string>> = { "icmpv6-type": "icmp-type" };

function normalProtocol(value: string): string {
  const v = value.toLowerCase();
  return PROTOCOL_NUMBERS[v] ?? v;
}

function isComment(match: string): boolean {
  return match === "comment";
}

function optionKey(match: string, o: OptionNode): string {
  return `${MATCH_NAMES[match] ?? match}.${OPTION_NAMES[o.name] ?? o.name}`;
}

/**
 * What a rule matches apart from its addresses, in a form both families share: interfaces,
 * protocol and every non-address match option (comments left out).
 */
export function trafficKey(f: RuleFacts): string {
  const parts: string[] = [];
  if (f.in) parts.push(`in=${f.in.inverted ? "!" : ""}${f.in.value}`);
  if (f.out) parts.push(`out=${f.out.inverted ? "!" : ""}${f.out.value}`);
  if (f.proto) parts.push(`proto=${f.proto.inverted ? "!" : ""}${normalProtocol(f.proto.value)}`);
  for (const m of f.rule.command.rule.matches) {
    if (isComment(m.name)) continue;
    for (const o of m.options) {
      const key = optionKey(m.name, o);
      if (ADDRESS_OPTIONS.has(`${m.name}.${o.name}`)) continue;
      parts.push(`${key}=${o.inverted ? "!" : ""}${o.values.map((w) => w.text).join(" ")}`);
    }
  }
  return parts.sort().join(" ");
}

/** The address conditions of a rule with their inversion (`src` → false for `-s X`, true for `! -s X`). */
export function addressParts(f: RuleFacts): Map<string, boolean> {
  const parts = new Map<string, boolean>();
  if (f.src) parts.set("src", f.src.inverted);
  if (f.dst) parts.set("dst", f.dst.inverted);
  for (const m of f.rule.command.rule.matches) {
    for (const o of m.options) {
      if (ADDRESS_OPTIONS.has(`${m.name}.${o.name}`)) parts.set(`${m.name}.${o.name}${m.name === "set" ? ` ${o.values.slice(1).map((w) => w.text).join(" ")}` : ""}`, o.inverted);
    }
  }
  return parts;
}

/**
 * A plain source condition (`-s 203.0.113.5/32 -j DROP`, a fail2ban-style ban) blocks hosts of
 * one family: the other family's addresses of those hosts are not in the dump, so there is no
 * counterpart to ask for. Allow lists (`! -s`) do carry over.
 */
function isSourceBlockList(f: RuleFacts): boolean {
  if (f.src && !f.src.inverted) return true;
  return f.rule.command.rule.matches.some((m) => m.options.some((o) => !o.inverted && (SOURCE_OPTIONS.has(`${m.name}.${o.name}`) || (m.name === "set" && o.name === "match-set" && /\bsrc\b/.test(o.values.slice(1).map((w) => w.text).join(","))))));
}

function isUnconditionalAccept(f: RuleFacts): boolean {
  return f.target === "ACCEPT" && !f.in && !f.out && !f.src && !f.dst && !f.proto && f.rule.command.rule.matches.length === 0;
}

/**
 * The DROP and REJECT rules of a filter chain that packets can reach (none after an
 * unconditional RETURN or ACCEPT), without source block lists.
 */
export function restrictions(ruleset: Ruleset, chain: string): RuleFacts[] {
  const out: RuleFacts[] = [];
  for (const f of new FactIndex(ruleset).chain("filter", chain)) {
    if (isBareReturn(f) || isUnconditionalAccept(f)) break;
    if (f.target !== undefined && BLOCKING.has(f.target) && !isSourceBlockList(f)) out.push(f);
  }
  return out;
}

/**
 * Whether `candidate` (other family) blocks at least what `rule` blocks, addresses aside: the
 * same interfaces, protocol and ports, DROP or REJECT, and each of its address conditions also
 * on `rule` with the same inversion (an absent one matches every address).
 */
export function isCounterpart(candidate: RuleFacts, rule: RuleFacts): boolean {
  if (candidate.target === undefined || !BLOCKING.has(candidate.target)) return false;
  if (trafficKey(candidate) !== trafficKey(rule)) return false;
  const mine = addressParts(rule);
  return [...addressParts(candidate)].every(([key, inverted]) => mine.get(key) === inverted);
}

/** Whether a rule matches every packet of the chain, addresses aside (a catch-all). */
export function isCatchAll(f: RuleFacts): boolean {
  return trafficKey(f) === "";
}

const REJECT_WITH: Readonly<Record<Family, Readonly<Record<string, string>>>> = {
  ipv6: {
    "icmp-net-unreachable": "icmp6-no-route",
    "icmp-host-unreachable": "icmp6-addr-unreachable",
    "icmp-port-unreachable": "icmp6-port-unreachable",
    "icmp-proto-unreachable": "icmp6-port-unreachable",
    "icmp-net-prohibited": "icmp6-adm-prohibited",
    "icmp-host-prohibited": "icmp6-adm-prohibited",
    "icmp-admin-prohibited": "icmp6-adm-prohibited",
  },
  ipv4: {
    "icmp6-no-route": "icmp-net-unreachable",
    "no-route": "icmp-net-unreachable",
    "icmp6-addr-unreachable": "icmp-host-unreachable",
    "addr-unreach": "icmp-host-unreachable",
    "icmp6-port-unreachable": "icmp-port-unreachable",
    "port-unreach": "icmp-port-unreachable",
    "icmp6-adm-prohibited": "icmp-admin-prohibited",
    "adm-prohibited": "icmp-admin-prohibited",
  },
};

const MIRROR_PROTOCOL: Readonly<Record<Family, string>> = { ipv4: "icmp", ipv6: "ipv6-icmp" };
const MIRROR_ICMP_MATCH: Readonly<Record<Family, string>> = { ipv4: "icmp", ipv6: "icmp6" };
const MIRROR_ICMP_TYPE: Readonly<Record<Family, string>> = { ipv4: "icmp-type", ipv6: "icmpv6-type" };

function negatable(flag: string, n: { value: string; inverted: boolean } | undefined, value = n?.value): string[] {
  return n ? [`${n.inverted ? "! " : ""}${flag} ${value}`] : [];
}

function optionText(o: OptionNode, name = o.name): string {
  return `${o.inverted ? "! " : ""}--${name}${o.values.length > 0 ? ` ${o.values.map((w) => w.text).join(" ")}` : ""}`;
}

/**
 * The rule written for the other family, without its addresses (they name hosts of the
 * rule's own family): the rule spec after `-A CHAIN`, in iptables-save order. Comments are
 * left out (their quoting is not kept in the AST words).
 */
export function mirroredRule(f: RuleFacts, to: Family): string {
  const parts = [...negatable("-i", f.in), ...negatable("-o", f.out)];
  const icmp = f.proto !== undefined && normalProtocol(f.proto.value) === "icmp";
  parts.push(...negatable("-p", f.proto, icmp ? MIRROR_PROTOCOL[to] : f.proto?.value));
  for (const m of f.rule.command.rule.matches) {
    if (isComment(m.name)) continue;
    const kept = m.options.filter((o) => !ADDRESS_OPTIONS.has(`${m.name}.${o.name}`));
    if (kept.length === 0 && m.options.length > 0) continue;
    const isIcmp = (MATCH_NAMES[m.name] ?? m.name) === "icmp";
    const name = (o: OptionNode): string => (isIcmp && (OPTION_NAMES[o.name] ?? o.name) === "icmp-type" ? MIRROR_ICMP_TYPE[to] : o.name);
    parts.push(`-m ${isIcmp ? MIRROR_ICMP_MATCH[to] : m.name}`, ...kept.map((o) => optionText(o, name(o))));
  }
  parts.push(`-j ${f.target ?? "DROP"}`);
  const jump = f.rule.command.rule.jump;
  if (jump?.kind === "extension") {
    for (const o of jump.extension.options) {
      const value = o.values.map((w) => w.text).join(" ");
      parts.push(o.name === "reject-with" ? `--reject-with ${REJECT_WITH[to][value] ?? value}` : optionText(o));
    }
  }
  return parts.join(" ");
}
