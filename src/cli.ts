/**
 * The command line: the only module that touches process, files, the environment, child
 * processes and exit codes. Everything it calls is pure (src/cli-support/ holds the CLI's own
 * logic). Exit status, as a CI gate reads it:
 *   0  nothing at or above --fail-on (default warning)
 *   1  findings at or above it, more warnings than --max-warnings, a `fmt --check` diff, a `diff` difference
 *   2  usage error, unreadable input, a bad configuration/baseline/host file, or an internal error
 */
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants as fsConstants, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { kernelErrors } from "./checks.js";
import { colourWanted } from "./cli-support/colour.js";
import { commandsHelp } from "./cli-support/commands.js";
import { findingsStatus, isSeverity, SEVERITIES, type Gate } from "./cli-support/exit-status.js";
import { fileLintOptions, type CommandLineInput } from "./cli-support/file-options.js";
import { givenHost, type HostFiles } from "./cli-support/host-files.js";
import { lintInputs, type LintInput, type ReadFailure } from "./cli-support/lint-run.js";
import { collectLive, type CommandOutput } from "./cli-support/live.js";
import { collectDockerInspect } from "./cli-support/docker-live.js";
import { mergeInspects, parseDockerInspect, type DockerInspect } from "./docker/inspect.js";
import { DockerNames } from "./docker/names.js";
import { outputTargets, parseOutputTarget, type OutputTarget } from "./cli-support/output-targets.js";
import { problemLines, type LocatedProblem } from "./cli-support/problems.js";
import { discoverConfig, loadConfigFile, type ConfigFileAccess, type LoadedConfig } from "./config/discover.js";
import type { IptlintConfig } from "./config/types.js";
import { diffRulesets } from "./diff/ruleset-diff.js";
import { formatDump } from "./format/fmt.js";
import { parseIpAddr } from "./host/ip-addr.js";
import { parseIpRoute } from "./host/ip-route.js";
import { diffText } from "./report/diff.js";
import { renderReport } from "./report/formats.js";
import { explain, rulesTable, suggestCode } from "./report/rules.js";
import type { Finding } from "./findings.js";
import { lintText, type LintResult } from "./lint.js";
import type { Family } from "./model/netfilter.js";
import { TABLE_NAMES } from "./model/netfilter.js";
import { textReport } from "./report/text.js";
import type { FileReport } from "./report/types.js";
import { decodeSource, describeBinary, SourceLines } from "./source.js";
import { parseBaseline, writeBaseline, type Baseline } from "./suppress/baseline.js";
import { escapeLines, escapeStringsReplacer, escapeText, hasControlInLines } from "./text.js";
import { exposure, trace, type ExposureReport, type GivenHost } from "./engine/analysis.js";
import { AddressSet } from "./model/ip/address-set.js";
import { parseCidrSet } from "./model/ip/cidr.js";
import { familyOfAddress, packetSpec, type TraceOptions } from "./engine/packet-options.js";
import { exposureJson, exposureText, traceJson, traceText } from "./report/engine-text.js";
import { compareFiles, compareGit, type ChangeFlags, type ChangeIo } from "./cli-support/change-run.js";
import { runGit } from "./cli-support/git.js";
import { changeVerdict, type ChangeGate } from "./change/report.js";
import { CHANGE_FORMATS, renderChange, renderRuleDiffs, type ChangeFormat } from "./report/change-formats.js";

declare const IPTLINT_VERSION: string | undefined;
const VERSION = typeof IPTLINT_VERSION === "string" ? IPTLINT_VERSION : "0.0.0-dev";

interface InputFlags extends CommandLineInput {
  color?: boolean;
  stdinFilename?: string;
  config?: string | false;
  addr?: string;
  routes?: string;
  /** --docker-inspect FILE, repeatable. */
  dockerInspect?: string[];
}

interface LintFlags extends InputFlags {
  format?: OutputTarget[];
  ipv6?: string;
  failOn: string;
  exitZero?: boolean;
  maxWarnings?: number;
  baseline?: string;
  writeBaseline?: string;
  reportUnusedSuppressions?: boolean;
  live?: boolean;
}

/** Exit codes a CI gate can rely on. */
export const EXIT = { ok: 0, findings: 1, trouble: 2 } as const;

function readInput(path: string, stdinName: string): { bytes?: Uint8Array; error?: string; name: string } {
  if (path === "-") {
    try {
      return notBinary({ bytes: readFileSync(0), name: stdinName });
    } catch (e) {
      return { error: `cannot read standard input: ${(e as Error).message}`, name: stdinName };
    }
  }
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: `${path} is a directory; give the dump files inside it`, name: path };
    // /dev/zero or /dev/urandom would be read until memory runs out, a terminal until ^D.
    if (stat.isCharacterDevice() || stat.isBlockDevice() || stat.isSocket()) return { error: `${path} is a device, not a dump file (use - for standard input)`, name: path };
    return notBinary({ bytes: readFileSync(path), name: path });
  } catch (e) {
    return { error: `cannot read ${path}: ${whyUnreadable(e)}`, name: path };
  }
}

/** An executable, an archive or random bytes given by mistake: refused, with what it is. */
function notBinary(input: { bytes: Uint8Array; name: string }): { bytes?: Uint8Array; error?: string; name: string } {
  const binary = describeBinary(input.bytes);
  return binary ? { error: `${input.name} is ${binary}, not an iptables-save or iptables -S dump`, name: input.name } : input;
}

function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
}

function readText(path: string): string | { error: string } {
  try {
    return decodeSource(readFileSync(path)).text;
  } catch (e) {
    return { error: `cannot read ${path}: ${whyUnreadable(e)}` };
  }
}

function lintOptions(name: string, opts: CommandLineInput) {
  return fileLintOptions(name, opts);
}

const FS_ACCESS: ConfigFileAccess = {
  exists: (path) => existsSync(path) && statSync(path).isFile(),
  readFile: (path) => readFileSync(path, "utf8"),
};

/**
 * The configuration of each linted file: `--config FILE` for all, none with `--no-config`,
 * else the nearest one from the file's directory upwards (the working directory for
 * standard input and --live). Problems are collected once per configuration file.
 */
class Configs {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly explicit?: LoadedConfig;
  readonly problems = new Map<string, readonly LocatedProblem[]>();

  constructor(private readonly flag: string | false | undefined) {
    if (typeof flag === "string") this.explicit = this.note(loadConfigFile(flag, FS_ACCESS));
  }

  forInput(path: string | undefined): IptlintConfig | undefined {
    if (this.flag === false) return undefined;
    if (this.explicit) return this.explicit.config;
    const dir = path === undefined || path === "-" ? process.cwd() : dirname(resolve(path));
    if (!this.byDir.has(dir)) {
      const found = discoverConfig(dir, FS_ACCESS);
      this.byDir.set(dir, found ? this.note(found) : undefined);
    }
    return this.byDir.get(dir)?.config;
  }

  private note(loaded: LoadedConfig): LoadedConfig {
    if (loaded.problems.length) this.problems.set(loaded.path, loaded.problems);
    return loaded;
  }

  /** Prints every problem; true when there were any (exit 2). */
  report(): boolean {
    for (const [path, problems] of this.problems) process.stderr.write(problemLines(path, problems));
    return this.problems.size > 0;
  }
}

/** `--addr FILE` / `--routes FILE`; a number is the exit status after a problem was printed. */
function readHostFiles(opts: Pick<InputFlags, "addr" | "routes">): HostFiles | number {
  let files: HostFiles = {};
  for (const [flag, path] of [["--addr", opts.addr], ["--routes", opts.routes]] as const) {
    if (path === undefined) continue;
    const text = readText(path);
    if (typeof text !== "string") return trouble(`${flag}: ${text.error}`);
    const parsed = flag === "--addr" ? parseIpAddr(text) : parseIpRoute(text);
    if (parsed.problems.length) {
      process.stderr.write(problemLines(path, parsed.problems));
      return EXIT.trouble;
    }
    files = "interfaces" in parsed ? { ...files, interfaces: parsed.interfaces } : { ...files, routes: parsed.routes };
  }
  return files;
}

/** Baselines by path, read once; a number is the exit status after a problem was printed. */
function readBaseline(path: string, cache: Map<string, Baseline>): Baseline | number {
  const known = cache.get(path);
  if (known) return known;
  const text = readText(path);
  if (typeof text !== "string") return trouble(`baseline: ${text.error} (create it with --write-baseline ${path})`);
  const parsed = parseBaseline(text);
  if (!parsed.baseline) {
    process.stderr.write(problemLines(path, parsed.problems));
    return EXIT.trouble;
  }
  cache.set(path, parsed.baseline);
  return parsed.baseline;
}

interface LoadedInput {
  readonly name: string;
  /** The path it was read from; undefined for --live. */
  readonly path?: string;
  readonly text: string;
  readonly decodeFindings: Finding[];
  readonly family?: Family;
}

function loadInput(path: string, stdinName: string): LoadedInput | ReadFailure {
  const input = readInput(path, stdinName);
  if (!input.bytes) return { name: input.name, error: input.error ?? "unreadable" };
  const decoded = decodeSource(input.bytes);
  return { name: input.name, path, text: decoded.text, decodeFindings: decoded.findings };
}

/** The first executable file called `name` in a PATH directory. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs one read-only command: a save command without arguments, or a docker query (src/cli-support/docker-live.ts). */
function runSaveCommand(path: string, args: readonly string[] = []): CommandOutput {
  try {
    const stdout = execFileSync(path, [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30, timeout: 120_000 });
    return { stdout, stderr: "", status: 0 };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number | null; stdout?: string; stderr?: string };
    return { stdout: err.stdout ?? "", stderr: err.stderr ?? "", status: err.status ?? null, ...(err.code && typeof err.code === "string" ? { errorCode: err.code } : {}) };
  }
}

function liveInputs(): LoadedInput[] | number {
  const live = collectLive(onPath, runSaveCommand);
  if ("error" in live) return trouble(live.error);
  for (const note of live.notes) process.stderr.write(`iptlint: ${escapeText(note)}\n`);
  return live.dumps.map((d) => ({ name: d.name, text: d.text, decodeFindings: [], family: d.family }));
}

const MAX_INSPECT_NOTES = 5;

/** Parses one docker inspect JSON text; notes go to stderr, a broken file is a number (the exit status). */
function dockerInspectOf(name: string, text: string): DockerInspect | number {
  const parsed = parseDockerInspect(text);
  if (parsed.problems.length) {
    process.stderr.write(problemLines(name, parsed.problems));
    return EXIT.trouble;
  }
  for (const n of parsed.notes.slice(0, MAX_INSPECT_NOTES)) process.stderr.write(`iptlint: ${escapeText(name)}${n.line !== undefined ? `:${n.line}` : ""}: note: ${escapeText(n.message)}\n`);
  if (parsed.notes.length > MAX_INSPECT_NOTES) process.stderr.write(`iptlint: ${escapeText(name)}: ${parsed.notes.length - MAX_INSPECT_NOTES} more notes like these\n`);
  if (parsed.inspect.networks.length === 0 && parsed.inspect.containers.length === 0) process.stderr.write(`iptlint: ${escapeText(name)}: note: holds no network and no container; nothing is named from it\n`);
  return parsed.inspect;
}

/**
 * Docker's names: from --docker-inspect files, else (with --live) from the docker CLI itself;
 * undefined without either. A number is the exit status after a problem was printed.
 */
function dockerNamesFor(opts: Pick<InputFlags, "dockerInspect">, live: boolean): DockerNames | undefined | number {
  const parts: DockerInspect[] = [];
  for (const path of opts.dockerInspect ?? []) {
    const text = readText(path);
    if (typeof text !== "string") return trouble(`--docker-inspect: ${text.error}`);
    const inspect = dockerInspectOf(path, text);
    if (typeof inspect === "number") return inspect;
    parts.push(inspect);
  }
  if (parts.length === 0 && live) {
    const asked = collectDockerInspect(onPath, (path, args) => runSaveCommand(path, args));
    if (asked.note) process.stderr.write(`iptlint: ${escapeText(asked.note)}\n`);
    for (const out of asked.outputs) {
      const inspect = dockerInspectOf(out.name, out.text);
      // docker's own output that does not parse: say so (done) and go on without names.
      if (typeof inspect === "number") return undefined;
      parts.push(inspect);
    }
  }
  return parts.length ? new DockerNames(mergeInspects(parts)) : undefined;
}

function collectFormat(value: string, previous: OutputTarget[] | undefined): OutputTarget[] {
  const target = parseOutputTarget(value);
  if ("error" in target) throw new InvalidArgumentError(target.error);
  return [...(previous ?? []), target];
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("expected a whole number of warnings, 0 or more");
  return Number(value);
}

/** `--input-format`: what the dumps are; detected from the text when not given (src/listing/detect.ts). */
function inputFormatOption(): Option {
  return new Option("--input-format <format>", "what the input is: save (iptables-save), S (iptables -S) or list (iptables -L [-n] [-v] output) (default: detected)").choices(["save", "S", "list"]);
}

function program(): Command {
  return new Command()
    .name("iptlint")
    .usage("[command] [options] [files...]")
    .description("Parse and lint iptables-save / ip6tables-save / iptables -S dumps of Docker hosts, as the kernel's iptables-restore would read them")
    .version(VERSION, "-V, --version", "print iptlint's version")
    .helpOption("-h, --help", "show this help (iptlint <command> --help for a command's)")
    .argument("[files...]", "dump files to lint; - reads standard input (the default)")
    .option("-f, --format <format[=file]>", "report format: text, stylish, compact, json, sarif, github, gitlab, checkstyle, junit; =FILE writes it to a file (repeatable; default stylish on a terminal, else text)", collectFormat)
    .addOption(new Option("--fail-on <severity>", "lowest severity that makes the exit status 1").choices([...SEVERITIES]).default("warning"))
    .option("--max-warnings <n>", "exit 1 when there are more than N warnings, whatever --fail-on says", parseCount)
    .option("--exit-zero", "exit 0 even when there are findings (2 still means trouble)")
    .option("-c, --config <file>", "use this configuration file instead of looking for .iptlintrc.json/.yaml or iptlint.config.json")
    .option("--no-config", "use no configuration file")
    .option("--baseline <file>", "do not report the findings recorded in this baseline (default: the configuration's baseline)")
    .option("--write-baseline <file>", "record every current finding in a baseline file and exit 0")
    .option("--report-unused-suppressions", "report suppression comments and baseline entries that silenced nothing")
    .option("--live", "lint this host's rules: runs iptables-save and ip6tables-save (and the -legacy/-nft variants on PATH); needs root, changes nothing")
    .option("--ipv6 <file>", "the same host's ip6tables-save, for rules that compare IPv4 and IPv6")
    .option("--routed-subnet <cidr>", "a container subnet the upstream network routes back to this host (repeatable)", (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option("--addr <file>", "the host's `ip addr` output (text or -j JSON): its real addresses")
    .option("--routes <file>", "`ip route` output of the host or its router: the external interface, and subnets routed back")
    .option("--docker-inspect <file>", "JSON of `docker network inspect $(docker network ls -q)` and/or `docker inspect $(docker ps -q)`: findings name containers, images and networks (repeatable; --live asks docker itself)", (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .addOption(new Option("--family <family>", "IP family of the input (default: from the header, file name or addresses)").choices(["ipv4", "ipv6"]))
    .addOption(new Option("-t, --table <table>", "table of headerless input (iptables -S of one table, fragments)").choices([...TABLE_NAMES]))
    .addOption(new Option("--backend <backend>", "iptables backend whose verdict counts where they differ (default: from the header, else nft)").choices(["nft", "legacy"]))
    .addOption(inputFormatOption())
    .option("--stdin-filename <name>", "name to report for standard input", "<stdin>")
    .option("--color", "colour the output even when it is not a terminal (beats NO_COLOR and FORCE_COLOR)")
    .option("--no-color", "never colour the output")
    .addHelpText("after", commandsHelp())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function inputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--family <family>", "IP family of the input (default: from the header, file name or addresses)").choices(["ipv4", "ipv6"]))
    .addOption(new Option("-t, --table <table>", "table of headerless input (iptables -S of one table)").choices([...TABLE_NAMES]))
    .addOption(new Option("--backend <backend>", "iptables backend whose verdict counts where they differ").choices(["nft", "legacy"]))
    .addOption(inputFormatOption())
    .option("--color", "colour the output even when it is not a terminal")
    .option("--no-color", "never colour the output");
}

/** What every subcommand shares: -h, and usage errors thrown to parseArgs and written to stderr. */
function subcommand(name: string): Command {
  return new Command(name)
    .helpOption("-h, --help", "show this help")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Options of the engine commands (trace, exposure): the host as the files describe it, the configuration, the output format. */
function engineOptions(cmd: Command): Command {
  return cmd
    .option("--external <iface>", "the host's external interface (default: the configuration's, the default route's, else a guess from the rules)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--addr <file>", "the host's `ip addr` output (text or -j JSON): its real addresses instead of guesses from the rules")
    .option("--routes <file>", "the host's `ip route` output: routing decisions, and the external interface (the default route's device)")
    .option("--docker-inspect <file>", "JSON of `docker network inspect …` and/or `docker inspect …`: name containers, images and networks (repeatable)", (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option("-c, --config <file>", "configuration file to read externalInterfaces from (default: the nearest .iptlintrc)")
    .option("--no-config", "use no configuration file");
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
  return colourWanted({ ...(opts.color !== undefined ? { flag: opts.color } : {}), env: process.env, isTTY: process.stdout.isTTY === true });
}

interface FmtOptions extends InputFlags {
  check?: boolean;
  write?: boolean;
}

function fmtMain(argv: readonly string[]): number {
  const cmd = inputOptions(
    subcommand("iptlint fmt")
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
    // A diff is for reading: the dump's control characters are shown escaped.
    process.stdout.write(escapeLines(createTwoFilesPatch(input.name, input.name, decoded.text, result.text, "as written", "canonical")));
    return EXIT.findings;
  }
  if (opts.write) {
    if (result.changed) {
      writeAtomically(path, result.text);
      process.stdout.write(`formatted ${escapeText(path)}\n`);
    }
    return EXIT.ok;
  }
  process.stdout.write(shownDump(input.name, result.text));
  return EXIT.ok;
}

/**
 * The canonical text as printed: control characters from the dump (an ESC in a comment, a
 * CR in a chain name) would act on the terminal or the CI log that shows it, so they are
 * escaped, with a note that those lines are then not restore input as printed. `--write`
 * rewrites the file itself byte for byte.
 */
function shownDump(name: string, text: string): string {
  if (!hasControlInLines(text)) return text;
  const lines = text.split("\n").flatMap((l, i) => (hasControlInLines(l) ? [i + 1] : []));
  const listed = lines.length > 10 ? `${lines.slice(0, 10).join(", ")}, …` : lines.join(", ");
  process.stderr.write(`iptlint fmt: ${escapeText(name)}: control characters on line${lines.length > 1 ? "s" : ""} ${listed} are shown escaped (\\x1b, \\r, …), so those lines are not restore input as printed; fmt --write rewrites the file byte for byte\n`);
  return escapeLines(text);
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
  const cmd = changeOptions(
    inputOptions(
      subcommand("iptlint diff")
        .description("what changes in the kernel when NEW replaces OLD: rules added, removed and moved, policies, chains; with --exposure, what the change opens up (as iptlint check)")
        .usage("[options] <old> <new>  |  --git <rev> [paths...]")
        .argument("[files...]", "OLD and NEW dumps; with --git, the paths to compare (default: every changed ruleset file)")
        .option("--exposure", "also compare what both versions expose and their findings; exit 1 when something becomes more reachable or a new finding is at or above --fail-on"),
    ),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<ChangeCliFlags & { exposure?: boolean }>();
  const args = cmd.processedArgs[0] as string[];
  if (!opts.exposure && opts.format === "markdown") return usage("--format markdown is for the change report: add --exposure, or run iptlint check");
  if (opts.exposure || opts.git !== undefined) return changeRun(opts, args, { exposure: opts.exposure === true, command: "diff" });
  if (args.length !== 2) return usage("diff needs two dumps, OLD and NEW (or --git REV)");
  return plainDiff(opts, args[0] as string, args[1] as string);
}

function plainDiff(opts: InputFlags & { format: string }, oldPath: string, newPath: string): number {
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
  process.stdout.write(opts.format === "json" ? JSON.stringify({ version: 1, old: a.name, new: b.name, ...d }, escapeStringsReplacer, 2) + "\n" : diffText(d, a.name, b.name, colourOn(opts)));
  return d.equal ? EXIT.ok : EXIT.findings;
}

interface ChangeCliFlags extends InputFlags {
  format: ChangeFormat;
  failOn: string;
  exitZero?: boolean;
  git?: string;
  staged?: boolean;
  base?: string;
  external?: string;
}

/** Options of the change gate (check, diff --exposure, diff --git). */
function changeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("-f, --format <format>", "output format (markdown: for a job summary or a pull-request comment)").choices([...CHANGE_FORMATS]).default("text"))
    .option("--git <rev>", "compare every ruleset file that changed since REV (HEAD, origin/main, main...HEAD) with the working tree")
    .option("--staged", "with --git: compare the staged content (the index), for a pre-commit hook")
    .addOption(new Option("--fail-on <severity>", "lowest severity of a new finding that makes the exit status 1").choices([...SEVERITIES]).default("warning"))
    .option("--exit-zero", "exit 0 whatever the change opens up (2 still means trouble)")
    .option("--external <iface>", "the host's external interface (default: the configuration's, the default route's, else NEW's rules tell)")
    .option("--addr <file>", "the host's `ip addr` output (text or -j JSON): its real addresses")
    .option("--routes <file>", "the host's `ip route` output: routing decisions, and the external interface")
    .option("--routed-subnet <cidr>", "a container subnet the upstream network routes back to this host (repeatable)", (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option("-c, --config <file>", "use this configuration file instead of looking for the nearest one")
    .option("--no-config", "use no configuration file")
    .option("--stdin-filename <name>", "name to report for standard input", "<stdin>");
}

function checkMain(argv: readonly string[]): number {
  const cmd = changeOptions(
    inputOptions(
      subcommand("iptlint check")
        .description("the change gate: what a ruleset change newly exposes (ports and services reachable from more sources), findings it adds and fixes, and its rule diff; exit 1 when something becomes more reachable or a new finding is at or above --fail-on")
        .usage("--base <old> <new>  |  --git <rev> [--staged] [paths...]")
        .argument("[files...]", "with --base, the NEW dump; with --git, the paths to compare (default: every changed ruleset file)")
        .option("--base <old>", "the dump before the change; the argument is the dump after it"),
    ),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<ChangeCliFlags>();
  const args = cmd.processedArgs[0] as string[];
  if (opts.base !== undefined && opts.git !== undefined) return usage("give --base OLD NEW or --git REV, not both");
  if (opts.base === undefined && opts.git === undefined) return usage("check needs --base OLD NEW (two dumps) or --git REV (changed files in a git repository)");
  if (opts.base !== undefined && args.length !== 1) return usage("--base OLD needs exactly one more dump, NEW");
  return changeRun(opts, opts.base !== undefined ? [opts.base, ...args] : args, { exposure: true, command: "check" });
}

/** The change gate, shared by check and diff: compare, render, and the exit status. */
function changeRun(opts: ChangeCliFlags, args: readonly string[], how: { exposure: boolean; command: string }): number {
  if (opts.staged && opts.git === undefined) return usage("--staged goes with --git REV");
  if (opts.git === undefined && args.length !== 2) return usage(`${how.command} needs two dumps, OLD and NEW`);
  const hostFiles = readHostFiles(opts);
  if (typeof hostFiles === "number") return hostFiles;
  const configs = new Configs(opts.config);
  const io: ChangeIo = {
    readFile: (path) => {
      const input = readInput(path, opts.stdinFilename ?? "<stdin>");
      return input.bytes ?? { error: input.error ?? `cannot read ${path}` };
    },
    git: runGit,
    cwd: process.cwd(),
    configFor: (path) => configs.forInput(path),
    today: new Date().toISOString().slice(0, 10),
  };
  const flags: ChangeFlags = { ...opts, hostFiles, exposure: how.exposure };
  const report = opts.git !== undefined ? compareGit({ rev: opts.git, staged: opts.staged === true, paths: args }, flags, io) : compareFiles(args[0] as string, args[1] as string, flags, io);
  if (configs.report()) return EXIT.trouble;
  if ("error" in report) return trouble(`${how.command}: ${report.error}`);
  if (!how.exposure) {
    const rejected = report.files.filter((f) => f.rules === undefined);
    for (const f of rejected) process.stderr.write(`iptlint diff: ${escapeText(f.notes.join("; "))}\n`);
    process.stdout.write(renderRuleDiffs(opts.format === "json" ? "json" : "text", report, colourOn(opts)));
    if (rejected.length > 0) return EXIT.trouble;
    return report.files.every((f) => f.rules?.equal) ? EXIT.ok : EXIT.findings;
  }
  const gate: ChangeGate = { failOn: isSeverity(opts.failOn) ? opts.failOn : "warning", exitZero: opts.exitZero === true };
  const verdict = changeVerdict(report, gate);
  process.stdout.write(renderChange(opts.format, report, verdict, gate, { colour: colourOn(opts), toolVersion: VERSION }));
  return verdict.status;
}

function usage(message: string): number {
  process.stderr.write(`iptlint: ${message}\n`);
  return EXIT.trouble;
}

function trouble(message: string): number {
  process.stderr.write(`iptlint: ${escapeText(message)}\n`);
  return EXIT.trouble;
}

function rulesMain(argv: readonly string[]): number {
  const cmd = subcommand("iptlint rules").description("list every check and lint rule: code, name, severity and summary");
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  process.stdout.write(rulesTable());
  return EXIT.ok;
}

function explainMain(argv: readonly string[]): number {
  const cmd = subcommand("iptlint explain")
    .description("print the full documentation of one check or rule: why it matters, an example that fires it, the fixed version")
    .argument("[code-or-name]", "a code (IPT201) or a name (docker-user-jump-missing)");
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const key = cmd.processedArgs[0] as string | undefined;
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
function loadForEngine(path: string, opts: InputFlags, command: string): { name: string; result: LintResult; source: SourceLines } | number {
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

/**
 * What the engine commands know of the host: the facts from --addr/--routes for the dump's
 * family, and the external interface (--external, else the configuration's first
 * externalInterfaces, else the default route's device, else the engine's guess).
 */
function engineHost(opts: InputFlags & { external?: string }, files: HostFiles, path: string, family: Family): { given?: GivenHost; externalInterface?: string } | number {
  const configs = new Configs(opts.config);
  const config = configs.forInput(path);
  if (configs.report()) return EXIT.trouble;
  const external = opts.external ?? config?.externalInterfaces[0];
  const given = files.interfaces || files.routes ? givenHost(files, family) : undefined;
  return { ...(given ? { given } : {}), ...(external !== undefined ? { externalInterface: external } : {}) };
}

function traceMain(argv: readonly string[]): number {
  const cmd = engineOptions(
    inputOptions(
      subcommand("iptlint trace")
        .description("follow one packet through the hooks: every rule that matches, each NAT rewrite, and the verdict")
        .argument("[dump]", "the dump; - reads standard input", "-")
        .requiredOption("--src <addr>", "source address")
        .requiredOption("--dst <addr>", "destination address (the host's own address for a published port)")
        .option("--proto <proto>", "protocol: tcp, udp, sctp, icmp or a number", "tcp")
        .option("--dport <port>", "destination port")
        .option("--sport <port>", "source port (default 40000)")
        .option("--in <iface>", "interface the packet arrives on (default: the external interface)")
        .option("--state <state>", "connection-tracking state: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED", "NEW"),
    ),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<InputFlags & TraceOptions & { format: "text" | "json"; external?: string }>();
  const path = cmd.processedArgs[0] as string;
  const files = readHostFiles(opts);
  if (typeof files === "number") return files;
  const names = dockerNamesFor(opts, false);
  if (typeof names === "number") return names;
  const family = opts.family ?? familyOfAddress(opts.src) ?? "ipv4";
  const loaded = loadForEngine(path, { ...opts, family }, "trace");
  if (typeof loaded === "number") return loaded;
  const family2 = loaded.result.ruleset.family;
  const host = engineHost(opts, files, path, family2);
  if (typeof host === "number") return host;
  const { spec, error } = packetSpec(opts, family2);
  if (!spec) return usage(error ?? "bad packet");
  const report = trace(loaded.result.ruleset, loaded.result.dump, spec, { ...host, ...(names ? { names } : {}) });
  process.stdout.write(opts.format === "json" ? JSON.stringify({ version: 1, file: loaded.name, ...traceJson(report, family2) }, null, 2) + "\n" : traceText(report, family2, loaded.source, colourOn(opts)));
  return EXIT.ok;
}

function exposureMain(argv: readonly string[]): number {
  const cmd = engineOptions(
    inputOptions(
      subcommand("iptlint exposure")
        .description("for every published port and host service: the sources that can reach it, and what stops the others")
        .argument("[dumps...]", "dumps (IPv4 and/or IPv6); - reads standard input", ["-"])
        .option("--from <cidr>", "only these sources, e.g. 0.0.0.0/0 for \"what can the internet reach?\""),
    ),
  );
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<InputFlags & { format: "text" | "json"; from?: string; external?: string }>();
  const files = readHostFiles(opts);
  if (typeof files === "number") return files;
  const names = dockerNamesFor(opts, false);
  if (typeof names === "number") return names;
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
    const host = engineHost(opts, files, path, family);
    if (typeof host === "number") return host;
    const report = exposure(loaded.result.ruleset, loaded.result.dump, { ...(from ? { from } : {}), ...host, ...(names ? { names } : {}) });
    reports.push({ path: loaded.name, report, source: loaded.source });
  }
  const sources = new Map(reports.map((r) => [r.path, r.source]));
  process.stdout.write(opts.format === "json" ? JSON.stringify(exposureJson(reports), null, 2) + "\n" : exposureText(reports, (p) => sources.get(p), colourOn(opts)));
  return EXIT.ok;
}

/** `iptlint` and `iptlint lint`: lint dumps, files or --live, and write every --format asked for. */
function lintMain(argv: readonly string[]): number {
  const cmd = program();
  if (!parseArgs(cmd, argv)) return process.exitCode as number;
  const opts = cmd.opts<LintFlags>();
  const args = cmd.processedArgs[0] as string[];
  if (opts.live && (args.length > 0 || opts.ipv6)) return usage("--live reads the host's own rules; give no files (and no --ipv6) with it");
  const plan = outputTargets(opts.format ?? [], process.stdout.isTTY === true);
  if ("error" in plan) return usage(plan.error);
  const gate: Gate = { failOn: isSeverity(opts.failOn) ? opts.failOn : "warning", exitZero: opts.exitZero === true, ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) };
  const hostFiles = readHostFiles(opts);
  if (typeof hostFiles === "number") return hostFiles;

  const loaded = opts.live ? liveInputs() : [...(args.length ? args : ["-"]), ...(opts.ipv6 ? [opts.ipv6] : [])].map((p) => loadInput(p, opts.stdinFilename ?? "<stdin>"));
  if (typeof loaded === "number") return loaded;
  // A live host without Docker's chains has nothing to name: docker is not asked.
  const dockerHost = loaded.some((l) => !("error" in l) && /^:DOCKER/m.test(l.text));
  const names = dockerNamesFor(opts, opts.live === true && dockerHost);
  if (typeof names === "number") return names;
  const inputs = prepareInputs(loaded, opts, hostFiles, names);
  if (typeof inputs === "number") return inputs;

  const outcomes = lintInputs(inputs, { today: new Date().toISOString().slice(0, 10), reportUnused: opts.reportUnusedSuppressions === true });
  const reports = outcomes.map((o) => o.report);
  for (const r of reports) if (r.readError) process.stderr.write(`iptlint: ${escapeText(r.readError)}\n`);
  if (opts.writeBaseline !== undefined) return writeBaselineFile(opts.writeBaseline, outcomes, reports);

  const colour = colourOn(opts);
  for (const target of plan.targets) {
    const text = renderReport(target.format, reports, { colour: target.path === undefined && colour, toolVersion: VERSION });
    if (target.path === undefined) process.stdout.write(text);
    else {
      try {
        writeFileSync(target.path, text);
      } catch (e) {
        return trouble(`cannot write the ${target.format} report to ${target.path}: ${whyUnreadable(e)}`);
      }
    }
  }
  if (reports.some((r) => r.readError)) return EXIT.trouble;
  return findingsStatus(reports, gate);
}

/**
 * Each input's options, configuration and baseline. Configuration and baseline problems are
 * all printed (`path:line:col error message`) before the run stops with status 2.
 */
function prepareInputs(loaded: readonly (LoadedInput | ReadFailure)[], opts: LintFlags, hostFiles: HostFiles, names?: DockerNames): (LintInput | ReadFailure)[] | number {
  const configs = new Configs(opts.config);
  const perInput = loaded.map((l) => ("error" in l ? undefined : configs.forInput(l.path)));
  if (configs.report()) return EXIT.trouble;
  const baselines = new Map<string, Baseline>();
  const out: (LintInput | ReadFailure)[] = [];
  for (const [i, l] of loaded.entries()) {
    if ("error" in l) {
      out.push(l);
      continue;
    }
    const config = perInput[i];
    // --write-baseline records findings before any baseline applies: no need to read one.
    const baselinePath = opts.writeBaseline !== undefined ? undefined : (opts.baseline ?? config?.baseline);
    const baseline = baselinePath === undefined ? undefined : readBaseline(baselinePath, baselines);
    if (typeof baseline === "number") return baseline;
    const isIpv6File = opts.ipv6 !== undefined && l.path === opts.ipv6;
    const family: Family | undefined = l.family ?? (isIpv6File ? "ipv6" : opts.family);
    const options = { ...fileLintOptions(l.name, { ...opts, ...(family ? { family } : {}) }, config), ...(names ? { dockerNames: names } : {}) };
    out.push({
      name: l.name,
      text: l.text,
      decodeFindings: l.decodeFindings,
      options,
      ...(config ? { config } : {}),
      ...(baseline ? { baseline } : {}),
      ...(hostFiles.interfaces || hostFiles.routes ? { hostFiles } : {}),
    });
  }
  return out;
}

/** --write-baseline FILE: every current finding, keeping the expiry dates and reasons written by hand. */
function writeBaselineFile(path: string, outcomes: ReturnType<typeof lintInputs>, reports: readonly FileReport[]): number {
  if (reports.some((r) => r.readError)) return trouble(`the baseline was not written: some input could not be read`);
  let previous: Baseline | undefined;
  if (existsSync(path)) {
    const text = readText(path);
    const parsed = typeof text === "string" ? parseBaseline(text) : undefined;
    if (parsed && !parsed.baseline) {
      process.stderr.write(problemLines(path, parsed.problems));
      return trouble(`the baseline was not written: ${path} exists and is not a baseline iptlint can read (move it away to start afresh)`);
    }
    previous = parsed?.baseline;
  }
  const files = outcomes.map((o) => ({ path: o.report.path, findings: o.baselineCandidates, ...(o.report.source ? { source: o.report.source } : {}) }));
  try {
    writeFileSync(path, writeBaseline(files, previous));
  } catch (e) {
    return trouble(`cannot write the baseline ${path}: ${whyUnreadable(e)}`);
  }
  const count = files.reduce((n, f) => n + f.findings.length, 0);
  process.stderr.write(`iptlint: wrote ${count} finding${count === 1 ? "" : "s"} of ${files.length} file${files.length === 1 ? "" : "s"} to the baseline ${escapeText(path)}\n`);
  return EXIT.ok;
}

type SubcommandMain = (argv: readonly string[]) => number;

const SUBCOMMANDS: Readonly<Record<string, readonly [string, SubcommandMain]>> = {
  lint: ["iptlint", lintMain],
  fmt: ["iptlint fmt", fmtMain],
  diff: ["iptlint diff", diffMain],
  check: ["iptlint check", checkMain],
  trace: ["iptlint trace", traceMain],
  exposure: ["iptlint exposure", exposureMain],
  rules: ["iptlint rules", rulesMain],
  explain: ["iptlint explain", explainMain],
};

export function main(argv: readonly string[]): number {
  const sub = argv[2] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[2]) ? SUBCOMMANDS[argv[2]] : undefined;
  if (sub) return sub[1]([argv[0] ?? "", sub[0], ...argv.slice(3)]);
  return lintMain(argv);
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
