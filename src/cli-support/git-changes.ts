/**
 * What changed between a revision and the working tree, the index (--staged, for pre-commit)
 * or another commit (REV..REV2, REV...REV2 from their merge base, for pull requests), as git
 * reports it: added, deleted, modified and renamed files, with both versions' bytes on demand.
 */
import type { GitRunner } from "./git.js";

export type ChangeStatus = "added" | "deleted" | "modified" | "renamed";

export interface ChangedPath {
  readonly status: ChangeStatus;
  /** Path in the base revision (relative to the repository's top); absent for an added file. */
  readonly oldPath?: string;
  /** Path in the target; absent for a deleted file. */
  readonly newPath?: string;
}

export type GitTarget = { readonly kind: "working tree" } | { readonly kind: "index" } | { readonly kind: "commit"; readonly rev: string; readonly commit: string };

export interface GitComparison {
  /** The repository's top directory. */
  readonly root: string;
  readonly base: string;
  /** The commit (or, before the first commit, the empty tree) the base names. */
  readonly baseCommit: string;
  readonly target: GitTarget;
  readonly changes: readonly ChangedPath[];
}

export interface GitSpec {
  /** `REV`, `REV..REV2` or `REV...REV2`. */
  readonly rev: string;
  readonly staged: boolean;
  /** Pathspecs as given (relative to cwd). */
  readonly paths: readonly string[];
  readonly cwd: string;
}

function gitMessage(stderr: string): string {
  const line = stderr.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.replace(/^(fatal|error): /, "").trim();
}

function out(git: GitRunner, args: readonly string[], cwd: string, input?: string): { text: string } | { error: string } {
  const r = git(args, cwd, input);
  if (r.error) return { error: r.error };
  if (r.status !== 0) return { error: gitMessage(r.stderr) || `git ${args[0]} failed (status ${r.status})` };
  return { text: r.stdout.toString("utf8") };
}

/** A revision's commit id, or an error that names it. */
function commitOf(git: GitRunner, rev: string, cwd: string): { commit: string } | { error: string } {
  const r = git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], cwd);
  if (r.error) return { error: r.error };
  if (r.status === 0) return { commit: r.stdout.toString("utf8").trim() };
  return { error: `unknown revision ${rev} (git rev-parse cannot resolve it to a commit${rev.startsWith("origin/") ? "; in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0" : ""})` };
}

/** The empty tree: the base of a repository's first commit, where HEAD does not exist yet. */
function emptyTree(git: GitRunner, cwd: string): { commit: string } | { error: string } {
  const r = out(git, ["hash-object", "-t", "tree", "--stdin"], cwd, "");
  return "error" in r ? r : { commit: r.text.trim() };
}

export function gitComparison(spec: GitSpec, git: GitRunner): GitComparison | { error: string } {
  if (spec.rev === "" || spec.rev.startsWith("-")) return { error: `--git needs a revision (e.g. HEAD, origin/main, main...HEAD), not "${spec.rev}"` };
  const top = out(git, ["rev-parse", "--show-toplevel"], spec.cwd);
  if ("error" in top) return { error: /not a git repository/i.test(top.error) ? `${spec.cwd} is not in a git repository (--git compares with a revision of one)` : `git: ${top.error}` };
  const root = top.text.replace(/\n$/, "");

  const range = /^(.+?)(\.\.\.?)(.+)$/.exec(spec.rev);
  if (range && spec.staged) return { error: `--staged compares the index with a revision; it cannot be combined with the range ${spec.rev}` };
  let base: { commit: string } | { error: string };
  let target: GitTarget;
  if (range) {
    const [, from, dots, to] = range as unknown as [string, string, string, string];
    const toCommit = commitOf(git, to, root);
    if ("error" in toCommit) return toCommit;
    const fromCommit = commitOf(git, from, root);
    if ("error" in fromCommit) return fromCommit;
    // A...B compares B with the point it forked from A: what a pull request from B into A changes.
    const mb = dots === "..." ? out(git, ["merge-base", fromCommit.commit, toCommit.commit], root) : undefined;
    if (mb && "error" in mb) return { error: `no merge base of ${from} and ${to}: ${mb.error}` };
    base = mb ? { commit: mb.text.trim() } : fromCommit;
    target = { kind: "commit", rev: to, commit: toCommit.commit };
  } else {
    base = commitOf(git, spec.rev, root);
    if ("error" in base && spec.rev === "HEAD" && "error" in commitOf(git, "HEAD", root)) base = emptyTree(git, root);
    target = spec.staged ? { kind: "index" } : { kind: "working tree" };
  }
  if ("error" in base) return base;

  const args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-color", "--no-relative", "--ignore-submodules=all"];
  if (target.kind === "index") args.push("--cached");
  args.push(base.commit);
  if (target.kind === "commit") args.push(target.commit);
  args.push("--", ...spec.paths);
  // Pathspecs are relative to where the user is; the paths git prints are relative to the top.
  const listed = out(git, args, spec.cwd);
  if ("error" in listed) return { error: `git diff: ${listed.error}` };
  return { root, base: spec.rev, baseCommit: base.commit, target, changes: parseNameStatus(listed.text) };
}

/** `git diff --name-status -z`: STATUS NUL PATH NUL, or for renames and copies STATUS NUL OLD NUL NEW NUL. */
export function parseNameStatus(text: string): ChangedPath[] {
  const fields = text.split("\0");
  const changes: ChangedPath[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++] ?? "";
    if (status === "") continue;
    const letter = status[0];
    if (letter === "R" || letter === "C") {
      const oldPath = fields[i++] ?? "";
      const newPath = fields[i++] ?? "";
      // A copy leaves its source in place: the new file is an added ruleset of its own.
      changes.push(letter === "R" ? { status: "renamed", oldPath, newPath } : { status: "added", newPath });
      continue;
    }
    const path = fields[i++] ?? "";
    if (letter === "A") changes.push({ status: "added", newPath: path });
    else if (letter === "D") changes.push({ status: "deleted", oldPath: path });
    // M, T (type change) and U (unmerged) have both versions.
    else changes.push({ status: "modified", oldPath: path, newPath: path });
  }
  return changes;
}

/** The base revision's bytes of a file. */
export function readBase(cmp: GitComparison, path: string, git: GitRunner): Uint8Array | { error: string } {
  return blob(git, `${cmp.baseCommit}:${path}`, cmp.root);
}

/** The target's bytes of a file: from the index, a commit, or (working tree) through `readFile`. */
export function readTarget(cmp: GitComparison, path: string, git: GitRunner, readFile: (absolute: string) => Uint8Array | { error: string }): Uint8Array | { error: string } {
  switch (cmp.target.kind) {
    case "index":
      return blob(git, `:0:${path}`, cmp.root);
    case "commit":
      return blob(git, `${cmp.target.commit}:${path}`, cmp.root);
    default:
      return readFile(`${cmp.root}/${path}`);
  }
}

function blob(git: GitRunner, object: string, root: string): Uint8Array | { error: string } {
  const r = git(["cat-file", "blob", object], root);
  if (r.error) return { error: r.error };
  if (r.status !== 0) return { error: `git cat-file ${object}: ${gitMessage(r.stderr) || `status ${r.status}`}` };
  return r.stdout;
}
