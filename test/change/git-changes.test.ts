/** git's --name-status -z output, and the errors a revision or a directory can give. */
import { describe, expect, it } from "vitest";
import { gitComparison, parseNameStatus } from "../../src/cli-support/git-changes.js";
import type { GitRunner } from "../../src/cli-support/git.js";

describe("parseNameStatus", () => {
  it("reads added, deleted, modified, type-changed, renamed and copied files, names with spaces and newlines included", () => {
    const z = ["A", "new.rules", "D", "gone.rules", "M", "dir/with space.rules", "T", "link.rules", "R087", "a.rules", "b\nc.rules", "C100", "src.rules", "copy.rules", ""].join("\0");
    expect(parseNameStatus(z)).toEqual([
      { status: "added", newPath: "new.rules" },
      { status: "deleted", oldPath: "gone.rules" },
      { status: "modified", oldPath: "dir/with space.rules", newPath: "dir/with space.rules" },
      { status: "modified", oldPath: "link.rules", newPath: "link.rules" },
      { status: "renamed", oldPath: "a.rules", newPath: "b\nc.rules" },
      { status: "added", newPath: "copy.rules" },
    ]);
    expect(parseNameStatus("")).toEqual([]);
  });
});

describe("gitComparison errors", () => {
  const fake =
    (answers: Record<string, { status: number; stdout?: string; stderr?: string }>): GitRunner =>
    (args) => {
      const a = answers[args[0] ?? ""] ?? { status: 0 };
      return { status: a.status, stdout: Buffer.from(a.stdout ?? ""), stderr: a.stderr ?? "" };
    };

  it("a revision that looks like an option is refused before git runs", () => {
    expect(gitComparison({ rev: "--output=x", staged: false, paths: [], cwd: "/r" }, () => { throw new Error("git ran"); })).toEqual({ error: '--git needs a revision (e.g. HEAD, origin/main, main...HEAD), not "--output=x"' });
  });

  it("outside a repository, and without git", () => {
    expect(gitComparison({ rev: "HEAD", staged: false, paths: [], cwd: "/tmp/x" }, fake({ "rev-parse": { status: 128, stderr: "fatal: not a git repository (or any of the parent directories): .git\n" } }))).toEqual({ error: "/tmp/x is not in a git repository (--git compares with a revision of one)" });
    expect(gitComparison({ rev: "HEAD", staged: false, paths: [], cwd: "/r" }, () => ({ status: null, stdout: Buffer.alloc(0), stderr: "", error: "git is not installed or not on PATH" }))).toEqual({ error: "git: git is not installed or not on PATH" });
  });

  it("--staged with a range is refused", () => {
    expect(gitComparison({ rev: "main...HEAD", staged: true, paths: [], cwd: "/r" }, fake({ "rev-parse": { status: 0, stdout: "/r\n" } }))).toEqual({ error: "--staged compares the index with a revision; it cannot be combined with the range main...HEAD" });
  });
});
