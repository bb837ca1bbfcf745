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
import type { ExtensionNode } from "../ast/nodes.js";
import type { Backend, KernelCheckContext, TargetSpec } from "./extensions/targets/index.js";
import { reachingHooks } from "./chain-graph.js";
import type { Chain, FirewallRule, Ruleset, Table } from "./ruleset.js";

export function loadChecks(ruleset: Ruleset, backend: Backend): Finding[] {
  const findings: Finding[] = [];
  for (const table of ruleset.tables.values()) {
    findings.push(...loops(table));
    if (table.name === "nat") findings.push(...dropInNat(table));
    findings.push(...placement(table, backend));
    findings.push(...targetKernelChecks(table, ruleset.family, backend));
  }
  return findings;
}

function* rulesOf(table: Table): Generator<[Chain, FirewallRule]> {
  for (const chain of table.chains.values()) for (const rule of chain.rules) yield [chain, rule];
}

/** Depth-first search from the built-in chains; reports the rule that closes each loop once. */
function loops(table: Table): Finding[] {
  const out: Finding[] = [];
  const state = new Map<string, "active" | "done">();
  const visit = (name: string, path: string[]): void => {
    state.set(name, "active");
    for (const rule of table.chains.get(name)?.rules ?? []) {
      const jump = rule.command.rule.jump;
      if (jump?.kind !== "chain") continue;
      const target = table.chains.get(jump.name);
      if (!target || target.builtin) continue;
      const s = state.get(jump.name);
      if (s === "active") {
        const cycle = [...path.slice(path.indexOf(jump.name)), jump.name].join(" → ");
        out.push(finding("chainLoop", jump.word.span, `jump closes a loop ${cycle}: the kernel rejects the table (Too many levels of symbolic links)`));
      } else if (s === undefined) {
        visit(jump.name, [...path, jump.name]);
      }
    }
    state.set(name, "done");
  };
  // Only loops reachable from a built-in chain count: the kernel accepts an unreachable one
  // (oracle: `-A A -j B`, `-A B -j A` with nothing jumping to A loads on both backends).
  for (const chain of table.chains.values()) if (chain.builtin && !state.has(chain.name)) visit(chain.name, [chain.name]);
  return out;
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
