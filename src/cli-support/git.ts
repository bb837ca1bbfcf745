/**
 * Running git for `iptlint check --git` / `diff --git`: the only place iptlint starts git.
 * Read-only commands only (rev-parse, diff --name-status, cat-file, merge-base, hash-object
 * without -w); output is bytes, decoded by the caller.
 */
import { spawnSync } from "node:child_process";

export interface GitResult {
  /** Exit status; null when git could not be started or was killed. */
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** Why git could not run at all (ENOENT: not installed). */
  readonly error?: string;
}

export type GitRunner = (args: readonly string[], cwd: string, input?: string) => GitResult;

export const runGit: GitRunner = (args, cwd, input) => {
  // No pager, no colour, no prompts, and the user's diff drivers and relative-path settings
  // are overridden by the options the callers pass.
  const r = spawnSync("git", ["-c", "core.quotepath=off", "--no-pager", ...args], {
    cwd,
    input: input ?? "",
    maxBuffer: 1 << 30,
    timeout: 120_000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
  });
  const error = r.error ? ((r.error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed or not on PATH" : r.error.message) : undefined;
  return { status: r.status, stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr?.toString("utf8") ?? "", ...(error ? { error } : {}) };
};
