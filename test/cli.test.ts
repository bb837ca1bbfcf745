/**
 * The CLI as users run it: the bundled dist/iptlint.cjs (npm test builds it first). Exit
 * codes, the line format, and no stack trace for any input.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle } from "./helpers/cli-run.js";

const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/iptlint.js");
let dir = "";

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), "iptlint-cli-"));
});

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync("node", [BIN, ...args], { input: input ?? "", encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const VALID = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";

describe("iptlint CLI", () => {
  it("exits 0 and prints nothing for a valid dump", () => {
    const r = run([file("ok.rules", VALID)]);
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("prints path:line:col severity CODE message, the line and a caret, and exits 1", () => {
    const path = file("bad.rules", "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dprot 22 -j ACCEPT\nCOMMIT\n");
    const r = run(["--no-color", path]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      `${path}:3:17 error IPT011 unknown option \`--dprot' [unknown-option]`,
      "  -A INPUT -p tcp --dprot 22 -j ACCEPT",
      "                  ^~~~~~~",
      "  help: did you mean --dport?",
    ]);
  });

  it("reads standard input for -", () => {
    const r = run(["-", "--stdin-filename", "rules.v4"], VALID.replace("--dport 22", "--dport 70000"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^rules\.v4:3:25 error IPT014 /);
  });

  it("writes versioned JSON with 1-based, end-exclusive spans", () => {
    const r = run(["--format", "json", file("j.rules", "*nat\n-A POSTROUTING -j NOWHERE\nCOMMIT\n")]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.files[0].findings[0]).toMatchObject({ code: "IPT101", severity: "error", line: 2, column: 19, endLine: 2, endColumn: 26 });
    expect(report.summary).toMatchObject({ files: 1, errors: 1 });
  });

  it.each([
    ["a missing file", ["/nonexistent/rules.v4"], /cannot read \/nonexistent\/rules\.v4: no such file/],
    ["a directory", ["/tmp"], /\/tmp is a directory/],
    ["an unknown format", ["--format", "xml", "x"], /argument 'xml' is invalid/],
  ])("exits 2 with a one-line message for %s", (_what, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["empty input", ""],
    ["invalid UTF-8", Buffer.concat([Buffer.from("*filter\n-A INPUT -m comment --comment \""), Buffer.from([0xff, 0xfe]), Buffer.from("\" -j ACCEPT\nCOMMIT\n")])],
    ["a 5 MB single line", "-A INPUT " + "-s 10.0.0.1 ".repeat(440_000)],
    ["NUL bytes in a rule", "*filter\n-A INPUT -j ACC\0EPT\nCOMMIT\n"],
  ])("handles %s with findings, never a stack trace", (_what, input) => {
    const r = run(["--format", "json", "-"], input);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.files[0].findings.length).toBeGreaterThan(0);
  });

  it("refuses binary bytes with one message naming what they are (not a finding per line)", () => {
    const r = run(["--format", "json", "-"], Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^iptlint: <stdin> is a binary file \(\d+% of its first 4096 bytes are control bytes\), not an iptables-save or iptables -S dump\n$/);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ readError: expect.stringMatching(/binary file/), findings: [] });
  });

  it("escapes control characters from the dump before printing them", () => {
    const r = run(["--no-color", "-"], "*filter\n-A INPUT -j \x1b[31mEVIL\x07\nCOMMIT\n");
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\x07\x1b]/);
    expect(r.stdout).toContain("\\x1b[31mEVIL\\x07");
  });
});
