// Runs the unminified CLI bundle under `node --cpu-prof` on one dump and summarises the
// profile: the functions with the most self time (samples whose top frame they are).
// Usage: node profile.mjs CLI_BUNDLE FILE PROFILE_DIR [TOP]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";

export function profileRun(cliBundle, file, dir) {
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, cliBundle, "--format", "json", file], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status === null) throw new Error(`profiled run died (${r.signal})`);
  const made = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile") && !before.has(f));
  if (made.length === 0) throw new Error("node wrote no .cpuprofile");
  return join(dir, made.sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs)[0]);
}

/** Self time per function (name + file:line), highest first; with total sampled time. */
export function topSelfTime(profilePath, top = 10) {
  const prof = JSON.parse(readFileSync(profilePath, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  let totalUs = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i + 1] ?? 0; // a sample's time runs until the next sample
    const node = byId.get(prof.samples[i]);
    const cf = node.callFrame;
    const key = `${cf.functionName || "(anonymous)"} ${cf.url ? basename(cf.url) : ""}:${cf.lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    totalUs += dt;
  }
  const rows = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top);
  const origin = bundleOrigins(prof);
  return { totalS: totalUs / 1e6, top: rows.map(([fn, us]) => ({ function: fn, source: origin(fn), selfS: us / 1e6, percent: (100 * us) / totalUs })) };
}

/**
 * esbuild's unminified bundles mark each module with a "// path/to/module.ts" comment line;
 * maps "name bundle.mjs:LINE" to the module that line came from (src/…, grammar/…, node_modules/…).
 */
function bundleOrigins(prof) {
  const markers = new Map(); // bundle basename -> sorted [line, module]
  for (const n of prof.nodes) {
    const url = n.callFrame.url;
    if (!url.startsWith("file://") || markers.has(basename(url))) continue;
    const list = [];
    try {
      readFileSync(new URL(url), "utf8").split("\n").forEach((l, i) => {
        const m = /^\/\/ ((?:src|grammar|node_modules)\/\S+)$/.exec(l);
        if (m) list.push([i + 1, m[1]]);
      });
    } catch {
      // not readable: no origins
    }
    markers.set(basename(url), list);
  }
  return (key) => {
    const m = /(\S+):(\d+)$/.exec(key);
    const list = m ? markers.get(m[1]) : undefined;
    if (!list) return "";
    let found = "";
    for (const [line, mod] of list) if (line <= Number(m[2])) found = mod;
    return found;
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cli, file, dir, top] = process.argv.slice(2);
  const path = profileRun(cli, file, dir);
  const { totalS, top: rows } = topSelfTime(path, Number(top ?? 10));
  console.log(`${path}: ${totalS.toFixed(2)} s sampled`);
  for (const r of rows) console.log(`${r.selfS.toFixed(2).padStart(8)} s ${r.percent.toFixed(1).padStart(5)}%  ${r.function}  ${r.source}`);
}
