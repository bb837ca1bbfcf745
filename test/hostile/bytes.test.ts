/**
 * Hostile input, bytes (issue 7 item 4): what is not clean UTF-8 text ends with one clear
 * finding or message, never a finding per "line" of a binary file or a stack trace.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle, tempTree } from "../helpers/cli-run.js";
import { expectBounded, runMeasured } from "./run.js";

beforeAll(ensureBundle);

const LIMITS = { seconds: 30, mib: 512 };
const HEAD = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n";

/** Deterministic "random" bytes (a linear congruential generator), so a failure reproduces. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("hostile input: bytes", () => {
  it("invalid UTF-8 in a comment: one warning at the first bad byte, the dump is still checked", () => {
    const input = Buffer.concat([Buffer.from(`${HEAD}-A INPUT -m comment --comment "caf`), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from(`" -j ACCEPT\n-A INPUT -p tcp --dportt 22 -j ACCEPT\nCOMMIT\n`)]);
    const m = runMeasured("invalid UTF-8", ["--no-config", "-"], { input });
    expectBounded(m, LIMITS);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/^<stdin>:5:35 warning IPT029 the input is not valid UTF-8 \(first bad byte at line 5, column 35\)/m);
    expect(m.stdout).toMatch(/^<stdin>:6:\d+ error IPT011 /m);
    expect(m.stdout).toMatch(/^2 findings \(1 error, 1 warning, 0 info\)/m);
  });

  it("NUL bytes in a dump: an error on each line that holds one (iptables-restore stops reading there)", () => {
    const m = runMeasured("NUL bytes", ["--no-config", "-"], { input: `${HEAD}-A INPUT -j ACC\0EPT\n\0\0\0\nCOMMIT\n` });
    expectBounded(m, LIMITS);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/^<stdin>:5:16 error IPT001 line holds a NUL byte/m);
    expect(m.stdout).toMatch(/^<stdin>:6:1 error IPT001 line holds a NUL byte/m);
    expect(m.stdout).toContain("-A INPUT -j ACC\\0EPT");
    expect(m.stdout).toMatch(/^2 findings \(2 errors, 0 warnings, 0 info\)/m);
  });

  it("an ELF executable: refused with what it is, exit 2", () => {
    const dir = tempTree();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), noise(2_000_000, 7)]);
    const path = join(dir, "iptables");
    writeFileSync(path, elf);
    const m = runMeasured("ELF binary", ["--no-config", path]);
    expectBounded(m, LIMITS);
    expect(m.code).toBe(2);
    expect(m.stdout).toBe("");
    expect(m.stderr).toBe(`iptlint: ${path} is an ELF executable, not an iptables-save or iptables -S dump\n`);
  });

  it("random bytes on standard input: refused as binary, in every format", () => {
    for (const format of ["text", "json", "sarif"]) {
      const m = runMeasured(`random bytes (${format})`, ["--no-config", "-f", format, "-"], { input: noise(1 << 20, 42) });
      expectBounded(m, LIMITS);
      expect(m.code).toBe(2);
      expect(m.stderr).toMatch(/^iptlint: <stdin> is a binary file \(\d+% of its first 8192 bytes are control bytes\), not an iptables-save or iptables -S dump\n$/);
    }
  });

  it("a gzip-compressed dump and a UTF-16 one: refused with how to fix them", () => {
    const gz = runMeasured("gzip", ["--no-config", "-"], { input: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), noise(4096, 3)]) });
    expect(gz.code).toBe(2);
    expect(gz.stderr).toMatch(/is gzip-compressed \(run it through gunzip first\)/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEAD}COMMIT\n`, "utf16le")]);
    const u = runMeasured("UTF-16", ["fmt", "-"], { input: utf16 });
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/is UTF-16 text \(convert it: iconv -f utf-16 -t utf-8\)/);
  });
});
