/**
 * A lint rule is one file under src/rules/: its code, a name that names the problem, a
 * default severity, its documentation with executed examples, and a check over the model.
 * Detection returns data; the wording lives in the rule's messages; reporters format.
 */
import type { Dump } from "../ast/nodes.js";
import type { DockerSubject, Finding, RelatedSpan, Remediation, Severity, Span } from "../findings.js";
import type { Ruleset } from "../model/ruleset.js";
import type { DockerView } from "../docker/types.js";
import { dockerViewOf } from "../docker/view-cache.js";
import type { Intent } from "../config/types.js";
import type { GivenHost } from "../engine/analysis.js";
import type { DockerNames } from "../docker/names.js";
import { subjectsByLine } from "../docker/subjects.js";

/** The same host's dump of the other IP family (iptables-save with ip6tables-save). */
export interface CompanionDump {
  readonly ruleset: Ruleset;
  readonly dump: Dump;
}

/** What the user told iptlint about the host, beyond the dump. */
export interface RuleSettings {
  /** Subnets the upstream network routes back to this host (`--routed-subnet CIDR`). */
  readonly routedSubnets: readonly string[];
  /** The other family's dump (`--ipv6 FILE`, or a v4 and a v6 dump linted together). */
  readonly companion?: CompanionDump;
  /** The configuration's `intent`: the ports meant to be public, and from where. */
  readonly intent?: Intent;
  /** The configuration's `trustedSources`: networks allowed to reach everything. */
  readonly trustedSources?: readonly string[];
  /** The host's external interface (`--external`, the configuration's `externalInterfaces`). */
  readonly externalInterface?: string;
  /** The host as `--addr` and `--routes` describe it. */
  readonly host?: GivenHost;
  /** Docker's names for networks, containers and published ports (`--docker-inspect`, `--live`). */
  readonly dockerNames?: DockerNames;
}

export const DEFAULT_SETTINGS: RuleSettings = { routedSubnets: [] };

export interface LintRuleDocs {
  /** Why it matters (ShellCheck's "Rationale"). */
  readonly why: string;
  /** When it is fine to ignore. */
  readonly exceptions?: string;
  /** A dump that must produce exactly this rule's findings (executed by test/rules/docs-examples.test.ts). */
  readonly bad: string;
  /** The same dump fixed: must produce none of this rule's findings. */
  readonly good: string;
  readonly references: readonly string[];
  /** What the user's configuration says when the examples are linted (a rule that needs an intent). */
  readonly settings?: Pick<RuleSettings, "intent" | "trustedSources" | "dockerNames">;
}

export interface Report {
  readonly span: Span;
  /** Overrides the rule's default severity for this finding (e.g. a database port is worse than a web port). */
  readonly severity?: Severity;
  readonly message: string;
  readonly help?: string;
  readonly related?: readonly RelatedSpan[];
  readonly remediation?: Remediation;
  /** The containers and networks it is about, when its span's rule does not tell (src/docker/subjects.ts). */
  readonly docker?: readonly DockerSubject[];
}

export interface RuleContext {
  readonly ruleset: Ruleset;
  readonly dump: Dump;
  /** The Docker view of the ruleset (src/docker/), computed once when a rule first asks. */
  readonly docker: DockerView;
  readonly settings: RuleSettings;
  report(r: Report): void;
}

export interface LintRule {
  /** `IPT2xx` for Docker rules, `IPT1xx` for generic ruleset logic. Never reused. */
  readonly code: string;
  /** Kebab-case, names the problem; equal to the file name. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence, no final period. */
  readonly summary: string;
  readonly docs: LintRuleDocs;
  /**
   * The rule reasons about the whole ruleset (something is absent): skipped on fragments,
   * where absence cannot be known.
   */
  readonly wholeRuleset: boolean;
  readonly check: (ctx: RuleContext) => void;
}

/** Identity helper: gives the rule object its type where it is written. */
export function defineLintRule(rule: LintRule): LintRule {
  return rule;
}

/**
 * Runs every rule over one ruleset, sharing one lazily built Docker view. With Docker's names
 * (--docker-inspect) each finding also says which containers and networks its rule is about.
 */
export function runLintRules(rules: readonly LintRule[], ruleset: Ruleset, dump: Dump, settings: RuleSettings = DEFAULT_SETTINGS): Finding[] {
  let view: DockerView | undefined;
  const docker = () => (view ??= dockerViewOf(ruleset, dump, settings.dockerNames));
  const findings = rules.flatMap((rule) => runLintRule(rule, ruleset, dump, settings, docker));
  if (!settings.dockerNames || findings.length === 0) return findings;
  const subjects = subjectsByLine(docker());
  return findings.map((f) => {
    const about = subjects.get(f.span.start.line);
    return about?.length && !f.docker ? { ...f, docker: about } : f;
  });
}

/** Runs one rule and turns its reports into findings. */
export function runLintRule(rule: LintRule, ruleset: Ruleset, dump: Dump, settings: RuleSettings = DEFAULT_SETTINGS, docker: () => DockerView = () => dockerViewOf(ruleset, dump, settings.dockerNames)): Finding[] {
  const findings: Finding[] = [];
  if (rule.wholeRuleset && dump.format === "fragment") return findings;
  rule.check({
    ruleset,
    dump,
    settings,
    get docker() {
      return docker();
    },
    report: (r) =>
      findings.push({
        code: rule.code,
        name: rule.name,
        severity: r.severity ?? rule.severity,
        message: r.message,
        span: r.span,
        ...(r.help !== undefined ? { help: r.help } : {}),
        ...(r.related !== undefined ? { related: r.related } : {}),
        ...(r.remediation !== undefined ? { remediation: r.remediation } : {}),
        ...(r.docker !== undefined ? { docker: r.docker } : {}),
      }),
  });
  return findings;
}
