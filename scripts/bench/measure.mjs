// Runs one command as a child process and measures its wall time and peak RSS.
// Peak RSS comes from GNU time's %M (the child's ru_maxrss from wait4, which covers the
// largest process of its tree); without /usr/bin/time it falls back to the highest VmHWM
// seen while polling /proc. A watchdog polls the tree's RSS and kills it past a time or
// memory limit, so a runaway 1M-rule run is stopped and reported instead of swapping.
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync, rmSync } from "node:fs";

const GNU_TIME = "/usr/bin/time";

export function hasGnuTime() {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function procStatusKB(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited between the listing and the read
  }
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Sum of VmRSS and max of VmHWM over `pid` and its descendants, in KiB. */
function treeMemory(pid) {
  let rss = 0;
  let hwm = 0;
  for (const stack = [pid]; stack.length > 0; ) {
    const p = stack.pop();
    rss += procStatusKB(p, "VmRSS");
    hwm = Math.max(hwm, procStatusKB(p, "VmHWM"));
    stack.push(...childPids(p));
  }
  return { rss, hwm };
}

/**
 * @param {string} cmd @param {string[]} args
 * @param {{ timeFile: string, timeoutS: number, maxRssMB: number, traceEveryS?: number }} opts
 * @returns {Promise<{ wallS: number, peakRssMB: number, exitCode: number|null, killed?: string, rssTrace: [number, number][], stderr: string }>}
 */
export function runMeasured(cmd, args, opts) {
  const gnu = hasGnuTime();
  const [file, argv] = gnu ? [GNU_TIME, ["-f", "%e %M", "-o", opts.timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      if (stderr.length < 4096) stderr += d;
    });
    let killed;
    let polledHwmKB = 0;
    const rssTrace = [];
    let nextTraceS = 0;
    const poll = setInterval(() => {
      const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
      const { rss, hwm } = treeMemory(child.pid);
      polledHwmKB = Math.max(polledHwmKB, hwm);
      if (opts.traceEveryS && elapsedS >= nextTraceS) {
        rssTrace.push([Math.round(elapsedS * 10) / 10, Math.round(rss / 1024)]);
        nextTraceS += opts.traceEveryS;
      }
      if (rss / 1024 > opts.maxRssMB) killed = `RSS ${Math.round(rss / 1024)} MB over the ${opts.maxRssMB} MB limit after ${elapsedS.toFixed(1)} s`;
      else if (elapsedS > opts.timeoutS) killed = `still running after the ${opts.timeoutS} s limit (RSS ${Math.round(rss / 1024)} MB)`;
      if (killed) killTree(child.pid);
    }, 200);
    child.on("error", (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on("close", (code) => {
      clearInterval(poll);
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      let peakKB = polledHwmKB;
      let exitCode = code;
      if (gnu) {
        const { timeExit, maxKB } = readGnuTime(opts.timeFile);
        if (maxKB !== undefined) peakKB = Math.max(peakKB, maxKB);
        // GNU time exits with the command's status, but says "Command exited with non-zero status N".
        if (timeExit !== undefined) exitCode = timeExit;
      }
      resolve({ wallS, peakRssMB: peakKB / 1024, exitCode, ...(killed ? { killed } : {}), rssTrace, stderr });
    });
  });
}

/**
 * GNU time's -o file: "%e %M" last, preceded by "Command exited with non-zero status N" or
 * "Command terminated by signal N" when the command failed (e.g. SIGABRT from a V8 heap OOM).
 * A signal is reported as 128+N, as a shell would.
 */
function readGnuTime(path) {
  try {
    const text = readFileSync(path, "utf8");
    rmSync(path, { force: true });
    const last = text.trim().split("\n").pop() ?? "";
    const m = /^([\d.]+) (\d+)$/.exec(last);
    const status = /exited with non-zero status (\d+)/.exec(text);
    const signal = /terminated by signal (\d+)/.exec(text);
    const timeExit = status ? Number(status[1]) : signal ? 128 + Number(signal[1]) : m ? 0 : undefined;
    return { maxKB: m ? Number(m[2]) : undefined, timeExit };
  } catch {
    return {};
  }
}

/** Kills `pid`'s descendants, deepest first, then `pid` itself: only processes this bench started. */
function killTree(pid) {
  for (const c of childPids(pid)) killTree(c);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
