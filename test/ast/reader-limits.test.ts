/**
 * iptables-restore's reader buffers (src/ast/reader-limits.ts), at the exact limits the
 * oracle showed (iptables 1.8.9, nft and legacy alike): 10239 bytes a line, 1023 bytes an
 * argument, 251 words a command. Found while testing hostile input: a 10 MB comment line
 * passed iptlint and fails the kernel.
 */
import { describe, expect, it } from "vitest";
import { kernelErrors } from "../../src/checks.js";
import { lintText } from "../../src/lint.js";

const HEAD = "*filter\n:INPUT ACCEPT [0:0]\n";

function errors(body: string): string[] {
  return kernelErrors(lintText(`${HEAD}${body}\nCOMMIT\n`).findings).map((f) => `${f.span.start.line}:${f.span.start.column} ${f.code}`);
}

/** A rule line of exactly `n` bytes: comments of 1000 characters, the last one padded. */
function ruleOfBytes(n: number, filler = "d"): string {
  let line = "-A INPUT";
  while (n - line.length > 1100) line += ` -m comment --comment ${"c".repeat(1000)}`;
  const tail = " -m comment --comment ";
  return line + tail + filler.repeat(n - line.length - tail.length);
}

describe("iptables-restore's line buffer: 10239 bytes", () => {
  it("accepts a 10239-byte rule and rejects a 10240-byte one, at the byte where fgets cuts it", () => {
    expect(errors(ruleOfBytes(10239))).toEqual([]);
    expect(errors(ruleOfBytes(10240))).toEqual(["3:10240 IPT036"]);
  });

  it("counts bytes, not characters: a comment of é is cut twice as early", () => {
    expect(errors(`-A INPUT -m comment --comment ${"é".repeat(500)}`)).toEqual([]); // 1000 bytes
    expect(errors(`-A INPUT -m comment --comment ${"é".repeat(512)}`)).toEqual(["3:31 IPT036"]); // 1024 bytes
    // 10238 bytes of ASCII and a two-byte é: fgets cuts the é in half.
    expect(errors(`${ruleOfBytes(10238)}é`)).toEqual(["3:10239 IPT036"]);
  });

  it("applies to comment lines too (the rest of the line is read as a command)", () => {
    expect(errors(`#${"x".repeat(10238)}`)).toEqual([]);
    expect(errors(`#${"x".repeat(10239)}`)).toEqual(["3:10240 IPT036"]);
  });
});

describe("iptables-restore's argument buffer: 1023 bytes", () => {
  it("accepts a 1023-byte comment and rejects a 1024-byte one (quotes do not count)", () => {
    expect(errors(`-A INPUT -m comment --comment "${"p".repeat(1023)}"`)).toEqual([]);
    expect(errors(`-A INPUT -m comment --comment "${"p".repeat(1024)}"`)).toEqual(["3:31 IPT036"]);
  });
});

describe("iptables-restore's argument vector: 251 words", () => {
  const words = (n: number) => ["-A", "INPUT", ...Array.from({ length: 100 }, () => ["-m", "comment", "--comment", "x"]).flat()].slice(0, n).join(" ");
  it("accepts 250 words and rejects 252, at the first word too many", () => {
    expect(errors(words(250))).toEqual([]);
    expect(errors(words(252))).toEqual(["3:1439 IPT036"]);
  });
});
