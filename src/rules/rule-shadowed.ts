/**
 * A rule no packet reaches because an earlier rule of its chain matches every packet it
 * matches and ends the chain for them with another outcome: the kernel stops at the first
 * verdict (ipt_do_table), so what this rule was written to do never happens. Usually the
 * rules are in the wrong order (an allow after a broader drop, a block after a broader accept).
 * Subsumption is decided soundly (src/rules/support/subsumption.ts): rate limits, random
 * matches, host names and unknown extensions never count as covering.
 */
import { printRule } from "../format/print.js";
import { iptablesFor } from "./support/published-ports.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { deadRules, type DeadRule } from "./support/dead-rules.js";
import { describeOutcome, related, removal, rulePosition } from "./support/dead-rule-report.js";

export default defineLintRule({
  code: "IPT110",
  name: "rule-shadowed",
  severity: "warning",
  summary: "An earlier rule of the chain takes every packet this rule matches and does something else with it, so this rule never applies",
  wholeRuleset: false,
  docs: {
    why: "iptables walks a chain from the top and stops at the first rule that accepts, drops, rejects, returns, queues, jumps with -g or translates the packet. When an earlier rule matches every packet a later rule matches, the later rule never sees a packet: an ACCEPT written after a broader DROP never opens anything, a DROP after a broader ACCEPT never blocks anything. The ruleset then does something other than what its author wrote down, and reading it top to bottom gives the wrong impression.",
    exceptions: "Only certain shadowing is reported: the earlier rule must match every packet of the later one by its addresses, interfaces, protocol, ports, fragment flag and conntrack states, and every other match it has (mark, addrtype, set, …) must appear identically in the later rule. Rules with rate limits, quotas, random sampling, recent lists or an extension iptlint does not know are never taken as covering, and host names are never compared, so a rule such a condition could keep alive is not reported. A rule after one with the same outcome is IPT111 rule-redundant instead.",
    bad: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 192.0.2.0/24 -j DROP\n-A INPUT -s 192.0.2.10/32 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n",
    good: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -s 192.0.2.10/32 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 192.0.2.0/24 -j DROP\nCOMMIT\n",
    references: [
      "https://www.netfilter.org/documentation/HOWTO/packet-filtering-HOWTO-7.html",
      "https://ipset.netfilter.org/iptables.man.html",
      "https://github.com/Enteee/iptables-semantics",
    ],
  },
  check(ctx: RuleContext) {
    for (const dead of deadRules(ctx.ruleset)) if (dead.kind === "shadowed") report(ctx, dead);
  },
});

function report(ctx: RuleContext, dead: DeadRule): void {
  const family = ctx.ruleset.family;
  const own = dead.ownTarget ? `this rule's ${dead.ownTarget} never applies` : "this rule never counts a packet";
  const spec = (printRule(dead.rule, family)[0] as string).replace(/^-A \S+ /, "");
  const table = dead.rule.table === "filter" ? "" : ` -t ${dead.rule.table}`;
  ctx.report({
    span: dead.rule.command.span,
    message: `never reached: line ${dead.by.command.line} matches every packet this rule matches and ends the chain for them first with ${describeOutcome(dead, ctx.ruleset)}, so ${own}`,
    help: `If this rule was meant to win for its packets, move it above line ${dead.by.command.line} (delete it, then \`${iptablesFor(family)}${table} -I ${dead.rule.chain} ${rulePosition(dead.by, ctx.ruleset)} ${spec}\`); otherwise delete it.`,
    related: related(dead, "shadowed by this rule"),
    remediation: removal(dead.rule, family),
  });
}
