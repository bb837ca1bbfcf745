// The benchmark's input dumps: generated once with shared/tools/gen-dump (fixed seeds, so the
// same bytes every time) into bench-out/, and reused while their generation arguments match.
import { spawnSync } from "node:child_process";
import { existsSync, openSync, readSync, closeSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const GEN_DUMP = "/work/shared/tools/gen-dump";

/** `large` marks the 1M-rule dump: skipped by --quick, run once, not repeated. */
export const DATASETS = [
  { name: "docker-50", args: ["--shape", "docker", "--containers", "5", "--networks", "2", "--seed", "50"] },
  { name: "docker-300c", args: ["--shape", "docker", "--containers", "300", "--networks", "20", "--seed", "7"] },
  { name: "kube-100k", args: ["--shape", "kube", "--rules", "100000", "--zero-counters", "--seed", "100"] },
  { name: "kube-1m", args: ["--shape", "kube", "--rules", "1000000", "--seed", "1000"], large: true },
];

/**
 * Returns the dump's path, generating it if it is missing or was made with other arguments
 * (a sidecar NAME.args records them). Generation writes to a temporary name first so that an
 * interrupted run never leaves a truncated dump to be reused.
 */
export function ensureDataset(outDir, ds, log) {
  const file = join(outDir, `${ds.name}.rules`);
  const argsFile = `${file}.args`;
  const wanted = JSON.stringify(ds.args);
  if (existsSync(file) && existsSync(argsFile) && readFileSync(argsFile, "utf8") === wanted) return file;
  log(`generating ${ds.name}: gen-dump ${ds.args.join(" ")}`);
  const tmp = `${file}.partial`;
  const t0 = performance.now();
  const r = spawnSync(GEN_DUMP, [...ds.args, "--out", tmp], { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`gen-dump failed for ${ds.name} (status ${r.status ?? r.signal})`);
  renameSync(tmp, file);
  writeFileSync(argsFile, wanted);
  log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** Size in bytes and number of rules, counted as lines starting with "-A " (streamed: the 1M dump is ~150 MB). */
export function datasetStats(file) {
  const bytes = statSync(file).size;
  const fd = openSync(file, "r");
  const buf = Buffer.allocUnsafe(1 << 20);
  let rules = 0;
  // 0: at a line start, 1: seen "-", 2: seen "-A", 3: in the rest of a line.
  let state = 0;
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      for (let i = 0; i < n; i++) {
        const c = buf[i];
        if (c === 0x0a) state = 0;
        else if (state === 0) state = c === 0x2d ? 1 : 3;
        else if (state === 1) state = c === 0x41 ? 2 : 3;
        else if (state === 2) {
          if (c === 0x20) rules++;
          state = 3;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, rules };
}
