/**
 * The command line: the only module that touches process, files and exit codes.
 * Exit status: 0 no error finding, 1 error findings, 2 usage error or unreadable input.
 */
import { readFileSync, statSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { Backend } from "./ast/backend.js";
import { familyFromFileName, type FamilyHint } from "./ast/detect.js";
import { hasErrors } from "./findings.js";
import { lintText } from "./lint.js";
import type { Family, TableName } from "./model/netfilter.js";
import { TABLE_NAMES } from "./model/netfilter.js";
import { jsonReport } from "./report/json.js";
import { textReport } from "./report/text.js";
import type { FileReport } from "./report/types.js";
import { decodeSource, SourceLines } from "./source.js";
import { escapeText } from "./text.js";

declare const IPTLINT_VERSION: string | undefined;
const VERSION = typeof IPTLINT_VERSION === "string" ? IPTLINT_VERSION : "0.0.0-dev";

interface CliOptions {
  format: "text" | "json";
  family?: Family;
  table?: TableName;
  backend?: Backend;
  color?: boolean;
  stdinFilename: string;
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

function lintFile(path: string, opts: CliOptions): FileReport {
  const input = readInput(path, opts.stdinFilename);
  if (!input.bytes) return { path: input.name, findings: [], readError: input.error ?? "unreadable" };
  const decoded = decodeSource(input.bytes);
  const nameFamily = familyFromFileName(input.name);
  const family: FamilyHint | undefined = opts.family ? { family: opts.family, source: "option" } : nameFamily ? { family: nameFamily, source: "file name" } : undefined;
  const result = lintText(decoded.text, {
    ...(family ? { family } : {}),
    ...(opts.table ? { table: opts.table } : {}),
    ...(opts.backend ? { backend: opts.backend } : {}),
  });
  const d = result.dump;
  return {
    path: input.name,
    findings: [...decoded.findings, ...result.findings],
    source: new SourceLines(decoded.text),
    summary: { format: d.format, family: d.family, familySource: d.familySource, backend: result.backend, tables: [...result.ruleset.tables.keys()], lines: d.lineCount },
  };
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
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

export function main(argv: readonly string[]): number {
  const cmd = program();
  try {
    cmd.parse(argv as string[], { from: "node" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.trouble;
    throw e;
  }
  const opts = cmd.opts<CliOptions>();
  const files = cmd.processedArgs[0] as string[];
  const reports = files.map((f) => lintFile(f, opts));
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

