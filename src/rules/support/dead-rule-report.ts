/** What IPT110 and IPT111 say about a dead rule: where it is, what kills it, how to remove it. */
import type { RelatedSpan, Remediation } from "../../findings.js";
import { printRule } from "../../format/print.js";
import type { Family } from "../../model/netfilter.js";
import type { Chain, FirewallRule, Ruleset } from "../../model/ruleset.js";
import { targetText, type DeadRule } from "./dead-rules.js";
import { deleteCommand } from "./published-ports.js";

/** `line 4 (-j DROP)`, naming what a built-in chain's RETURN stands for. */
export function describeOutcome(dead: DeadRule, ruleset: Ruleset): string {
  const target = targetText(dead.by, ruleset.family) ?? "";
  const chain: Chain | undefined = ruleset.tables.get(dead.by.table)?.chains.get(dead.by.chain);
  return target === "-j RETURN" && chain?.builtin && chain.policy ? `${target}, which applies the ${chain.policy} policy` : target;
}

/** One `iptables [-t T] -D …` per kernel rule the line made (a -s/-d list makes several). */
function deleteCommands(rule: FirewallRule, family: Family): string[] {
  return printRule(rule, family).map((line) => deleteCommand(family, rule.table, line));
}

export function removal(rule: FirewallRule, family: Family): Remediation {
  return {
    now: deleteCommands(rule, family),
    durable: "delete the line from the saved rules (e.g. /etc/iptables/rules.v4, /etc/sysconfig/iptables) or from the script that adds it, so it is not restored at boot",
  };
}

export function related(dead: DeadRule, message: string): RelatedSpan[] {
  return [{ span: dead.by.command.span, message }];
}

/** The 1-based position of a rule in its chain, for `iptables -I CHAIN N`. */
export function rulePosition(rule: FirewallRule, ruleset: Ruleset): number {
  return (ruleset.tables.get(rule.table)?.chains.get(rule.chain)?.rules.indexOf(rule) ?? 0) + 1;
}
