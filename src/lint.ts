/**
 * The pipeline as one function: text → lines → AST → ruleset model → kernel load checks →
 * findings. Everything here is pure; src/cli.ts does the I/O.
 */
import type { Backend } from "./ast/backend.js";
import { buildDump, markCarriageReturns } from "./ast/build.js";
import type { FamilyHint } from "./ast/detect.js";
import type { Dump } from "./ast/nodes.js";
import { CHECKS, finding, kernelErrors } from "./checks.js";
import { compareFindings, FILE_START, type Finding } from "./findings.js";
import { environmentNeeds } from "./model/environment.js";
import { loadChecks } from "./model/load-checks.js";
import type { TableName } from "./model/netfilter.js";
import { buildRuleset, type Ruleset } from "./model/ruleset.js";
import { runLintRules, type CompanionDump, type RuleSettings } from "./rules/define.js";
import { LINT_RULES } from "./rules/index.js";
import { markConfidence } from "./listing/confidence.js";
import type { InputFormatChoice } from "./listing/detect.js";

export interface LintOptions {
  readonly family?: FamilyHint;
  /** Table for headerless input (`iptables -S` of one table). */
  readonly table?: TableName;
  readonly backend?: Backend;
  /** `--input-format`: iptables-save, iptables -S or iptables -L output; detected when absent. */
  readonly inputFormat?: InputFormatChoice;
  /** Subnets routed back to this host upstream (`--routed-subnet`): no masquerading needed. */
  readonly routedSubnets?: readonly string[];
  /** The same host's dump of the other IP family, for rules that compare the two. */
  readonly companion?: CompanionDump;
  /** The configuration's intent, trusted sources and external interface, and the host from --addr/--routes. */
  readonly intent?: RuleSettings["intent"];
  readonly trustedSources?: RuleSettings["trustedSources"];
  readonly externalInterface?: RuleSettings["externalInterface"];
  readonly host?: RuleSettings["host"];
  /** Docker's names (--docker-inspect, --live): findings name containers, images and networks. */
  readonly dockerNames?: RuleSettings["dockerNames"];
}

export interface LintResult {
  readonly dump: Dump;
  readonly ruleset: Ruleset;
  /** Sorted by position, then code. */
  readonly findings: Finding[];
  /** The backend whose verdict the errors describe. */
  readonly backend: Backend;
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const { dump, findings } = buildDump(text, options);
  const backend = options.backend ?? dump.backend ?? "nft";
  const model = buildRuleset(dump, backend);
  const lint = runLintRules(LINT_RULES, model.ruleset, dump, ruleSettings(options));
  const all = markCarriageReturns([...findings, ...model.findings, ...loadChecks(model.ruleset, backend), ...environmentNeeds(model.ruleset).filter((f) => !dump.listing || f.code !== CHECKS.needsDns.code), ...lint], text);
  if (dump.tables.length === 0 && kernelErrors(all).length === 0) {
    all.push(finding("emptyInput", FILE_START, "the input holds no table, chain or rule: nothing to check (did iptables-save run without root?)"));
  }
  all.sort(compareFindings);
  // A listing shows names where the kernel holds addresses, and no interfaces without -v.
  return { dump, ruleset: model.ruleset, findings: dump.listing ? markConfidence(all, dump.listing) : all, backend };
}

/** The settings the lint rules see: only what was given, so that absent means "not told". */
function ruleSettings(options: LintOptions): RuleSettings {
  return {
    routedSubnets: options.routedSubnets ?? [],
    ...(options.companion ? { companion: options.companion } : {}),
    ...(options.intent ? { intent: options.intent } : {}),
    ...(options.trustedSources?.length ? { trustedSources: options.trustedSources } : {}),
    ...(options.externalInterface ? { externalInterface: options.externalInterface } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.dockerNames ? { dockerNames: options.dockerNames } : {}),
  };
}
