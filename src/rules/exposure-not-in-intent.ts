/**
 * The declared intent (issue 6: the configuration's `intent.public`) against what the
 * packet-path engine says the internet can reach: every published port (Docker's DNAT, or a
 * routed network's ACCEPT) and every service port INPUT accepts that sources outside the
 * host reach on the external interface, and that no intent entry declares for those sources,
 * is an exposure nobody asked for. Without an intent in the configuration the rule is quiet:
 * an undeclared intent is not an empty one.
 */
import { anyAddress, portBounds } from "../docker/net.js";
import { intentAllows } from "../config/intent.js";
import type { Intent, PublicPort } from "../config/types.js";
import { AddressSet } from "../model/ip/address-set.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { TargetExposure } from "../engine/exposure.js";
import { exposureOf } from "./support/reachability.js";
import type { Span } from "../findings.js";
import type { Family } from "../model/netfilter.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { addressPort, iptablesFor, targetContainerText } from "./support/published-ports.js";

function networks(texts: readonly string[], family: Family): AddressSet {
  let set = AddressSet.empty(family);
  for (const t of texts) set = set.union(parseCidrSet(t.trim(), family) ?? AddressSet.empty(family));
  return set;
}

/** The host address an exposure is on: undefined for a publish on every address (0.0.0.0, ::) and for services. */
function publishedHost(t: TargetExposure, family: Family): string | undefined {
  if (t.target.kind !== "published" || t.target.routed) return undefined;
  return t.target.hostAddress === anyAddress(family) ? undefined : t.target.hostAddress;
}

/**
 * The sources the intent allows for this exposure: the union of the `from` networks of every
 * entry whose protocol, ports and host cover it (any source for an entry without `from`).
 * intentAllows decides the port, protocol and host part, asked with an entry stripped of `from`.
 */
function allowedSources(intent: Intent, t: TargetExposure, range: { from: number; to: number }, family: Family): AddressSet {
  const all = AddressSet.all(family);
  let allowed = AddressSet.empty(family);
  const host = publishedHost(t, family);
  for (const entry of intent.public) {
    const anySource: PublicPort = { ...entry, from: [] };
    const source = family === "ipv4" ? "0.0.0.0/0" : "::/0";
    if (!intentAllows({ public: [anySource] }, { port: range, protocol: t.target.protocol, source, ...(host !== undefined ? { host } : {}) })) continue;
    allowed = allowed.union(entry.from.length === 0 ? all : networks(entry.from, family));
  }
  return allowed;
}

/** The DNAT rule of a published port, else the rule on the target's line (a routed ACCEPT, an INPUT service). */
function spanOf(ctx: RuleContext, t: TargetExposure): Span | undefined {
  const dnat = t.target.published?.dnat;
  if (dnat && !t.target.routed) return dnat.span;
  for (const table of ctx.ruleset.tables.values())
    for (const chain of table.chains.values())
      for (const rule of chain.rules) if (rule.command.line === t.target.line) return rule.command.span;
  return undefined;
}

function describeTarget(t: TargetExposure): string {
  const c = t.target.container;
  const ctr = t.target.kind === "published" && c && !t.target.routed ? ` → ${targetContainerText(c, t.target.port, false)}` : "";
  const what = t.target.kind === "service" ? "host service" : t.target.routed ? "routed container port" : "published port";
  return `${what} ${t.target.protocol} ${addressPort(t.target.hostAddress, t.target.port)}${ctr}`;
}

/**
 * Commands that leave only the allowed sources: published ports in DOCKER-USER, matching the
 * host port through conntrack since DNAT has already rewritten --dport (docker-firewall.md §4
 * pitfall 1); routed ports by the container's address and port; services in INPUT. `-I`
 * puts each rule at the top, so the DROP is inserted first and the RETURNs/ACCEPTs above it.
 */
function fixCommands(ctx: RuleContext, t: TargetExposure, allowed: AddressSet, external: string): string[] {
  const cmd = iptablesFor(ctx.ruleset.family);
  const proto = t.target.protocol;
  const [chain, pass, match] =
    t.target.kind === "service"
      ? ["INPUT", "ACCEPT", `-i ${external} -p ${proto} -m ${proto} --dport ${t.target.port}`]
      : t.target.routed
        ? ["DOCKER-USER", "RETURN", `-i ${external} -d ${t.target.hostAddress} -p ${proto} -m ${proto} --dport ${t.target.port}`]
        : ["DOCKER-USER", "RETURN", `-i ${external} -p ${proto} -m conntrack --ctorigdstport ${t.target.port} --ctdir ORIGINAL`];
  const allow = allowed.isEmpty() ? [] : allowed.toPrefixes();
  if (allow.length === 1) return [`${cmd} -I ${chain} ${match} ! -s ${allow[0]} -j DROP`];
  return [`${cmd} -I ${chain} ${match} -j DROP`, ...allow.map((p) => `${cmd} -I ${chain} ${match} -s ${p} -j ${pass}`)];
}

export default defineLintRule({
  code: "IPT220",
  name: "exposure-not-in-intent",
  severity: "warning",
  summary: "A port the internet can reach is not declared in the configuration's intent",
  wholeRuleset: true,
  docs: {
    why: "A configuration file can declare which ports are meant to be public and from where (`intent.public` in .iptlintrc: port, protocol, `from` networks, host address). iptlint's packet-path engine finds every published Docker port and every host service that a packet arriving on the external interface reaches, following raw, nat PREROUTING, FORWARD, DOCKER-USER and INPUT as the kernel does, and reports each one the intent does not cover for the sources that reach it. A port published by a forgotten `docker run -p`, a compose file that publishes a database, or an INPUT rule left from debugging then fails CI instead of staying open. The rule only runs when the configuration has an `intent` section; `trustedSources` are left out of the comparison. The examples are linted with the intent `{ \"public\": [{ \"port\": 22, \"from\": [\"10.0.0.0/8\"] }, { \"port\": 8080, \"from\": [\"10.0.0.0/8\"] }] }`: the fixed dump drops the other sources in DOCKER-USER.",
    exceptions: "Nothing to ignore: declare the port in `intent.public` (with `from` for the networks meant to reach it), or close it — publish it on 127.0.0.1 or an internal address, or drop the unwanted sources in DOCKER-USER.",
    bad: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 8080 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    good: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 8080 -j ACCEPT\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -i eth0 ! -s 10.0.0.0/8 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n",
    references: ["https://docs.docker.com/engine/network/port-publishing/", "https://github.com/moby/moby/issues/22054", "https://github.com/docker/docker-bench-security/issues/482"],
    settings: { intent: { public: [22, 8080].map((port) => ({ port: { from: port, to: port }, protocol: "tcp" as const, from: ["10.0.0.0/8"] })) } },
  },
  check(ctx: RuleContext) {
    const intent = ctx.settings.intent;
    if (!intent) return;
    const family = ctx.ruleset.family;
    const trusted = networks(ctx.settings.trustedSources ?? [], family);
    const report = exposureOf(ctx);
    for (const t of report.targets) {
      const reaching = t.fromOutside.subtract(trusted);
      const range = portBounds(t.target.port);
      if (reaching.isEmpty() || !range) continue;
      const undeclared = reaching.subtract(allowedSources(intent, t, range, family));
      const span = spanOf(ctx, t);
      if (undeclared.isEmpty() || !span) continue;
      const port = range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
      ctx.report({
        span,
        message: `${describeTarget(t)} is reachable from ${undeclared.describe()} on ${report.host.externalInterface}, which the intent does not declare`,
        remediation: {
          now: fixCommands(ctx, t, t.fromOutside.subtract(undeclared), report.host.externalInterface),
          durable:
            t.target.kind === "service"
              ? "keep the INPUT rules in the firewall configuration restored at boot, or make the service listen only on the addresses meant to reach it"
              : `publish the port only where it is meant to be reached (compose ports: "127.0.0.1:${t.target.port}:${t.target.container?.port ?? t.target.port}" or an internal address), or keep the DOCKER-USER rules in the firewall configuration restored at boot`,
        },
        help: `declare it in the configuration's intent.public (e.g. { "port": ${range.from === range.to ? range.from : `"${port}"`}, "protocol": "${t.target.protocol}", "from": ["<network>"] }), or stop publishing it to those sources`,
      });
    }
  },
});
