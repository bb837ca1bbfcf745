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
import type { CommandNode, ExtensionNode, RuleSpec } from "./nodes.js";
import { portRange, type PortRange } from "../model/values/port.js";

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

/**
 * iptables-nft 1.8.9 turns a tcp or udp match with ports (for tcp also flags, not
 * --tcp-option) into native nftables payload expressions when the rule's -p names the same
 * protocol, inverted or not (add_nft_tcp / add_nft_udp in nft.c). The kernel's xt_tcpudp
 * check then never runs, so `! -p tcp --dport 22` loads on nft; legacy loads the xt match,
 * whose checkentry refuses it. A match with nothing to translate (no option, or only the
 * full port range 0:65535) stays an xt match on nft too. (Oracle, both backends.)
 */
export function nftTranslatesNatively(rule: RuleSpec, ext: ExtensionNode): boolean {
  const proto = rule.protocol;
  if (!proto?.inverted || ext.kind !== "match" || (ext.name !== "tcp" && ext.name !== "udp")) return false;
  if (protocolNumber((proto.values[0]?.text ?? "").toLowerCase()) !== protocolNumber(ext.name)) return false;
  const native = ext.name === "tcp" ? ["sport", "dport", "syn", "tcp-flags"] : ["sport", "dport"];
  let translated = false;
  for (const o of ext.options) {
    if (!native.includes(o.name)) return false;
    if (o.inverted || !fullPortRange(o.values[0]?.text)) translated = true;
  }
  return translated;
}

function fullPortRange(text: string | undefined): boolean {
  if (text === undefined) return false;
  const r = portRange(text, { family: "ipv4" });
  return r.ok && (r.value as PortRange).from === 0 && (r.value as PortRange).to === 65535;
}

/** Kernel checkentry: xt_tcpudp and friends refuse a rule whose -p is another protocol. */
function protocolRequirements(command: CommandNode): Finding | undefined {
  const proto = command.rule.protocol;
  const protoNum = proto && !proto.inverted ? protocolNumber((proto.values[0]?.text ?? "").toLowerCase()) : undefined;
  for (const ext of extensionsOf(command.rule)) {
    const needs = ext.spec?.requiresProtocol;
    if (!needs || needs.length === 0) continue;
    // Legacy's rejection of these is a load check (src/model/load-checks.ts), by backend.
    if (nftTranslatesNatively(command.rule, ext)) continue;
    const allowed = needs.map((p) => protocolNumber(p));
    if (protoNum === undefined || !allowed.includes(protoNum)) {
      const what = needs.map((p) => `-p ${p}`).join(" or ");
      const given = proto ? `${proto.inverted ? "! " : ""}-p ${proto.values[0]?.text}` : "no -p";
      return finding("protocolRequired", ext.nameWord.span, `${ext.kind} ${ext.name} needs ${what}, but the rule has ${given}; the kernel rejects it when the ruleset is loaded`);
    }
  }
  return undefined;
}
