/**
 * Hostile input, files (issue 7 item 4): a FIFO is read as a stream to its end, whatever the
 * writer's pace; a stream cut off mid-dump, a file that is gone, a directory, an unreadable
 * file and a device each end with a clear finding or a one-line message, in bounded time,
 * never a hang or a stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle, tempTree } from "../helpers/cli-run.js";
import { expectBounded, runMeasured } from "./run.js";

beforeAll(ensureBundle);

const LIMITS = { seconds: 30, mib: 512 };
const DUMP = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  const r = spawnSync("mkfifo", [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  return path;
}

/** A writer in a process of its own (the CLI is run synchronously): `script` is sh code with $1 = the FIFO. */
function writer(script: string, path: string): void {
  const child = spawn("sh", ["-c", script, "sh", path], { stdio: "ignore", detached: false });
  child.unref();
}

describe("hostile input: files", () => {
  it("a FIFO: read as a stream to its end, also when the writer pauses between lines", () => {
    const dir = tempTree();
    const path = fifo(dir, "rules.fifo");
    const [first, ...rest] = DUMP.split(/(?<=\n)/);
    const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    writer(`exec > "$1"; printf '%s' ${q(first as string)}; sleep 1; printf '%s' ${q(rest.join(""))}`, path);
    const m = runMeasured("FIFO with a slow writer", ["--no-config", "-f", "json", path]);
    expectBounded(m, LIMITS);
    expect(m.code).toBe(0);
    const report = JSON.parse(m.stdout) as { files: { path: string; findings: unknown[]; input: { tables: string[] } }[] };
    expect(report.files[0]).toMatchObject({ path, findings: [] });
    expect(m.ms).toBeGreaterThan(900); // it waited for the writer's second part
  });

  it("a FIFO whose writer stops in the middle of a rule: the cut is reported, exit 1", () => {
    const dir = tempTree();
    const path = fifo(dir, "cut.fifo");
    writer(`printf '*filter\\n:INPUT ACCEPT [0:0]\\n-A INPUT -p tcp --dp' > "$1"`, path);
    const m = runMeasured("FIFO cut mid-rule", ["--no-config", path]);
    expectBounded(m, LIMITS);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/cut\.fifo:3:\d+ error IPT013 /);
    expect(m.stdout).toMatch(/cut\.fifo:3:1 error IPT005 COMMIT expected at line 4: table filter opened on line 1 is never committed/);
  });

  it("a file that is gone before it is read, and a symlink to one: a one-line message, exit 2", () => {
    const dir = tempTree({ "gone.rules": DUMP });
    unlinkSync(join(dir, "gone.rules"));
    symlinkSync(join(dir, "gone.rules"), join(dir, "link.rules"));
    for (const name of ["gone.rules", "link.rules"]) {
      const m = runMeasured(`missing file (${name})`, ["--no-config", join(dir, name)]);
      expectBounded(m, LIMITS);
      expect(m.code).toBe(2);
      expect(m.stderr).toBe(`iptlint: cannot read ${join(dir, name)}: no such file\n`);
    }
  });

  it("a directory: a one-line message, and the other files are still linted", () => {
    const dir = tempTree({ "ok.rules": DUMP });
    mkdirSync(join(dir, "rules.d"));
    const m = runMeasured("directory", ["--no-config", "-f", "json", join(dir, "rules.d"), join(dir, "ok.rules")]);
    expectBounded(m, LIMITS);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`iptlint: ${join(dir, "rules.d")} is a directory; give the dump files inside it\n`);
    const report = JSON.parse(m.stdout) as { files: { path: string; findings: unknown[]; readError?: string }[] };
    expect(report.files.map((f) => [f.path, f.readError !== undefined, f.findings.length])).toEqual([
      [join(dir, "rules.d"), true, 0],
      [join(dir, "ok.rules"), false, 0],
    ]);
  });

  it("an unreadable file: permission denied, exit 2 (as root, the CLI runs as nobody to be refused)", () => {
    const dir = tempTree();
    const path = join(dir, "secret.rules");
    writeFileSync(path, DUMP);
    chmodSync(path, 0o000);
    chmodSync(dir, 0o755);
    const asRoot = process.getuid?.() === 0;
    const m = runMeasured("unreadable file", ["--no-config", path], asRoot ? { uid: 65534, gid: 65534, cwd: dir } : {});
    expectBounded(m, LIMITS);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`iptlint: cannot read ${path}: permission denied\n`);
  });

  it("a device (/dev/zero would be read until memory runs out): refused at once", () => {
    const m = runMeasured("device", ["--no-config", "/dev/zero"]);
    expectBounded(m, { seconds: 10, mib: 256 });
    expect(m.code).toBe(2);
    expect(m.stderr).toBe("iptlint: /dev/zero is a device, not a dump file (use - for standard input)\n");
  });
});
