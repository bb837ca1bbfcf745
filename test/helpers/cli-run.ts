/**
 * Running the bundled CLI (dist/iptlint.cjs, rebuilt when a CLI source is newer) the way
 * users do, with a controlled environment: no NO_COLOR / FORCE_COLOR leaks in from the
 * test runner, and PATH only when a test sets it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/iptlint.js");
const BUNDLE = join(ROOT, "dist/iptlint.cjs");

/** The newest mtime of any source the bundle is built from: all of src/, however deep (a report or engine change must rebuild too). */
function newestSource(): number {
  const src = join(ROOT, "src");
  const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  return Math.max(...files.map((f) => statSync(join(src, f)).mtimeMs));
}

/** Builds the bundle when it is missing or older than the CLI's sources; a failed build fails the test run rather than leaving a stale bundle. */
export function ensureBundle(): void {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource()) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed (status ${r.status}):\n${r.stderr}`);
}

export interface RunOptions {
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: RunOptions = {}): RunResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"].includes(k)) env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], { input: options.input ?? "", encoding: "utf8", env: { ...env, ...options.env }, cwd: options.cwd ?? ROOT, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, with files written into it (paths relative to it, directories created). */
export function tempTree(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "iptlint-cli-"));
  for (const [name, content] of Object.entries(files)) writeIn(dir, name, content);
  return dir;
}

export function writeIn(dir: string, name: string, content: string, mode?: number): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, mode !== undefined ? { mode } : {});
  return path;
}
