/**
 * A rule that changes no verdict: an earlier rule of its chain already ends the chain with the
 * same outcome for every packet it matches (a repeat of the same ACCEPT, a narrower DROP
 * after a broader one), or it repeats an earlier rule exactly and nothing between the two
 * copies changes the packet. Harmless to the kernel, but noise to every reader, and a sign
 * that a script added its rules twice.
 */
import { defineLintRule, type RuleContext } from "./define.js";
import { deadRules, type DeadRule } from "./support/dead-rules.js";
import { describeOutcome, related, removal } from "./support/dead-rule-report.js";

export default defineLintRule({
  code: "IPT111",
  name: "rule-redundant",
  severity: "info",
  summary: "An earlier rule of the chain already does what this rule does for every packet it matches, so removing it changes nothing",
  wholeRuleset: false,
  docs: {
    why: "A rule whose packets an earlier rule already accepts, drops or returns with the same outcome, or an exact repeat of an earlier rule, changes no verdict: removing it leaves the firewall's behaviour as it is. Such rules make a ruleset longer and harder to review, and repeated blocks usually mean that a script or service added its rules again without removing the old ones (a restart that appends, a hook run twice).",
    exceptions: "A rule that repeats a rule that does not end the chain (LOG, a jump to a user chain, no target) is reported only when neither copy, nor the chain it jumps to, nor any rule between the copies can change the packet or depends on state (rate limits, quotas, random sampling): otherwise the second copy may decide differently. A last rule that merely restates the chain's policy (`-A INPUT -j DROP` under policy DROP) is not reported: it is a common, deliberate belt-and-braces habit. An earlier rule with another outcome makes the later one IPT110 rule-shadowed instead.",
    bad: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n",
    good: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n",
    references: [
      "https://www.netfilter.org/documentation/HOWTO/packet-filtering-HOWTO-7.html",
      "https://ipset.netfilter.org/iptables.man.html",
    ],
  },
  check(ctx: RuleContext) {
    for (const dead of deadRules(ctx.ruleset)) if (dead.kind === "redundant") report(ctx, dead);
  },
});

function report(ctx: RuleContext, dead: DeadRule): void {
  const line = dead.by.command.line;
  const message =
    dead.byOutcome === undefined
      ? `repeats line ${line} exactly, and nothing between the two copies changes the packet, so this copy changes no verdict`
      : dead.duplicate
        ? `repeats line ${line} exactly: that rule has already ended the chain (${describeOutcome(dead, ctx.ruleset)}) for every packet this one matches`
        : `line ${line} matches every packet this rule matches and has already ended the chain for them the same way (${describeOutcome(dead, ctx.ruleset)}), so removing this rule changes nothing`;
  ctx.report({
    span: dead.rule.command.span,
    message,
    related: related(dead, dead.duplicate ? "first copy" : "already handles every packet of the later rule"),
    remediation: removal(dead.rule, ctx.ruleset.family),
  });
}
