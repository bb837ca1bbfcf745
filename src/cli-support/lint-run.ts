/**
 * One lint run over dumps already read: each file's options (from the command line and its
 * configuration), the host files, the v4/v6 companion pairing, then suppressions, the
 * configuration's rule settings and the baseline (src/suppress/pipeline.ts). Pure: the CLI
 * reads the files and writes the reports.
 */
import type { IptlintConfig } from "../config/types.js";
import { compareFindings, type Finding } from "../findings.js";
import { lintText, type LintOptions, type LintResult } from "../lint.js";
import type { FileReport } from "../report/types.js";
import type { CompanionDump } from "../rules/define.js";
import { SourceLines } from "../source.js";
import type { Baseline } from "../suppress/baseline.js";
import { settleFindings } from "../suppress/pipeline.js";
import { givenHost, hasHostFiles, subnetsRoutedBack, type HostFiles } from "./host-files.js";

export interface LintInput {
  /** The file as reports name it (its argument, the stdin name, the --live command). */
  readonly name: string;
  readonly text: string;
  /** Findings from decoding the bytes (invalid UTF-8, NUL bytes). */
  readonly decodeFindings: readonly Finding[];
  readonly options: LintOptions;
  readonly config?: IptlintConfig;
  readonly baseline?: Baseline;
  readonly hostFiles?: HostFiles;
}

export interface ReadFailure {
  readonly name: string;
  readonly error: string;
}

export interface RunSettings {
  /** YYYY-MM-DD, for baseline expiry. */
  readonly today: string;
  /** --report-unused-suppressions: directives and baseline entries that silenced nothing are findings. */
  readonly reportUnused: boolean;
}

export interface FileOutcome {
  readonly report: FileReport;
  /** What --write-baseline records for the file. */
  readonly baselineCandidates: readonly Finding[];
  /** The pipeline's result (dump and ruleset), for commands that go on to the engine; absent after a read failure. */
  readonly result?: LintResult;
}

/**
 * The file's options with what --addr and --routes tell: the host's facts for the dump's
 * family (known only once it is parsed, hence the first pass), its external interface unless
 * the configuration names one, and the container subnets the routes send back.
 */
function withHost(input: LintInput): LintOptions {
  const files = input.hostFiles;
  if (!files || !hasHostFiles(files)) return input.options;
  const first = lintText(input.text, input.options);
  const host = givenHost(files, first.ruleset.family);
  const routedBack = files.routes ? subnetsRoutedBack(first.ruleset, first.dump, files.routes) : [];
  const external = input.options.externalInterface ?? host.externalInterface;
  return {
    ...input.options,
    host,
    ...(external !== undefined ? { externalInterface: external } : {}),
    routedSubnets: [...(input.options.routedSubnets ?? []), ...routedBack],
  };
}

export function lintInputs(inputs: readonly (LintInput | ReadFailure)[], settings: RunSettings): FileOutcome[] {
  const prepared = inputs.map((i) => ("error" in i ? i : { input: i, options: withHost(i) }));
  const first = prepared.map((p) => ("error" in p ? undefined : lintText(p.input.text, p.options)));
  const byFamily = (family: string) => first.find((r) => r?.dump.family === family && r.dump.tables.length > 0);
  const v4 = byFamily("ipv4");
  const v6 = byFamily("ipv6");
  return prepared.map((p, i) => {
    if ("error" in p) return { report: { path: p.name, findings: [], readError: p.error }, baselineCandidates: [] };
    const own = first[i] as LintResult;
    const other = own.dump.family === "ipv4" ? v6 : v4;
    const companion: CompanionDump | undefined = v4 && v6 && other ? { ruleset: other.ruleset, dump: other.dump } : undefined;
    const result = companion ? lintText(p.input.text, { ...p.options, companion }) : own;
    return settle(p.input, result, settings);
  });
}

function settle(input: LintInput, result: LintResult, settings: RunSettings): FileOutcome {
  const source = new SourceLines(input.text);
  const settled = settleFindings({
    path: input.name,
    findings: [...input.decodeFindings, ...result.findings],
    dump: result.dump,
    source,
    today: settings.today,
    ...(input.config ? { config: input.config } : {}),
    ...(input.baseline ? { baseline: input.baseline } : {}),
  });
  const findings = settings.reportUnused ? [...settled.findings, ...settled.unused].sort(compareFindings) : settled.findings;
  const d = result.dump;
  const report: FileReport = {
    path: input.name,
    findings,
    suppressed: settled.suppressed,
    source,
    summary: { format: d.format, family: d.family, familySource: d.familySource, backend: result.backend, tables: [...result.ruleset.tables.keys()], lines: d.lineCount },
  };
  return { report, baselineCandidates: settled.baselineCandidates, result };
}
