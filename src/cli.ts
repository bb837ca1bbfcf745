/**
 * The command line: the only module that touches process, files and exit codes.
 *   iptlint [files...]            lint; 0 no error finding, 1 error findings
 *   iptlint fmt [--check|--write] canonical form; 1 when not canonical (--check) or unformattable
 *   iptlint diff OLD NEW          semantic diff; 1 when the rulesets differ
 *   iptlint rules | explain CODE  the checks and lint rules, and the full text of one
 * Exit status 2 everywhere: usage error or unreadable input.
 */
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { kernelErrors } from "./checks.js";
import { diffRulesets } from "./diff/ruleset-diff.js";
import { formatDump } from "./format/fmt.js";
import { diffText } from "./report/diff.js";
import { explain, rulesTable, suggestCode } from "./report/rules.js";
import { Command, CommanderError, Option } from "commander";
import type { Backend } from "./ast/backend.js";
import { familyFromFileName, type FamilyHint } from "./ast/detect.js";
import { hasErrors } from "./findings.js";
import { lintText, type LintResult } from "./lint.js";
import type { CompanionDump } from "./rules/define.js";
import type { Finding } from "./findings.js";
import type { Family, TableName } from "./model/netfilter.js";
import { TABLE_NAMES } from "./model/netfilter.js";
import { jsonReport } from "./report/json.js";
import { textReport } from "./report/text.js";
import type { FileReport } from "./report/types.js";
import { decodeSource, SourceLines } from "./source.js";
import { escapeText } from "./text.js";
import { exposure, trace, type ExposureReport } from "./engine/analysis.js";
import { AddressSet } from "./engine/address-set.js";
import { parseCidrSet } from "./engine/cidr.js";
import { familyOfAddress, packetSpec, type TraceOptions } from "./engine/packet-options.js";
import { exposureJson, exposureText, traceJson, traceText } from "./report/engine-text.js";

declare const IPTLINT_VERSION: string | undefined;
const VERSION = typeof IPTLINT_VERSION === "string" ? IPTLINT_VERSION : "0.0.0-dev";

interface CliOptions {
  format: "text" | "json";
  family?: Family;
  table?: TableName;
  backend?: Backend;
  color?: boolean;
  stdinFilename: string;
  routedSubnet?: string[];
  ipv6?: string;
}

/** Exit codes a CI gate can rely on. */
export const EXIT = { ok: 0, findings: 1, trouble: 2 } as const;

function readInput(path: string, stdinName: string): { bytes?: Uint8Array; error?: string; name: string } {
  if (path === "-") {
    try {
      return { bytes: readFileSync(0), name: stdinName };
    } catch (e) {
      return { error: `cannot read standard input: ${(e as Error).message}`, name: stdinName };
    }
  }
  try {
    if (statSync(path).isDirectory()) return { error: `${path} is a directory; give the dump files inside it`, name: path };
    return { bytes: readFileSync(path), name: path };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    return { error: `cannot read ${path}: ${why}`, name: path };
  }
}

function lintOptions(name: string, opts: Partial<CliOptions>) {
  const nameFamily = familyFromFileName(name);
  const family: FamilyHint | undefined = opts.family ? { family: opts.family, source: "option" } : nameFamily ? { family: nameFamily, source: "file name" } : undefined;
  return {
    ...(family ? { family } : {}),
    ...(opts.table ? { table: opts.table } : {}),
    ...(opts.backend ? { backend: opts.backend } : {}),
    ...(opts.routedSubnet?.length ? { routedSubnets: opts.routedSubnet } : {}),
  };
}

interface LoadedInput {
  readonly name: string;
  readonly text: string;
  readonly decodeFindings: Finding[];
}

function loadInput(path: string, opts: Pick<CliOptions, "stdinFilename">): LoadedInput | { name: string; error: string } {
  const input = readInput(path, opts.stdinFilename);
  if (!input.bytes) return { name: input.name, error: input.error ?? "unreadable" };
  const decoded = decodeSource(input.bytes);
  return { name: input.name, text: decoded.text, decodeFindings: decoded.findings };
}

function lintLoaded(input: LoadedInput, opts: CliOptions, companion?: CompanionDump): { report: FileReport; result: LintResult } {
  const result = lintText(input.text, { ...lintOptions(input.name, opts), ...(companion ? { companion } : {}) });
  const d = result.dump;
  const report: FileReport = {
    path: input.name,
    findings: [...input.decodeFindings, ...result.findings],
    source: new SourceLines(input.text),
    summary: { format: d.format, family: d.family, familySource: d.familySource, backend: result.backend, tables: [...result.ruleset.tables.keys()], lines: d.lineCount },
  };
  return { report, result };
}

/**
 * Lints every file; when the run holds the same host's IPv4 and IPv6 dumps (`--ipv6 FILE`,
 * or one of each family among the files), each is linted again with the other as its
 * companion, for the rules that compare the two families.
 */
function lintAll(files: readonly string[], opts: CliOptions): FileReport[] {
  const paths = opts.ipv6 ? [...files, opts.ipv6] : [...files];
  const loaded = paths.map((p) => loadInput(p, opts));
  const first = loaded.map((l) => ("error" in l ? undefined : lintLoaded(l, p6(opts, l.name === opts.ipv6))));
  const byFamily = (family: string) => first.find((r) => r?.result.dump.family === family && r.result.dump.tables.length > 0)?.result;
  const v4 = byFamily("ipv4");
  const v6 = byFamily("ipv6");
  return loaded.map((l, i) => {
    if ("error" in l) return { path: l.name, findings: [], readError: l.error };
    const own = first[i] as NonNullable<(typeof first)[number]>;
    const other = own.result.dump.family === "ipv4" ? v6 : v4;
    if (!v4 || !v6 || !other) return own.report;
    return lintLoaded(l, p6(opts, l.name === opts.ipv6), { ruleset: other.ruleset, dump: other.dump }).report;
  });
}

/** The --ipv6 file is IPv6 whatever its name says. */
function p6(opts: CliOptions, isIpv6File: boolean): CliOptions {
  return isIpv6File ? { ...opts, family: "ipv6" } : opts;
}

function program(): Command {
  return new Command()
    .name("iptlint")
    .description("Parse and lint iptables-save / ip6tables-save / iptables -S dumps, as the kernel's iptables-restore would read them")
    .version(VERSION)
    .argument("[files...]", "dump files to lint; - reads standard input", ["-"])
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--family <family>", "IP family of the input (default: from the header, file name or addresses)").choices(["ipv4", "ipv6"]))
    .addOption(new Option("-t, --table <table>", "table of headerless input (iptables -S of one table, fragments)").choices([...TABLE_NAMES]))
    .addOption(new Option("--backend <backend>", "iptables backend whose verdict counts where they differ (default: from the header, else nft)").choices(["nft", "legacy"]))
    .option("--no-color", "never colour the output")
    .option("--stdin-filename <name>", "name to report for standard input", "<stdin>")
    .option("--ipv6 <file>", "the same host's ip6tables-save, for rules that compare IPv4 and IPv6")
    .option("--routed-subnet <cidr>", "a container subnet the upstream network routes back to this host (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function inputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--family <family>", "IP family of the input (default: from the header, file name or addresses)").choices(["ipv4", "ipv6"]))
    .addOption(new Option("-t, --table <table>", "table of headerless input (iptables -S of one table)").choices([...TABLE_NAMES]))
    .addOption(new Option("--backend <backend>", "iptables backend whose verdict counts where they differ").choices(["nft", "legacy"]))
    .option("--no-color", "never colour the output")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function parseArgs(cmd: Command, argv: readonly string[]): boolean {
  try {
    cmd.parse(argv as string[], { from: "node" });
    return true;
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.trouble;
      return false;
    }
    throw e;
  }
}

function colourOn(opts: { color?: boolean }): boolean {
  return opts.color !== false && process.stdout.isTTY === true && !process.env["NO_COLOR"];
}

interface FmtOptions extends Partial<CliOptions> {
  check?: boolean;
  write?: boolean;
}

function fmtMain(argv: readonly string[]): number {
  const cmd = inputOptions(
    new Command("iptlint fmt")
      .description("print dumps in the canonical form iptables-save prints, comments kept")
      .argument("[files...]", "dump files; - reads standard input", ["-"])
      .option("--check", "print a unified diff and exit 1 when a file is not canonical")
      .option("--write", "rewrite files that are not canonical (atomically, keeping permissions)"),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<FmtOptions>();
  const files = cmd.processedArgs[0] as string[];
  if (opts.write && files.includes("-")) return usage("--write needs files, not standard input");
  let status: number = EXIT.ok;
  for (const path of files) status = Math.max(status, fmtFile(path, opts));
  return status;
}

function fmtFile(path: string, opts: FmtOptions): number {
  const input = readInput(path, "<stdin>");
  if (!input.bytes) return trouble(input.error ?? "unreadable");
  const decoded = decodeSource(input.bytes);
  const result = formatDump(decoded.text, lintOptions(input.name, opts));
  if (!result.ok) {
    const errors = kernelErrors(result.findings);
    process.stderr.write(`iptlint fmt: ${escapeText(input.name)} was not formatted: ${result.reason}\n`);
    process.stderr.write(textReport([{ path: input.name, findings: errors, source: new SourceLines(decoded.text) }], false));
    return EXIT.findings;
  }
  if (opts.check) {
    if (!result.changed) return EXIT.ok;
    process.stdout.write(createTwoFilesPatch(input.name, input.name, decoded.text, result.text, "as written", "canonical"));
    return EXIT.findings;
  }
  if (opts.write) {
    if (result.changed) {
      writeAtomically(path, result.text);
      process.stdout.write(`formatted ${escapeText(path)}\n`);
    }
    return EXIT.ok;
  }
  process.stdout.write(result.text);
  return EXIT.ok;
}

/** Temporary file in the same directory, same permissions, then rename: never a half-written file. */
function writeAtomically(path: string, text: string): void {
  const mode = statSync(path).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.iptlint-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was left behind
    }
    throw e;
  }
}

function diffMain(argv: readonly string[]): number {
  const cmd = inputOptions(
    new Command("iptlint diff")
      .description("what changes in the kernel when NEW replaces OLD: rules added, removed and moved, policies, chains")
      .argument("<old>", "the dump before")
      .argument("<new>", "the dump after")
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<Partial<CliOptions> & { format: "text" | "json" }>();
  const [oldPath, newPath] = cmd.processedArgs as [string, string];
  const sides = [oldPath, newPath].map((p) => {
    const input = readInput(p, "<stdin>");
    if (!input.bytes) return { name: input.name, error: input.error };
    const decoded = decodeSource(input.bytes);
    const result = lintText(decoded.text, lintOptions(input.name, opts));
    return { name: input.name, result, source: new SourceLines(decoded.text) };
  });
  for (const s of sides) if ("error" in s && s.error) return trouble(s.error);
  for (const s of sides) {
    const errors = kernelErrors(s.result?.findings ?? []);
    if (errors.length > 0) {
      process.stderr.write(`iptlint diff: ${escapeText(s.name)} has errors; the kernel would reject it, so there is nothing to compare\n`);
      process.stderr.write(textReport([{ path: s.name, findings: errors, ...(s.source ? { source: s.source } : {}) }], false));
      return EXIT.trouble;
    }
  }
  const [a, b] = sides as [Required<(typeof sides)[number]>, Required<(typeof sides)[number]>];
  const d = diffRulesets(a.result.ruleset, b.result.ruleset);
  process.stdout.write(opts.format === "json" ? JSON.stringify({ version: 1, old: a.name, new: b.name, ...d }, null, 2) + "\n" : diffText(d, a.name, b.name, colourOn(opts)));
  return d.equal ? EXIT.ok : EXIT.findings;
}

function usage(message: string): number {
  process.stderr.write(`iptlint: ${message}\n`);
  return EXIT.trouble;
}

function trouble(message: string): number {
  process.stderr.write(`iptlint: ${escapeText(message)}\n`);
  return EXIT.trouble;
}

function rulesMain(): number {
  process.stdout.write(rulesTable());
  return EXIT.ok;
}

function explainMain(key: string | undefined): number {
  if (!key) return usage("explain needs a code or a name, e.g. iptlint explain IPT201");
  const text = explain(key);
  if (!text) {
    const near = suggestCode(key);
    return usage(`no check or rule ${escapeText(key)}${near.length ? `; did you mean ${near.slice(0, 3).join(", ")}?` : " (iptlint rules lists them)"}`);
  }
  process.stdout.write(text);
  return EXIT.ok;
}

/** Loads one dump for the engine; a dump the kernel would reject is not analysed. */
function loadForEngine(path: string, opts: Partial<CliOptions>, command: string): { name: string; result: LintResult; source: SourceLines } | number {
  const input = readInput(path, opts.stdinFilename ?? "<stdin>");
  if (!input.bytes) return trouble(input.error ?? "unreadable");
  const decoded = decodeSource(input.bytes);
  const result = lintText(decoded.text, lintOptions(input.name, opts));
  const source = new SourceLines(decoded.text);
  const errors = kernelErrors(result.findings);
  if (errors.length > 0) {
    process.stderr.write(`iptlint ${command}: ${escapeText(input.name)} has errors; the kernel would reject it, so no packet can be traced through it\n`);
    process.stderr.write(textReport([{ path: input.name, findings: errors, source }], false));
    return EXIT.trouble;
  }
  return { name: input.name, result, source };
}

function traceMain(argv: readonly string[]): number {
  const cmd = inputOptions(
    new Command("iptlint trace")
      .description("follow one packet through the hooks: every rule that matches, each NAT rewrite, and the verdict")
      .argument("[dump]", "the dump; - reads standard input", "-")
      .requiredOption("--src <addr>", "source address")
      .requiredOption("--dst <addr>", "destination address (the host's own address for a published port)")
      .option("--proto <proto>", "protocol: tcp, udp, sctp, icmp or a number", "tcp")
      .option("--dport <port>", "destination port")
      .option("--sport <port>", "source port (default 40000)")
      .option("--in <iface>", "interface the packet arrives on (default: the external interface)")
      .option("--state <state>", "connection-tracking state: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED", "NEW")
      .option("--external <iface>", "the host's external interface (default: from the rules, else eth0)")
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<Partial<CliOptions> & TraceOptions & { format: "text" | "json"; external?: string }>();
  const path = cmd.processedArgs[0] as string;
  const family = opts.family ?? familyOfAddress(opts.src) ?? "ipv4";
  const loaded = loadForEngine(path, { ...opts, family }, "trace");
  if (typeof loaded === "number") return loaded;
  const { spec, error } = packetSpec(opts, loaded.result.ruleset.family);
  if (!spec) return usage(error ?? "bad packet");
  const report = trace(loaded.result.ruleset, loaded.result.dump, spec, { ...(opts.external ? { externalInterface: opts.external } : {}) });
  const family2 = loaded.result.ruleset.family;
  process.stdout.write(opts.format === "json" ? JSON.stringify({ version: 1, file: loaded.name, ...traceJson(report, family2) }, null, 2) + "\n" : traceText(report, family2, loaded.source, colourOn(opts)));
  return EXIT.ok;
}

function exposureMain(argv: readonly string[]): number {
  const cmd = inputOptions(
    new Command("iptlint exposure")
      .description("for every published port and host service: the sources that can reach it, and what stops the others")
      .argument("[dumps...]", "dumps (IPv4 and/or IPv6); - reads standard input", ["-"])
      .option("--from <cidr>", "only these sources, e.g. 0.0.0.0/0 for \"what can the internet reach?\"")
      .option("--external <iface>", "the host's external interface (default: from the rules, else eth0)")
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<Partial<CliOptions> & { format: "text" | "json"; from?: string; external?: string }>();
  const reports: { path: string; report: ExposureReport; source: SourceLines }[] = [];
  for (const path of cmd.processedArgs[0] as string[]) {
    const loaded = loadForEngine(path, opts, "exposure");
    if (typeof loaded === "number") return loaded;
    const family = loaded.result.ruleset.family;
    let from: AddressSet | undefined;
    if (opts.from) {
      from = parseCidrSet(opts.from.replace(/\s+/g, ""), family);
      if (!from) {
        if (familyOfAddress(opts.from) !== family) continue;
        return usage(`--from ${opts.from}: not an address or CIDR`);
      }
    }
    const report = exposure(loaded.result.ruleset, loaded.result.dump, { ...(from ? { from } : {}), ...(opts.external ? { externalInterface: opts.external } : {}) });
    reports.push({ path: loaded.name, report, source: loaded.source });
  }
  const sources = new Map(reports.map((r) => [r.path, r.source]));
  process.stdout.write(opts.format === "json" ? JSON.stringify(exposureJson(reports), null, 2) + "\n" : exposureText(reports, (p) => sources.get(p), colourOn(opts)));
  return EXIT.ok;
}

export function main(argv: readonly string[]): number {
  if (argv[2] === "trace") return traceMain([argv[0] ?? "", "iptlint trace", ...argv.slice(3)]);
  if (argv[2] === "exposure") return exposureMain([argv[0] ?? "", "iptlint exposure", ...argv.slice(3)]);
  if (argv[2] === "rules") return rulesMain();
  if (argv[2] === "explain") return explainMain(argv[3]);
  if (argv[2] === "fmt") return fmtMain([argv[0] ?? "", "iptlint fmt", ...argv.slice(3)]);
  if (argv[2] === "diff") return diffMain([argv[0] ?? "", "iptlint diff", ...argv.slice(3)]);
  const cmd = program();
  try {
    cmd.parse(argv as string[], { from: "node" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.trouble;
    throw e;
  }
  const opts = cmd.opts<CliOptions>();
  const files = cmd.processedArgs[0] as string[];
  const reports = lintAll(files, opts);
  for (const r of reports) if (r.readError) process.stderr.write(`iptlint: ${escapeText(r.readError)}\n`);
  const colour = opts.color !== false && process.stdout.isTTY === true && !process.env["NO_COLOR"];
  process.stdout.write(opts.format === "json" ? jsonReport(reports, VERSION) : textReport(reports, colour));
  if (reports.some((r) => r.readError)) return EXIT.trouble;
  return reports.some((r) => hasErrors(r.findings)) ? EXIT.findings : EXIT.ok;
}

export function run(): void {
  try {
    process.exitCode = main(process.argv);
  } catch (e) {
    // Never a stack trace: an internal error is a bug, said in one line with how to report it.
    process.stderr.write(`iptlint: internal error: ${escapeText((e as Error)?.message ?? String(e))} (please report it with the input that caused it)\n`);
    process.exitCode = EXIT.trouble;
  }
}

