/**
 * iptables and ip6tables are separate rule sets: a restriction written for one family does
 * nothing for the other. Docker writes both since ip6tables management became the default in
 * 27.0, and publishes ports on `0.0.0.0` and `[::]` alike (docker-firewall.md §1, §4 pitfalls
 * 4 and 7); 20.10 created DOCKER-USER for IPv4 only (docker/for-linux#1248), so IPv4-only
 * allow lists left IPv6 open. Given the same host's dump of the other family
 * (`iptlint rules.v4 --ipv6 rules.v6`), this rule compares the DROP/REJECT rules and the
 * INPUT policy of DOCKER-USER and INPUT, and DOCKER-USER's presence; each run reports the
 * gaps of the dump it lints. Without the other dump, a Docker 28+ IPv4 dump with
 * restrictions gets one hint to lint ip6tables-save too.
 */
import { DOCKER_USER, isDockerChain } from "../docker/chains.js";
import { FactIndex, type RuleFacts } from "../docker/facts.js";
import type { DockerView } from "../docker/types.js";
import { dockerView } from "../docker/view.js";
import type { Span } from "../findings.js";
import { familyName, type Family } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";
import { defineLintRule, type CompanionDump, type RuleContext } from "./define.js";
import { chainTarget } from "../model/chain-graph.js";
import { destinationPorts, matchOptions } from "./support/docker-user.js";
import { addressParts, isCatchAll, isCounterpart, mirroredRule, otherFamily, restrictions, trafficKey } from "./support/family-parity.js";
import { iptablesFor } from "./support/published-ports.js";

/** The chains users restrict in: DOCKER-USER for containers (FORWARD), INPUT for the host. */
const CHAINS = [DOCKER_USER, "INPUT"] as const;

/** Eras whose Docker writes ip6tables rules by default (27.0+: docker-firewall.md §1): 28.0.0, 28.0.1–28.5.x, 29.x. */
const IP6TABLES_BY_DEFAULT = new Set(["E", "F", "G"]);

const DURABLE =
  "keep both families in the firewall configuration that restores them at boot (/etc/iptables/rules.v4 and rules.v6, or one nftables `inet` table), and add every DOCKER-USER/INPUT rule with both iptables and ip6tables";

/** `tcp port 5432`, `all traffic`: what a rule blocks, addresses aside. */
function trafficWords(f: RuleFacts): string {
  const proto = f.proto ? `${f.proto.inverted ? "non-" : ""}${f.proto.value}` : "all";
  const dports = destinationPorts(f);
  const orig = matchOptions(f).find((o) => o.match === "conntrack" && o.option === "ctorigdstport");
  const port = orig ?? dports;
  const ports = port ? ` to ${port.inverted ? "any but " : ""}${orig ? "host " : ""}port${/[,:]/.test(port.value) ? "s" : ""} ${port.value}` : "";
  const where = [f.in ? ` ${f.in.inverted ? "not " : ""}arriving on ${f.in.value}` : "", f.out ? ` ${f.out.inverted ? "not " : ""}leaving on ${f.out.value}` : ""].join("");
  return `${proto === "all" && !ports ? "all traffic" : `${proto} traffic${ports}`}${where}`;
}

/** `lines 12–14`, `line 12`, or the declaration when the chain is empty. */
function linesOf(ruleset: Ruleset, chain: string): string {
  const c = ruleset.tables.get("filter")?.chains.get(chain);
  if (!c) return "";
  const lines = c.rules.map((r) => r.command.line);
  if (lines.length === 0) return c.line !== undefined ? ` (declared on line ${c.line}, no rules)` : " (no rules)";
  const first = lines[0] as number;
  const last = lines[lines.length - 1] as number;
  return first === last ? ` (its rule is on line ${first})` : ` (its rules are on lines ${first}–${last})`;
}

function otherRules(companion: CompanionDump, chain: string): RuleFacts[] {
  return new FactIndex(companion.ruleset).chain("filter", chain);
}

function hasChain(ruleset: Ruleset, chain: string): boolean {
  return ruleset.tables.get("filter")?.chains.has(chain) ?? false;
}

function policyOf(ruleset: Ruleset, chain: string): string | undefined {
  return ruleset.tables.get("filter")?.chains.get(chain)?.policy;
}

/** A blocking rule of the other family covers this one, or the other INPUT's DROP policy covers a catch-all. */
function covered(f: RuleFacts, chain: string, companion: CompanionDump): boolean {
  if (otherRules(companion, chain).some((c) => isCounterpart(c, f))) return true;
  return isCatchAll(f) && policyOf(companion.ruleset, chain) === "DROP";
}

/** Commands that create DOCKER-USER in the other family as dockerd 23.0+ does. */
function createDockerUser(to: Family): string[] {
  return [`${iptablesFor(to)} -N ${DOCKER_USER}`, `${iptablesFor(to)} -I FORWARD -j ${DOCKER_USER}`];
}

/** `ip6tables -I DOCKER-USER 2 …` at the rule's own place, or `-A` for a catch-all. */
function mirrorCommand(f: RuleFacts, chain: string, position: number, companion: CompanionDump, to: Family): string {
  const length = otherRules(companion, chain).length;
  const body = mirroredRule(f, to);
  if (isCatchAll(f) || position > length) return `${iptablesFor(to)} -A ${chain} ${body}`;
  return `${iptablesFor(to)} -I ${chain}${position > 1 ? ` ${position}` : ""} ${body}`;
}

function addressNote(f: RuleFacts, to: Family): string | undefined {
  const parts = [...addressParts(f).keys()];
  if (parts.length === 0) return undefined;
  return `the command leaves out the rule's ${familyName(otherFamily(to))} addresses; add the ${familyName(to)} ones (e.g. ${to === "ipv6" ? "! -s <your IPv6 prefix>" : "! -s <your IPv4 network>"}) if the rule is an allow list`;
}

/** A DROP/REJECT of DOCKER-USER or INPUT with no counterpart in the other family. */
function ruleGaps(ctx: RuleContext, companion: CompanionDump, chain: string): void {
  const own = ctx.ruleset.family;
  const to = otherFamily(own);
  const chainRules = new FactIndex(ctx.ruleset).chain("filter", chain).map((f) => f.rule);
  for (const f of restrictions(ctx.ruleset, chain)) {
    if (covered(f, chain, companion)) continue;
    const missing = !hasChain(companion.ruleset, chain);
    const why = missing ? `has no ${chain} chain` : `has no DROP or REJECT for it in ${chain}${linesOf(companion.ruleset, chain)}`;
    const position = chainRules.indexOf(f.rule) + 1;
    const mirror = mirrorCommand(f, chain, position, companion, to);
    const help = addressNote(f, to);
    ctx.report({
      span: f.ref.span,
      message: `this ${chain} ${f.target} blocks ${trafficWords(f)} for ${familyName(own)} only: the ${familyName(to)} dump ${why}, so the same ${familyName(to)} traffic is let through`,
      ...(help ? { help } : {}),
      remediation: { now: missing && chain === DOCKER_USER ? [...createDockerUser(to), mirror.replace(/ -I \S+( \d+)? /, ` -A ${chain} `)] : [mirror], durable: DURABLE },
    });
  }
}

/** `INPUT DROP` of the declaration (or `-P INPUT DROP`) that set the chain's policy. */
function policySpan(ruleset: Ruleset, chain: string): Span | undefined {
  const decl = ruleset.tables.get("filter")?.block.chains.filter((d) => d.name === chain && d.policySpan !== undefined).at(-1);
  return decl?.policySpan ? { start: decl.nameSpan.start, end: decl.policySpan.end } : undefined;
}

/** INPUT with a DROP policy (an allow list) while the other family's INPUT lets everything in. */
function policyGap(ctx: RuleContext, companion: CompanionDump): void {
  const span = policySpan(ctx.ruleset, "INPUT");
  if (!span || policyOf(ctx.ruleset, "INPUT") !== "DROP" || !companion.ruleset.tables.has("filter")) return;
  if (policyOf(companion.ruleset, "INPUT") === "DROP" || restrictions(companion.ruleset, "INPUT").some(isCatchAll)) return;
  const own = ctx.ruleset.family;
  const to = otherFamily(own);
  const theirs = otherRules(companion, "INPUT");
  const mine = new FactIndex(ctx.ruleset).chain("filter", "INPUT").filter((f) => f.target === "ACCEPT");
  const accepts = mine
    .filter((f) => addressParts(f).size === 0 && !theirs.some((t) => t.target === "ACCEPT" && trafficKey(t) === trafficKey(f)))
    .map((f) => `${iptablesFor(to)} -A INPUT ${mirroredRule(f, to)}`);
  // Neighbour discovery is ICMPv6: an IPv6 INPUT that drops it loses the network.
  const icmp = to === "ipv6" && !accepts.some((c) => c.includes("ipv6-icmp")) ? ["ip6tables -A INPUT -p ipv6-icmp -j ACCEPT"] : [];
  const restricted = mine.filter((f) => addressParts(f).size > 0).map((f) => f.ref.line);
  ctx.report({
    span,
    message: `INPUT drops by policy what its rules do not accept (an allow list) for ${familyName(own)} only: the ${familyName(to)} dump's INPUT has policy ${policyOf(companion.ruleset, "INPUT") ?? "ACCEPT"} and no catch-all DROP${linesOf(companion.ruleset, "INPUT")}, so every ${familyName(to)} service of the host is reachable`,
    ...(restricted.length > 0 ? { help: `the commands mirror only the ACCEPT rules without addresses; add ${familyName(to)} versions of the address-restricted ones (line ${restricted.join(", ")}) before setting the policy` } : {}),
    remediation: { now: [...accepts, ...icmp, `${iptablesFor(to)} -P INPUT DROP`], durable: DURABLE },
  });
}

/** The rule that sends forwarded traffic into Docker's chains, else FORWARD's declaration. */
function dockerEntry(ruleset: Ruleset): Span | undefined {
  const forward = ruleset.tables.get("filter")?.chains.get("FORWARD");
  const jump = forward?.rules.find((r) => {
    const target = chainTarget(r);
    return target !== undefined && isDockerChain("filter", target);
  });
  return jump?.command.span ?? forward?.declaredAt;
}

function bridgeWords(view: DockerView): string {
  const bridges = view.bridges.map((b) => `${b.name}${b.subnets.length > 0 ? ` (${b.subnets.map((s) => s.cidr).join(", ")})` : ""}`);
  const ports = view.ports.filter((p) => p.hostPort !== undefined).length;
  return `${bridges.length > 0 ? `bridge${bridges.length > 1 ? "s" : ""} ${bridges.join(", ")}` : "Docker rules"}${ports > 0 ? ` and ${ports} published port${ports > 1 ? "s" : ""}` : ""}`;
}

/** Docker forwards this family to bridges with no DOCKER-USER, while the other family has one. */
function dockerUserMissing(ctx: RuleContext, companion: CompanionDump, other: DockerView): void {
  if (ctx.dump.format === "fragment" || ctx.docker.dockerUser.declared || !other.dockerUser.declared) return;
  if (ctx.docker.bridges.length === 0 && ctx.docker.ports.length === 0) return;
  const span = dockerEntry(ctx.ruleset);
  if (!span) return;
  const own = ctx.ruleset.family;
  const to = otherFamily(own);
  const theirs = restrictions(companion.ruleset, DOCKER_USER);
  const mirrors = theirs.map((f) => `${iptablesFor(own)} -A ${DOCKER_USER} ${mirroredRule(f, own)}`);
  const at = other.dockerUser.declaredLine !== undefined ? ` (line ${other.dockerUser.declaredLine})` : "";
  const count = theirs.length > 0 ? ` with ${theirs.length} DROP/REJECT rule${theirs.length > 1 ? "s" : ""}` : "";
  ctx.report({
    span,
    message: `Docker forwards ${familyName(own)} traffic to ${bridgeWords(ctx.docker)} but this ${familyName(own)} dump has no DOCKER-USER chain, while the ${familyName(to)} dump has one${at}${count}: no user rule filters ${familyName(own)} traffic to the containers`,
    remediation: {
      now: [...createDockerUser(own), ...mirrors],
      durable: `restart dockerd (23.0 and later create DOCKER-USER for both families, docker/for-linux#1248), then ${DURABLE}`,
    },
  });
}

function hasRestrictions(ruleset: Ruleset): boolean {
  return CHAINS.some((c) => restrictions(ruleset, c).length > 0) || policyOf(ruleset, "INPUT") === "DROP";
}

/** The first Docker chain declared in the dump (by line). */
function firstDockerDeclaration(ruleset: Ruleset, view: DockerView): Span | undefined {
  const first = [...view.chains].filter((c) => c.declaredLine !== undefined).sort((a, b) => (a.declaredLine as number) - (b.declaredLine as number))[0];
  return first ? ruleset.tables.get(first.table)?.chains.get(first.name)?.declaredAt : undefined;
}

/**
 * No companion: a Docker 28+ IPv4 dump (ip6tables on by default since 27.0) whose networks
 * are restricted in DOCKER-USER or INPUT. The IPv6 side cannot be judged from it, so one
 * hint per file. Docker ≤27 (era D and older) had ip6tables off by default, and a dump
 * without restrictions has nothing to compare: both stay quiet.
 */
function suggestOtherFamily(ctx: RuleContext): void {
  if (ctx.ruleset.family !== "ipv4" || ctx.dump.format === "fragment") return;
  const view = ctx.docker;
  if (!IP6TABLES_BY_DEFAULT.has(view.era.era) || view.bridges.length === 0 || !hasRestrictions(ctx.ruleset)) return;
  const span = firstDockerDeclaration(ctx.ruleset, view);
  if (!span) return;
  ctx.report({
    span,
    severity: "info",
    message: `Docker ${view.era.versions} also writes ip6tables rules (the default since 27.0), and this IPv4 dump restricts traffic in DOCKER-USER or INPUT: lint the host's ip6tables-save with it to check that IPv6 is restricted the same way`,
    remediation: { now: ["iptables-save > v4", "ip6tables-save > v6", "iptlint v4 --ipv6 v6"], durable: DURABLE },
  });
}

function companionOf(ctx: RuleContext): CompanionDump | undefined {
  const c = ctx.settings.companion;
  return c && c.ruleset.family !== ctx.ruleset.family && c.dump.format !== "fragment" ? c : undefined;
}

function viewOf(companion: CompanionDump): DockerView {
  return dockerView(companion.ruleset, companion.dump);
}

/** A Docker 29 daemon's default bridge (docker-firewall.md §2 era G) with one DOCKER-USER rule, in either family. */
function host(family: Family, userRule: string): string {
  const [subnet, loopback] = family === "ipv4" ? ["172.17.0.0/16", "127.0.0.0/8"] : ["fd00:d0c:6e4::/64", "::1/128"];
  return [
    "*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
    ":DOCKER - [0:0]", ":DOCKER-BRIDGE - [0:0]", ":DOCKER-CT - [0:0]", ":DOCKER-FORWARD - [0:0]", ":DOCKER-INTERNAL - [0:0]", ":DOCKER-USER - [0:0]",
    "-A FORWARD -j DOCKER-USER", "-A FORWARD -j DOCKER-FORWARD",
    "-A DOCKER ! -i docker0 -o docker0 -j DROP",
    "-A DOCKER-BRIDGE -o docker0 -j DOCKER",
    "-A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
    "-A DOCKER-FORWARD -j DOCKER-CT", "-A DOCKER-FORWARD -j DOCKER-INTERNAL", "-A DOCKER-FORWARD -j DOCKER-BRIDGE", "-A DOCKER-FORWARD -i docker0 -j ACCEPT",
    userRule,
    "COMMIT",
    "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", ":DOCKER - [0:0]",
    "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
    `-A OUTPUT ! -d ${loopback} -m addrtype --dst-type LOCAL -j DOCKER`,
    `-A POSTROUTING -s ${subnet} ! -o docker0 -j MASQUERADE`,
    "COMMIT",
    "",
  ].join("\n");
}

export default defineLintRule({
  code: "IPT217",
  name: "ipv6-parity",
  severity: "warning",
  summary: "A DOCKER-USER or INPUT restriction exists for one IP family only, or the IPv6 dump that would show it was not linted",
  wholeRuleset: false,
  docs: {
    why: "iptables and ip6tables are separate rule sets: a DROP written with iptables does nothing to IPv6. Docker writes ip6tables rules by default since 27.0 and publishes ports on [::] as well as 0.0.0.0, and 20.10 created DOCKER-USER for IPv4 only, so an allow list kept in iptables alone leaves the same ports open over IPv6. Given both dumps (iptlint rules.v4 --ipv6 rules.v6), this rule reports every DROP/REJECT in DOCKER-USER or INPUT, and a DROP policy on INPUT, that has no counterpart in the other family (same chain, interfaces, protocol and ports; addresses of the other family or none), and a family whose Docker bridges have no DOCKER-USER when the other family has one. Each file's findings are about its own lines. Given only a Docker 28+ IPv4 dump with such restrictions, it suggests linting ip6tables-save too.",
    exceptions: "Hosts without IPv6 on their external interface, or Docker networks created without --ipv6 and userland-proxy off (then nothing listens on [::]). The comparison ignores rule order in the other family: a counterpart after an ACCEPT that shadows it still counts. Source block lists (-s 203.0.113.5 -j DROP) are skipped: the hosts' addresses of the other family are not in the dump.",
    bad: host("ipv4", "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP"),
    // The fix lives in the other file: the host's ip6tables-save with the same DROP, which
    // `iptlint rules.v4 --ipv6 rules.v6` pairs with the IPv4 dump.
    good: host("ipv6", "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP"),
    references: [
      "https://docs.docker.com/engine/network/firewall-iptables/",
      "https://docs.docker.com/engine/network/port-publishing/",
      "https://github.com/docker/for-linux/issues/1248",
      "https://github.com/moby/moby/issues/21614",
      "/work/shared/docker-firewall.md §1 (--ip6tables default) and §4 pitfall 7",
    ],
  },
  check(ctx: RuleContext) {
    if (!ctx.settings.companion) return suggestOtherFamily(ctx);
    const companion = companionOf(ctx);
    if (!companion) return;
    for (const chain of CHAINS) ruleGaps(ctx, companion, chain);
    if (ctx.dump.format !== "fragment") policyGap(ctx, companion);
    dockerUserMissing(ctx, companion, viewOf(companion));
  },
});
