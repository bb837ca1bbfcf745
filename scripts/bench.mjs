#!/usr/bin/env node
// `npm run bench`: times the bundled CLI on generated dumps of growing size against the
// reference, iptables-legacy-restore --test, and prints a table (also bench-out/results.json).
//
//   node scripts/bench.mjs [--quick] [--runs N] [--only NAME,...] [--no-reference]
//                          [--no-breakdown] [--cpu-prof] [--timeout S] [--max-rss MB]
//
// --quick (or BENCH_QUICK=1) skips the 1M-rule dump (~15 s and ~1.3 GB just to generate).
// Each run is a fresh child process (`node bin/iptlint.js --format json FILE > /dev/null`):
// that is what a user or CI pays, start-up included. Wall time is the median of the runs
// (one run for the 1M dump); peak RSS is the highest of the runs. A run past --timeout
// (default 300 s) or --max-rss (default 8192 MiB) is killed and reported as such.
import { accessSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DATASETS, datasetStats, ensureDataset } from "./bench/datasets.mjs";
import { hasGnuTime, median, runMeasured } from "./bench/measure.mjs";
import { buildPhasesBundle, buildProfileCli } from "./bench/bundles.mjs";
import { profileRun, topSelfTime } from "./bench/profile.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench-out");
const CLI = join(ROOT, "bin/iptlint.js");
const ORACLE = "/work/shared/tools/oracle";
/** The dump whose in-process breakdown (and optional CPU profile) is printed. */
const BREAKDOWN_DATASET = "kube-100k";

function parseArgs(argv) {
  const o = { quick: process.env.BENCH_QUICK === "1", runs: undefined, only: undefined, reference: true, breakdown: true, cpuProf: false, timeoutS: 300, maxRssMB: 8192 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--quick") o.quick = true;
    else if (a === "--runs") o.runs = positive(a, value());
    else if (a === "--only") o.only = value().split(",");
    else if (a === "--no-reference") o.reference = false;
    else if (a === "--no-breakdown") o.breakdown = false;
    else if (a === "--cpu-prof") o.cpuProf = true;
    else if (a === "--timeout") o.timeoutS = positive(a, value());
    else if (a === "--max-rss") o.maxRssMB = positive(a, value());
    else if (a === "-h" || a === "--help") {
      process.stdout.write(usage());
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  return o;
}

function positive(name, v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number, not ${v}`);
  return n;
}

function usage() {
  return "usage: node scripts/bench.mjs [--quick] [--runs N] [--only NAME,...] [--no-reference] [--no-breakdown] [--cpu-prof] [--timeout S] [--max-rss MB]\n" + `dumps: ${DATASETS.map((d) => d.name).join(", ")}\n`;
}

const log = (s) => process.stderr.write(`bench: ${s}\n`);

/** The reference needs the oracle and iptables-legacy-restore; without them it is skipped, and said so. */
function referenceAvailable() {
  try {
    accessSync(ORACLE, constants.X_OK);
  } catch {
    return `${ORACLE} not found`;
  }
  const r = spawnSync("sh", ["-c", "PATH=$PATH:/usr/sbin:/sbin command -v iptables-legacy-restore && command -v unshare"], { encoding: "utf8" });
  return r.status === 0 ? undefined : "iptables-legacy-restore or unshare is not installed";
}

async function timeRuns(label, cmd, args, runs, opts) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await runMeasured(cmd, args, { ...opts, timeFile: join(OUT, ".time.out") });
    log(`  ${label} run ${i + 1}/${runs}: ${r.wallS.toFixed(2)} s, peak RSS ${r.peakRssMB.toFixed(0)} MiB, exit ${r.exitCode}${r.killed ? `, KILLED: ${r.killed}` : ""}`);
    results.push(r);
    if (r.killed) break; // one runaway run says enough
  }
  const killed = results.find((r) => r.killed);
  // Exit 0/1 is a verdict; anything else (2, or 128+signal: a V8 heap OOM aborts with 134) is a failed run.
  const crashed = killed ? undefined : results.find((r) => r.exitCode !== 0 && r.exitCode !== 1);
  return {
    wallS: killed || crashed ? undefined : median(results.map((r) => r.wallS)),
    ...(crashed ? { failed: `exit status ${crashed.exitCode} after ${crashed.wallS.toFixed(1)} s: ${failureLine(crashed.stderr)}` } : {}),
    runsS: results.map((r) => round(r.wallS, 3)),
    peakRssMB: round(Math.max(...results.map((r) => r.peakRssMB)), 1),
    exitCodes: [...new Set(results.map((r) => r.exitCode))],
    ...(killed ? { killed: killed.killed, rssTraceMB: killed.rssTrace } : {}),
    ...(crashed ? { stderr: crashed.stderr.trim(), rssTraceMB: crashed.rssTrace } : {}),
    ...(!killed && !crashed && results[0].rssTrace.length > 2 ? { rssTraceMB: results[0].rssTrace } : {}),
  };
}

/** The line of a child's stderr that says why it died (V8's "FATAL ERROR: …", else the first line). */
function failureLine(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => l.startsWith("FATAL ERROR")) ?? lines[0] ?? "no message").slice(0, 200);
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function benchDataset(ds, opts, referenceMissing) {
  const file = ensureDataset(OUT, ds, log);
  const { bytes, rules } = datasetStats(file);
  const runs = ds.large ? 1 : (opts.runs ?? (bytes > 5e6 ? 3 : 5));
  log(`${ds.name}: ${rules} rules, ${(bytes / 1e6).toFixed(1)} MB, ${runs} run(s)`);
  const limits = { timeoutS: opts.timeoutS, maxRssMB: opts.maxRssMB, traceEveryS: 1 };
  const iptlint = await timeRuns("iptlint", process.execPath, [CLI, "--format", "json", file], runs, limits);
  const row = { dump: ds.name, file, gen: ds.args, rules, bytes, runs, iptlint };
  if (iptlint.wallS !== undefined) Object.assign(iptlint, { mbPerS: round(bytes / 1e6 / iptlint.wallS, 2), rulesPerS: Math.round(rules / iptlint.wallS) });
  if (opts.reference && !referenceMissing) {
    const ref = await timeRuns("restore --test", ORACLE, ["check", "--test", "--backend", "legacy", file], runs, limits);
    row.reference = { command: `oracle check --test --backend legacy`, ...ref, verdict: ref.killed ? "killed" : ref.failed ? "error" : ref.exitCodes.includes(0) ? "accepted" : ref.exitCodes.includes(1) ? "rejected" : "error" };
    if (iptlint.wallS !== undefined && ref.wallS !== undefined) row.ratio = round(iptlint.wallS / ref.wallS, 2);
  }
  return row;
}

function breakdown(file) {
  const bundle = join(OUT, "phases-bundle.mjs");
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/bench/phases.mjs"), bundle, file], { encoding: "utf8", timeout: 900_000, maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: `phases run failed (${r.status ?? r.signal}): ${r.stderr.trim().slice(0, 500)}` };
  return JSON.parse(r.stdout);
}

function printBreakdown(b) {
  if (b.error) return console.log(`\nin-process breakdown: ${b.error}`);
  const total = b.phases.reduce((s, p) => s + p.seconds, 0);
  console.log(`\nin-process breakdown, ${b.file} (${b.lines} lines; unminified bundle of src/, one run):`);
  console.log(`${"phase".padEnd(38)} ${"s".padStart(8)} ${"%".padStart(6)} ${"heap MiB".padStart(9)} ${"RSS MiB".padStart(8)}`);
  for (const p of b.phases) {
    const pct = ((100 * p.seconds) / total).toFixed(1);
    console.log(`${p.phase.padEnd(38)} ${p.seconds.toFixed(3).padStart(8)} ${pct.padStart(6)} ${p.heapMB.toFixed(0).padStart(9)} ${p.rssMB.toFixed(0).padStart(8)}`);
  }
  console.log(`${"total (pipeline)".padEnd(38)} ${total.toFixed(3).padStart(8)}`);
}

function fmt(x, digits) {
  return x === undefined ? "-" : x.toFixed(digits);
}

function printTable(rows) {
  const head = ["dump", "rules", "MB", "iptlint s", "MB/s", "rules/s", "peak RSS MB", "restore --test s", "ratio"];
  const body = rows.map((r) => [
    r.dump,
    String(r.rules),
    fmt(r.bytes / 1e6, 1),
    r.iptlint.killed ? "killed" : r.iptlint.failed ? "failed" : fmt(r.iptlint.wallS, 2),
    fmt(r.iptlint.mbPerS, 2),
    r.iptlint.rulesPerS === undefined ? "-" : String(r.iptlint.rulesPerS),
    fmt(r.iptlint.peakRssMB, 0),
    r.reference ? (r.reference.killed ? "killed" : r.reference.failed ? "failed" : `${fmt(r.reference.wallS, 2)}${r.reference.verdict === "accepted" ? "" : ` (${r.reference.verdict})`}`) : "skipped",
    r.ratio === undefined ? "-" : `${r.ratio.toFixed(1)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const b of body) console.log(line(b));
  console.log("MB = 10^6 bytes of dump; peak RSS in MiB; times are wall-clock medians of whole child processes (node start-up included).");
  for (const r of rows) {
    if (r.iptlint.killed) console.log(`${r.dump}: iptlint ${r.iptlint.killed}`);
    if (r.iptlint.failed) console.log(`${r.dump}: iptlint failed, ${r.iptlint.failed}`);
    if (r.reference?.killed) console.log(`${r.dump}: restore --test ${r.reference.killed}`);
    if (r.reference?.failed) console.log(`${r.dump}: restore --test failed, ${r.reference.failed}`);
    if (r.iptlint.exitCodes.includes(1)) console.log(`${r.dump}: iptlint exit status 1 (findings at or above --fail-on warning: the generated host has Docker problems; the kernel accepts the dump)`);
  }
}

/**
 * Issue 7's targets for the whole CLI run, each with its measured figure and the reference:
 * 1M rules ≤ 10 s and ≤ 1.5 GB; 100k rules ≤ 1.2 s and at or below restore --test; a 50-rule
 * dump ≤ 150 ms (pre-commit runs it on every commit); time(1M) / time(100k) ≤ 11.
 */
export function targetChecks(rows) {
  const by = (name) => rows.find((r) => r.dump === name);
  const wall = (r) => r?.iptlint.wallS;
  const ref = (r) => r?.reference?.wallS;
  const checks = [];
  const add = (target, measured, ok, note = "") => checks.push({ target, measured, met: measured === undefined ? undefined : ok, note });
  const m1 = by("kube-1m");
  add("kube-1m wall <= 10 s", wall(m1), wall(m1) <= 10, ref(m1) ? `restore --test ${ref(m1).toFixed(1)} s, ratio ${(wall(m1) / ref(m1)).toFixed(2)}x` : "");
  add("kube-1m peak RSS <= 1536 MiB", m1?.iptlint.peakRssMB, m1?.iptlint.peakRssMB <= 1536);
  const k100 = by("kube-100k");
  add("kube-100k wall <= 1.2 s", wall(k100), wall(k100) <= 1.2);
  add("kube-100k wall <= restore --test", wall(k100), ref(k100) !== undefined && wall(k100) <= ref(k100), ref(k100) ? `restore --test ${ref(k100).toFixed(2)} s, ratio ${(wall(k100) / ref(k100)).toFixed(2)}x` : "no reference");
  const d50 = by("docker-50");
  add("docker-50 wall <= 0.150 s", wall(d50), wall(d50) <= 0.15, ref(d50) ? `restore --test ${ref(d50).toFixed(3)} s` : "");
  const growth = wall(m1) !== undefined && wall(k100) !== undefined ? wall(m1) / wall(k100) : undefined;
  add("growth time(1M)/time(100k) <= 11", growth, growth <= 11, ref(m1) && ref(k100) ? `restore --test grows ${(ref(m1) / ref(k100)).toFixed(1)}x` : "");
  return checks;
}

function printTargets(checks) {
  console.log("\ntargets (issue 7):");
  for (const c of checks) {
    const status = c.met === undefined ? "not measured" : c.met ? "met" : "NOT MET";
    const value = c.measured === undefined ? "-" : c.measured.toFixed(c.target.includes("RSS") ? 0 : 3);
    console.log(`  ${c.target.padEnd(36)} ${value.padStart(9)}  ${status.padEnd(12)} ${c.note}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  const referenceMissing = opts.reference ? referenceAvailable() : undefined;
  if (referenceMissing) log(`reference skipped: ${referenceMissing}`);
  if (!hasGnuTime()) log("/usr/bin/time not found: peak RSS is the highest VmHWM seen polling /proc every 200 ms");
  const datasets = DATASETS.filter((d) => (opts.only ? opts.only.includes(d.name) : !(opts.quick && d.large)));
  const rows = [];
  for (const ds of datasets) rows.push(await benchDataset(ds, opts, referenceMissing));

  const results = { date: new Date().toISOString(), node: process.version, referenceSkipped: referenceMissing ?? (opts.reference ? undefined : "--no-reference"), limits: { timeoutS: opts.timeoutS, maxRssMB: opts.maxRssMB }, units: { MB: "10^6 bytes", peakRssMB: "MiB", seconds: "wall clock" }, rows };
  const target = rows.find((r) => r.dump === BREAKDOWN_DATASET);
  if (target && (opts.breakdown || opts.cpuProf)) {
    await buildPhasesBundle(ROOT, OUT);
    if (opts.breakdown) {
      log(`in-process breakdown of ${target.dump}`);
      results.breakdown = breakdown(target.file);
    }
    if (opts.cpuProf) {
      log(`CPU profile of ${target.dump}`);
      const cli = await buildProfileCli(ROOT, OUT);
      const path = profileRun(cli, target.file, join(OUT, "prof"));
      results.cpuProfile = { path, ...topSelfTime(path, 10) };
    }
  }
  results.targets = targetChecks(rows);
  writeFileSync(join(OUT, "results.json"), JSON.stringify(results, null, 2) + "\n");

  console.log("");
  printTable(rows);
  printTargets(results.targets);
  if (results.breakdown) printBreakdown(results.breakdown);
  if (results.cpuProfile) {
    console.log(`\nCPU profile of ${BREAKDOWN_DATASET} (${results.cpuProfile.path}, ${results.cpuProfile.totalS.toFixed(2)} s sampled), top self time:`);
    for (const t of results.cpuProfile.top) console.log(`${t.selfS.toFixed(2).padStart(8)} s ${t.percent.toFixed(1).padStart(5)}%  ${t.function}  ${t.source}`);
  }
  console.log(`\nwritten: ${join(OUT, "results.json")}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
});
