/**
 * Checks the kernel makes when a restored table is committed (not by `--test`): jumps form
 * no loop reachable from a built-in chain, nat holds no DROP, and each extension is used
 * only in the tables and hooks its checkentry allows (a user chain inherits the hooks of
 * every built-in chain that reaches it, as ip_tables' mark_source_chains and nft's chain
 * validation do). Jumps to missing or built-in chains are reported while the rules are
 * read (ruleset.ts checkJump), where the order of declarations is still known.
 */
import { backendFinding } from "../ast/backend.js";
import { finding } from "../checks.js";
import type { Finding } from "../findings.js";
import { extensionsOf, givenOptions, ruleProtocol } from "../ast/extension-context.js";
import { nftTranslatesNatively } from "../ast/final-checks.js";
import type { ExtensionNode } from "../ast/nodes.js";
import type { Backend, KernelCheckContext, TargetSpec } from "./extensions/targets/index.js";
import { chainSuccessors, chainTarget, reachingHooks } from "./chain-graph.js";
import { quoteText } from "../text.js";
import type { Chain, FirewallRule, Ruleset, Table } from "./ruleset.js";

export function loadChecks(ruleset: Ruleset, backend: Backend): Finding[] {
  const findings: Finding[] = [];
  for (const table of ruleset.tables.values()) {
    findings.push(...loops(table));
    if (table.name === "nat") findings.push(...dropInNat(table));
    findings.push(...placement(table, backend));
    findings.push(...targetKernelChecks(table, ruleset.family, backend));
    findings.push(...invertedProtocolMatches(table, backend));
    findings.push(...jumpsTooDeep(table, backend));
  }
  return findings;
}

/** `! -p tcp --dport 22`: legacy's xt_tcpudp check refuses it; nft translates it natively (final-checks.ts). */
function invertedProtocolMatches(table: Table, backend: Backend): Finding[] {
  const out: Finding[] = [];
  for (const [, rule] of rulesOf(table)) {
    const spec = rule.command.rule;
    if (!spec.protocol?.inverted) continue;
    for (const ext of spec.matches) {
      if (!nftTranslatesNatively(spec, ext)) continue;
      const given = `! -p ${spec.protocol.values[0]?.text ?? ""}`;
      out.push(backendFinding("protocolRequired", ext.nameWord.span, `match ${ext.name} needs -p ${ext.name}, but the rule has ${given}`, "legacy", backend, `iptables-nft turns the match into native nftables expressions, so only legacy's kernel check refuses it; to match other protocols, drop the ${ext.name} match`));
    }
  }
  return out;
}

function* rulesOf(table: Table): Generator<[Chain, FirewallRule]> {
  for (const chain of table.chains.values()) for (const rule of chain.rules) yield [chain, rule];
}

/**
 * Depth-first search from the built-in chains; reports the rule that closes each loop once.
 * The search keeps its own stack (a hostile dump chains 100k user chains one into the next,
 * deeper than the call stack) and one path shared by every step, so a deep chain costs
 * linear time.
 */
function loops(table: Table): Finding[] {
  const out: Finding[] = [];
  const state = new Map<string, "active" | "done">();
  for (const root of table.chains.values()) {
    // Only loops reachable from a built-in chain count: the kernel accepts an unreachable one
    // (oracle: `-A A -j B`, `-A B -j A` with nothing jumping to A loads on both backends).
    if (!root.builtin || state.has(root.name)) continue;
    const path: string[] = [root.name];
    const nextRule: number[] = [0];
    const depthOf = new Map<string, number>([[root.name, 0]]);
    state.set(root.name, "active");
    while (path.length > 0) {
      const depth = path.length - 1;
      const name = path[depth] as string;
      const rules = table.chains.get(name)?.rules ?? [];
      const index = nextRule[depth] as number;
      nextRule[depth] = index + 1;
      if (index >= rules.length) {
        state.set(name, "done");
        depthOf.delete(name);
        path.pop();
        nextRule.pop();
        continue;
      }
      const jump = (rules[index] as FirewallRule).command.rule.jump;
      if (jump?.kind !== "chain") continue;
      const target = table.chains.get(jump.name);
      if (!target || target.builtin) continue;
      const s = state.get(jump.name);
      if (s === "active") {
        const cycle = describeCycle(path.slice(depthOf.get(jump.name)), jump.name);
        out.push(finding("chainLoop", jump.word.span, `jump closes a loop ${cycle}: the kernel rejects the table (Too many levels of symbolic links)`));
      } else if (s === undefined) {
        state.set(jump.name, "active");
        depthOf.set(jump.name, path.length);
        path.push(jump.name);
        nextRule.push(0);
      }
    }
  }
  return out;
}

/**
 * nf_tables validates a ruleset with a jump stack of NFT_JUMP_STACK_SIZE (16) levels: a chain
 * 16 jumps or gotos below a built-in chain fails with EMLINK ("RULE_APPEND failed (Too many
 * links): rule in chain A15", oracle). Legacy has no such limit (it loads 100k levels).
 * The depth of a chain is its longest path from a built-in chain; the rule reported is the
 * jump that crosses the limit (the kernel also names every deeper one).
 */
export const NFT_MAX_JUMP_DEPTH = 15;

function jumpsTooDeep(table: Table, backend: Backend): Finding[] {
  const successors = chainSuccessors(table);
  const isUserChain = (name: string): boolean => table.chains.get(name)?.builtin === false;
  // Post-order of an iterative depth-first search from the built-in chains; reversed, it is a
  // topological order in which every edge that does not close a loop points forwards.
  const postOrder: string[] = [];
  const seen = new Set<string>();
  for (const root of table.chains.values()) {
    if (!root.builtin) continue;
    seen.add(root.name);
    const stack: { name: string; next: number }[] = [{ name: root.name, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; next: number };
      const next = (successors.get(top.name) ?? [])[top.next++];
      if (next === undefined) {
        postOrder.push(top.name);
        stack.pop();
      } else if (isUserChain(next) && !seen.has(next)) {
        seen.add(next);
        stack.push({ name: next, next: 0 });
      }
    }
  }
  const order = postOrder.reverse();
  const position = new Map(order.map((name, i) => [name, i]));
  const depth = new Map<string, number>();
  for (const name of order) {
    const d = depth.get(name) ?? 0;
    for (const next of successors.get(name) ?? []) {
      if (!isUserChain(next) || (position.get(next) as number) <= (position.get(name) as number)) continue;
      if ((depth.get(next) ?? 0) < d + 1) depth.set(next, d + 1);
    }
  }
  const out: Finding[] = [];
  for (const name of order) {
    if (depth.get(name) !== NFT_MAX_JUMP_DEPTH) continue;
    for (const rule of table.chains.get(name)?.rules ?? []) {
      const target = chainTarget(rule);
      if (target === undefined || !isUserChain(target) || (position.get(target) as number) <= (position.get(name) as number)) continue;
      const word = (rule.command.rule.jump as NonNullable<typeof rule.command.rule.jump>).word;
      out.push(backendFinding("jumpTooDeep", word.span, `this jump puts chain ${quoteText(target)} ${NFT_MAX_JUMP_DEPTH + 1} jumps below a built-in chain (via ${quoteText(name)}): nf_tables nests at most ${NFT_MAX_JUMP_DEPTH} ("Too many links")`, "nft", backend, "flatten the chain: let an earlier chain jump to the deep chains directly"));
    }
  }
  return out;
}

/** `A → B → A`; a loop through thousands of chains is shortened to its ends. */
function describeCycle(chains: readonly string[], back: string): string {
  const shown = chains.length <= 8 ? chains : [...chains.slice(0, 3), `… ${chains.length - 6} more …`, ...chains.slice(-3)];
  return [...shown, back].join(" → ");
}

/** iptables refuses DROP in nat: "The nat table is not intended for filtering" (do_command). */
function dropInNat(table: Table): Finding[] {
  const out: Finding[] = [];
  for (const [, rule] of rulesOf(table)) {
    const jump = rule.command.rule.jump;
    if (jump?.kind === "verdict" && jump.name === "DROP") {
      out.push(finding("targetNotAllowed", jump.word.span, "The nat table is not intended for filtering: DROP is refused there", { help: "drop the traffic in the filter table (or raw/mangle PREROUTING)" }));
    }
  }
  return out;
}

/** Which backends enforce an extension's table/hook limits (iptables-nft turns TRACE into a native expression). */
function enforcedBy(ext: ExtensionNode): readonly Backend[] {
  return (ext.spec as TargetSpec | undefined)?.placementBackends ?? ["nft", "legacy"];
}

function placementFinding(ext: ExtensionNode, message: string, backend: Backend): Finding {
  const by = enforcedBy(ext);
  if (by.length === 2) return finding("targetNotAllowed", ext.nameWord.span, message);
  return backendFinding("targetNotAllowed", ext.nameWord.span, message, by[0] as Backend, backend);
}

/**
 * Hooks an extension may run in: its own, narrowed by options that have their own (TCPMSS
 * --clamp-mss-to-pmtu) and by what its option values allow (policy --dir, physdev-out).
 */
function allowedHooks(ext: ExtensionNode): readonly string[] | undefined {
  const spec = ext.spec;
  let hooks: readonly string[] | undefined = spec?.hooks;
  const narrow = (only: readonly string[]) => {
    hooks = hooks ? hooks.filter((h) => only.includes(h)) : only;
  };
  for (const o of ext.options) {
    const only = spec?.optionHooks?.[o.name];
    if (only) narrow(only);
  }
  const byValue = spec?.hooksFor?.(givenOptions(ext.options));
  if (byValue) narrow(byValue);
  return hooks;
}

function placement(table: Table, backend: Backend): Finding[] {
  const out: Finding[] = [];
  let hooks: Map<string, Set<string>> | undefined;
  for (const [chain, rule] of rulesOf(table)) {
    for (const ext of extensionsOf(rule.command.rule)) {
      const spec = ext.spec;
      if (!spec) continue;
      if (spec.tables && !spec.tables.includes(table.name)) {
        out.push(placementFinding(ext, `${ext.kind} ${ext.name} is only valid in the ${spec.tables.join(", ")} table${spec.tables.length > 1 ? "s" : ""}, not in ${table.name}`, backend));
        continue;
      }
      if (!spec.hooks && !spec.optionHooks && !spec.hooksFor) continue;
      const allowed = allowedHooks(ext);
      if (!allowed) continue;
      hooks ??= reachingHooks(table);
      const from = [...(hooks.get(chain.name) ?? [])].filter((h) => !allowed.includes(h));
      if (from.length > 0) {
        const via = chain.builtin ? "" : ` (chain ${chain.name} is reached from ${from.join(", ")})`;
        out.push(placementFinding(ext, `${ext.kind} ${ext.name} is only valid in ${allowed.join(", ")}, but this rule runs in ${from.join(", ")}${via}`, backend));
      }
    }
  }
  return out;
}

/** Target checkentry checks that look at option values and the rule's matches. */
function targetKernelChecks(table: Table, family: Ruleset["family"], backend: Backend): Finding[] {
  const out: Finding[] = [];
  for (const [, rule] of rulesOf(table)) {
    const jump = rule.command.rule.jump;
    if (jump?.kind !== "extension") continue;
    const checks = (jump.extension.spec as TargetSpec | undefined)?.kernelChecks;
    if (!checks) continue;
    const ctx: KernelCheckContext = {
      family,
      options: givenOptions(jump.extension.options),
      ...ruleProtocol(rule.command.rule),
      matches: rule.command.rule.matches.map((m) => m.name),
      matchOptions: rule.command.rule.matches.map((m) => ({ name: m.spec?.name ?? m.name, options: givenOptions(m.options) })),
    };
    for (const k of checks) {
      const message = k.check(ctx);
      if (!message) continue;
      const by = k.backends ?? ["nft", "legacy"];
      const text = `${message} (the kernel rejects this rule when the ruleset is loaded)`;
      out.push(by.length === 2 ? finding("extensionCheckFailed", jump.word.span, text) : backendFinding("extensionCheckFailed", jump.word.span, message, by[0] as Backend, backend));
    }
  }
  return out;
}
