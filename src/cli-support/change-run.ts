/**
 * `iptlint check` and `iptlint diff --exposure / --git`: read both versions of each ruleset
 * file (two paths, or git's base revision against the working tree, the index or a commit),
 * lint them as `iptlint` would (configuration, suppressions, --addr/--routes), and compare
 * them (src/change/). File and git access come in through ChangeIo; the CLI renders the
 * report and sets the exit status.
 */
import { compareVersions, type CompareOptions, type FileChange, type Version } from "../change/compare.js";
import { rulesMovedBetweenFiles, type ChangeReport } from "../change/report.js";
import { isRulesetFile } from "../change/ruleset-files.js";
import type { IptlintConfig } from "../config/types.js";
import type { Family } from "../model/netfilter.js";
import { decodeSource } from "../source.js";
import { fileLintOptions, type CommandLineInput } from "./file-options.js";
import { gitComparison, readBase, readTarget, type ChangedPath, type GitComparison } from "./git-changes.js";
import type { GitRunner } from "./git.js";
import { givenHost, hasHostFiles, type HostFiles } from "./host-files.js";
import { lintInputs, type LintInput } from "./lint-run.js";

export interface ChangeIo {
  /** A file's bytes; `-` is standard input. */
  readonly readFile: (path: string) => Uint8Array | { error: string };
  readonly git: GitRunner;
  readonly cwd: string;
  /** The configuration that applies to a file (--config, --no-config, or the nearest one). */
  readonly configFor: (path: string) => IptlintConfig | undefined;
  /** YYYY-MM-DD. */
  readonly today: string;
}

export interface ChangeFlags extends CommandLineInput {
  readonly hostFiles: HostFiles;
  /** --external. */
  readonly external?: string;
  /** Compare exposure (check, diff --exposure); false for a plain `diff --git`. */
  readonly exposure: boolean;
}

/** One file's two versions as read: undefined text for a version that does not exist. */
interface FilePair {
  /** The heading of the file's part of the report (git mode: its path in the repository). */
  readonly title?: string;
  /** Where the file is (its path, or its working-tree path in git mode): configuration and family-from-name come from it. */
  readonly path: string;
  readonly oldName: string;
  readonly newName: string;
  readonly oldBytes?: Uint8Array;
  readonly newBytes?: Uint8Array;
}

/** `check --base OLD NEW`, `diff OLD NEW --exposure`. */
export function compareFiles(oldPath: string, newPath: string, flags: ChangeFlags, io: ChangeIo): ChangeReport | { error: string } {
  const oldBytes = io.readFile(oldPath);
  if ("error" in oldBytes) return oldBytes;
  const newBytes = io.readFile(newPath);
  if ("error" in newBytes) return newBytes;
  // NEW's configuration and name decide: it is the version under review.
  const pairs: FilePair[] = [{ path: newPath, oldName: oldPath, newName: newPath, oldBytes, newBytes }];
  const files = comparePairs(pairs, flags, io, oldPath);
  if ("error" in files) return files;
  return { compared: { kind: "files" }, files, movedBetweenFiles: [], exposure: flags.exposure };
}

export interface GitRequest {
  readonly rev: string;
  readonly staged: boolean;
  readonly paths: readonly string[];
}

/** `check --git REV [paths…]`, `diff --git REV [paths…]`. */
export function compareGit(request: GitRequest, flags: ChangeFlags, io: ChangeIo): ChangeReport | { error: string } {
  const cmp = gitComparison({ rev: request.rev, staged: request.staged, paths: request.paths, cwd: io.cwd }, io.git);
  if ("error" in cmp) return cmp;
  const pairs: FilePair[] = [];
  const skipped: string[] = [];
  for (const change of cmp.changes) {
    const pair = readPair(cmp, change, io);
    if ("error" in pair) return pair;
    const texts = [pair.oldBytes, pair.newBytes].map((b) => (b ? decodeSource(b).text : undefined));
    // Paths given on the command line are rulesets by the user's word.
    if (request.paths.length > 0 || isRulesetFile(change.newPath ?? change.oldPath ?? "", texts)) pairs.push(pair);
    else skipped.push(change.newPath ?? change.oldPath ?? "");
  }
  const files = comparePairs(pairs, flags, io);
  if ("error" in files) return files;
  const target = cmp.target.kind === "commit" ? cmp.target.rev : cmp.target.kind;
  return { compared: { kind: "git", base: cmp.base, baseCommit: cmp.baseCommit, target, skipped }, files, movedBetweenFiles: rulesMovedBetweenFiles(files), exposure: flags.exposure };
}

function readPair(cmp: GitComparison, change: ChangedPath, io: ChangeIo): FilePair | { error: string } {
  const where = cmp.target.kind === "commit" ? cmp.target.rev : cmp.target.kind === "index" ? "index" : undefined;
  const path = change.newPath ?? (change.oldPath as string);
  const oldBytes = change.oldPath !== undefined ? readBase(cmp, change.oldPath, io.git) : undefined;
  if (oldBytes && "error" in oldBytes) return oldBytes;
  const newBytes = change.newPath !== undefined ? readTarget(cmp, change.newPath, io.git, io.readFile) : undefined;
  if (newBytes && "error" in newBytes) return newBytes;
  return {
    title: change.status === "renamed" ? `${change.oldPath} → ${path}` : path,
    path: `${cmp.root}/${path}`,
    oldName: `${change.oldPath ?? path}@${cmp.base}`,
    newName: where ? `${path}@${where}` : path,
    ...(oldBytes ? { oldBytes } : {}),
    ...(newBytes ? { newBytes } : {}),
  };
}

/**
 * Every version linted, OLD's all together and NEW's all together (lint pairs an IPv4 and an
 * IPv6 dump of one run as the same host's), then each file's two versions compared.
 */
function comparePairs(pairs: readonly FilePair[], flags: ChangeFlags, io: ChangeIo, oldPathForName?: string): FileChange[] | { error: string } {
  const versions = (side: "old" | "new"): Version[] => {
    const present = pairs.flatMap((p, i) => {
      const bytes = side === "old" ? p.oldBytes : p.newBytes;
      return bytes ? [{ i, input: lintInput(p, side, bytes, flags, io, oldPathForName) }] : [];
    });
    const outcomes = lintInputs(
      present.map((p) => p.input),
      { today: io.today, reportUnused: false },
    );
    const byIndex = new Map(present.map((p, k) => [p.i, outcomes[k]]));
    return pairs.map((p, i): Version => {
      const name = side === "old" ? p.oldName : p.newName;
      const outcome = byIndex.get(i);
      if (!outcome?.result || !outcome.report.source) return { name, absent: true };
      return { name, result: outcome.result, findings: outcome.report.findings, source: outcome.report.source };
    });
  };
  const olds = versions("old");
  const news = versions("new");
  const files: FileChange[] = [];
  for (const [i, p] of pairs.entries()) {
    const compared = compareVersions(olds[i] as Version, news[i] as Version, compareOptions(p, flags, io), p.title);
    if ("error" in compared) return compared;
    files.push(compared);
  }
  return files;
}

function lintInput(p: FilePair, side: "old" | "new", bytes: Uint8Array, flags: ChangeFlags, io: ChangeIo, oldPathForName?: string): LintInput {
  const decoded = decodeSource(bytes);
  const config = io.configFor(p.path);
  // The file name may tell the family (rules.v6, *.save6): each version by its own name.
  const nameForFamily = side === "old" && oldPathForName !== undefined ? oldPathForName : p.path;
  return {
    name: side === "old" ? p.oldName : p.newName,
    text: decoded.text,
    decodeFindings: decoded.findings,
    options: fileLintOptions(nameForFamily, flags, config),
    ...(config ? { config } : {}),
    ...(hasHostFiles(flags.hostFiles) ? { hostFiles: flags.hostFiles } : {}),
  };
}

function compareOptions(p: FilePair, flags: ChangeFlags, io: ChangeIo): CompareOptions {
  const external = flags.external ?? io.configFor(p.path)?.externalInterfaces[0];
  const files = flags.hostFiles;
  return {
    exposure: flags.exposure,
    ...(hasHostFiles(files) ? { host: (family: Family) => givenHost(files, family) } : {}),
    ...(external !== undefined ? { externalInterface: external } : {}),
  };
}
