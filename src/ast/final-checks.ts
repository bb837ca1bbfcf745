/**
 * Checks iptables makes after its getopt loop, on the whole command: options a command does
 * not take (generic_opt_check), interfaces on hooks that have none, each extension's own
 * final check (x6_fcheck), and the protocol an extension needs (kernel checkentry of
 * xt_tcpudp, xt_TCPMSS, …).
 */
import { finding } from "../checks.js";
import type { Finding } from "../findings.js";
import type { FinalCheckContext } from "../model/extensions/types.js";
import type { Family } from "../model/netfilter.js";
import { protocolNumber } from "../model/values/protocol.js";
import { quoteText } from "../text.js";
import { extensionsOf, givenOptions, ruleProtocol } from "./extension-context.js";
import type { CommandNode } from "./nodes.js";

const RULE_COMMANDS = new Set(["append", "insert", "delete", "replace", "check"]);

export function finalChecks(command: CommandNode, family: Family): Finding | undefined {
  return (
    illegalOptionForCommand(command) ??
    interfaceOnWrongHook(command) ??
    extensionFinalChecks(command, family) ??
    protocolRequirements(command)
  );
}

/** generic_opt_check: -N, -X, -F, -Z, -P, -E take no rule options. */
function illegalOptionForCommand(command: CommandNode): Finding | undefined {
  if (RULE_COMMANDS.has(command.kind)) return undefined;
  const clause = command.rule.clauses[0];
  if (!clause) return undefined;
  return finding("badCommand", clause.flag.span, `Illegal option ${quoteText(clause.flag.text)} with this command (${command.commandWord.text})`);
}

/** do_command: "Can't use -i with OUTPUT" / "Can't use -o with PREROUTING". */
function interfaceOnWrongHook(command: CommandNode): Finding | undefined {
  const chain = command.chain?.text;
  const { inInterface, outInterface } = command.rule;
  if (inInterface && (chain === "OUTPUT" || chain === "POSTROUTING")) {
    return finding("interfaceNotAllowed", inInterface.span, `Can't use -i with ${chain}: packets there have no input interface`);
  }
  if (outInterface && (chain === "INPUT" || chain === "PREROUTING")) {
    return finding("interfaceNotAllowed", outInterface.span, `Can't use -o with ${chain}: packets there have no output interface yet`);
  }
  return undefined;
}

function extensionFinalChecks(command: CommandNode, family: Family): Finding | undefined {
  for (const ext of extensionsOf(command.rule)) {
    const check = ext.spec?.finalCheck;
    if (!check) continue;
    const ctx: FinalCheckContext = {
      family,
      options: givenOptions(ext.options),
      ...ruleProtocol(command.rule),
      matches: command.rule.matches.map((m) => m.name),
    };
    const message = check(ctx);
    if (message) return finding("extensionCheckFailed", ext.nameWord.span, `${ext.name}: ${message}`);
  }
  return undefined;
}

/** Kernel checkentry: xt_tcpudp and friends refuse a rule whose -p is another protocol. */
function protocolRequirements(command: CommandNode): Finding | undefined {
  const proto = command.rule.protocol;
  const protoNum = proto && !proto.inverted ? protocolNumber((proto.values[0]?.text ?? "").toLowerCase()) : undefined;
  for (const ext of extensionsOf(command.rule)) {
    const needs = ext.spec?.requiresProtocol;
    if (!needs || needs.length === 0) continue;
    const allowed = needs.map((p) => protocolNumber(p));
    if (protoNum === undefined || !allowed.includes(protoNum)) {
      const what = needs.map((p) => `-p ${p}`).join(" or ");
      const given = proto ? `${proto.inverted ? "! " : ""}-p ${proto.values[0]?.text}` : "no -p";
      return finding("protocolRequired", ext.nameWord.span, `${ext.kind} ${ext.name} needs ${what}, but the rule has ${given}; the kernel rejects it when the ruleset is loaded`);
    }
  }
  return undefined;
}
