/**
 * Running the bundled CLI on hostile input (issue 7 item 4) the way cli-run.ts does, but
 * measured: wall time, peak memory (reported by ./rss-hook.cjs on fd 3), and a hard timeout,
 * so that a hang or a blow-up fails the test instead of stalling the suite.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/cli-run.js";

const BIN = join(ROOT, "bin/iptlint.js");
const RSS_HOOK = join(ROOT, "test/hostile/rss-hook.cjs");

export interface Measured {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak resident set size of the CLI process, MiB. */
  readonly rssMiB: number;
}

export interface HostileRunOptions {
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Also printed, so a run of the suite shows what each hostile input costs. */
export function runMeasured(label: string, args: readonly string[], options: HostileRunOptions = {}): Measured {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"].includes(k)) env[k] = v;
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--require", RSS_HOOK, BIN, ...args], {
    input: options.input ?? "",
    env: { ...env, ...options.env },
    cwd: options.cwd ?? ROOT,
    stdio: ["pipe", "pipe", "pipe", "pipe"],
    maxBuffer: 256 << 20,
    timeout: options.timeoutMs ?? 60_000,
    killSignal: "SIGKILL",
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const ms = performance.now() - started;
  const rssKiB = Number(r.output[3]?.toString() || "0");
  const m = { code: r.status, signal: r.signal, stdout: r.stdout.toString(), stderr: r.stderr.toString(), ms, rssMiB: rssKiB / 1024 };
  console.log(`hostile: ${label}: exit ${m.code ?? m.signal}, ${(ms / 1000).toFixed(2)} s, peak RSS ${m.rssMiB.toFixed(0)} MiB`);
  return m;
}

/** The end of every hostile run: in time, in memory, and no stack trace (only iptlint's own messages). */
export function expectBounded(m: Measured, limits: { seconds: number; mib: number }): void {
  if (m.signal) throw new Error(`the CLI was killed by ${m.signal} after ${(m.ms / 1000).toFixed(1)} s (limit ${limits.seconds} s)`);
  if (m.ms > limits.seconds * 1000) throw new Error(`took ${(m.ms / 1000).toFixed(1)} s, limit ${limits.seconds} s`);
  if (m.rssMiB > limits.mib) throw new Error(`peak RSS ${m.rssMiB.toFixed(0)} MiB, limit ${limits.mib} MiB`);
  if (/\n\s+at |internal error|RangeError|TypeError/.test(m.stderr)) throw new Error(`stderr shows a crash:\n${m.stderr.slice(0, 2000)}`);
}

/** Content hash and modification time: what "the file was not written" compares. */
export function fingerprint(path: string): string {
  const st = statSync(path);
  return `${createHash("sha256").update(readFileSync(path)).digest("hex")} ${st.size} ${st.mtimeMs} ${st.mode}`;
}
