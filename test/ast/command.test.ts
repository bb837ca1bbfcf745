/**
 * The getopt interpreter on single rules. Every verdict here was checked with the oracle
 * (iptables 1.8.9, nft and legacy agree on all of them): `ok` means the kernel loads the rule,
 * a code means it rejects it and iptlint must say so with that code.
 */
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";

function errorsOf(rule: string): string[] {
  const text = `*filter\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n${rule}\nCOMMIT\n`;
  return lintText(text).findings.filter((f) => f.severity === "error").map((f) => f.code);
}

describe("command interpretation (getopt as iptables does it)", () => {
  it.each([
    ["-A INPUT -p tcp --dport 22 -j ACCEPT", "ok"],
    ["-p tcp -A INPUT -j ACCEPT", "ok"],
    ["-A INPUT -p tcp --dp 22 -j ACCEPT", "ok"],
    ["-A INPUT -p tcp --d 22 -j ACCEPT", "IPT011"],
    ["-A INPUT -m comment --comment -test -j ACCEPT", "ok"],
    ['-A INPUT -m comment --comment "- allow this" -j ACCEPT', "ok"],
    ['-A INPUT -m comment --comment "open', "ok"],
    ["-A INPUT -p tcp -m tcp -m comment --comment x --dport 22", "ok"],
    ["-A INPUT -m mark --mark 1 -m mark --mark 2", "ok"],
    ["-A INPUT -m mark --mark 1 -m comment --comment x --mark 2", "IPT015"],
    ["-A INPUT -m mark -m comment --comment x --mark 2", "ok"],
    ["-A INPUT -p tcp --dport 22 -m tcp --sport 33", "ok"],
    ["-A INPUT -j ACCEPT -p tcp -A INPUT", "IPT019"],
    ["-A INPUT ! ! -p tcp", "IPT016"],
    ["-A INPUT -p tcp !", "IPT016"],
    ["-A INPUT --dst=1.2.3.4", "IPT014"],
    ["-A INPUT -ptcp -j ACCEPT", "IPT014"],
    ["-A INPUT -j ACCEPT -j DROP", "IPT015"],
    ["-A INPUT -j ACCEPT extra", "IPT012"],
    ["-A INPUT -s 10.0.0.1 -s 10.0.0.2 -j ACCEPT", "IPT015"],
    ["-A INPUT -p tcp -m udp --dport 5", "IPT105"],
    ["-A INPUT -m tcp --dport 5", "IPT105"],
    ["-A INPUT -d ! 192.168.122.0/24 -j ACCEPT", "IPT016"],
    ["-A OUTPUT -i eth0 -j ACCEPT", "IPT104"],
    ["-A INPUT -j NOWHERE", "IPT101"],
    ["-A INPUT -j OUTPUT", "IPT108"],
    ["-N FOO -p tcp", "IPT019"],
    // Found by npm run fuzz:kernel (scripts/fuzz-kernel.ts), each checked with the oracle:
    ["-A INPUT -m abcdefghijklmnopqrstuvwxyzabcd", "IPT014"],
    ["-A INPUT -m conn'track --ctstate NEW", "IPT011"],
    ["-A INPUT -m (Docker's --dst-type LOCAL", "IPT011"],
    ['-A INPUT -m stat\\"e --state RELATED,ESTABLISHED -j ACCEPT', "IPT014"],
    ["-A INPUT -j abcdefghijklmnopqrstuvwxyzabcd", "IPT014"],
    ['-A INPUT -j "a b"', "IPT014"],
    ["-N TCPMSS", "IPT025"],
    ["-N A\vB", "IPT025"],
    ["[::]. -A INPUT -j ACCEPT", "IPT010"],
    ["[:5] -A INPUT -j ACCEPT", "IPT010"],
    ["[1]:2] -A INPUT -j ACCEPT", "IPT010"],
    ["[::] -A INPUT -p tcp --dport 1:2 -j ACCEPT", "ok"],
    ["[1:] -A INPUT -j ACCEPT", "ok"],
    ["[1:2]x -A INPUT -j ACCEPT", "IPT012"],
    ["[1:2]-A INPUT -j ACCEPT", "ok"],
    ["[1:2 ] -A INPUT -j ACCEPT", "ok"],
  ])("%s → %s", (rule, expected) => {
    expect(errorsOf(rule)).toEqual(expected === "ok" ? [] : [expected]);
  });
});

describe("restore structure", () => {
  it.each([
    ["whitespace-only line in a table", "*filter\n   \nCOMMIT\n", ["IPT021"]],
    ["\\r alone on a line", "*filter\n\r\nCOMMIT\n", ["IPT003"]],
    ["user chain declared twice (legacy rejects; nft accepts)", "*filter\n:FOO - [0:0]\n:FOO - [0:0]\nCOMMIT\n", []],
    ["28-character chain name", "*filter\n:ABCDEFGHIJKLMNOPQRSTUVWXYZ01 - [0:0]\nCOMMIT\n", []],
    ["29-character chain name", "*filter\n:ABCDEFGHIJKLMNOPQRSTUVWXYZ012 - [0:0]\nCOMMIT\n", ["IPT025"]],
    ["a chain named ACCEPT", "*filter\n:ACCEPT - [0:0]\nCOMMIT\n", ["IPT025"]],
    ["policy RETURN", "*filter\n:INPUT RETURN [0:0]\nCOMMIT\n", ["IPT026"]],
    ["a user chain whose policy word is no policy (nft never reads it; found by fuzz:kernel)", "*filter\n:FOO -A [0:0]\nCOMMIT\n", []],
    ["chain without policy", "*filter\n:FOO\nCOMMIT\n", ["IPT008"]],
    // Found by npm run fuzz:kernel; table and chain lines are split by strtok, quotes included.
    ["a target's name as a declared chain", "*filter\n:LOG - [0:0]\nCOMMIT\n", []],
    ["quotes in a table name", '*fil"ter"\nCOMMIT\n', ["IPT006"]],
    ["quotes in a built-in chain's policy", '*filter\n:INPUT "ACCEPT" [0:0]\nCOMMIT\n', ["IPT026"]],
    ["a CR before a declared chain name (nft: Invalid chain name)", "*filter\n:\rOUTPUT ACCEPT [0:0]\nCOMMIT\n", ["IPT025"]],
    ["-N twice", "*filter\n-N FOO\n-N FOO\nCOMMIT\n", ["IPT009"]],
    ["a table committed twice", "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n", []],
    ["counters glued to -A", "*filter\n[1:2] -A INPUT -j ACCEPT\nCOMMIT\n", []],
    ["a loop between user chains", "*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n", ["IPT103"]],
    ["a loop no built-in chain reaches", "*filter\n:A - [0:0]\n:B - [0:0]\n-A A -j B\n-A B -j A\nCOMMIT\n", []],
  ])("%s", (_what, text, codes) => {
    expect(lintText(text).findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(codes);
  });

  it("makes the backend-dependent findings errors for the dump's own backend", () => {
    const text = "# Generated by iptables-save v1.8.9 (legacy)\n*filter\n:FOO ACCEPT [0:0]\nCOMMIT\n";
    expect(lintText(text).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["error IPT026"]);
    expect(lintText(text, { backend: "nft" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning IPT026"]);
    const quotedBuiltin = '*filter\n:FORWAR""D ACCEPT [0:0]\nCOMMIT\n';
    expect(lintText(quotedBuiltin, { backend: "legacy" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["error IPT026"]);
    expect(lintText(quotedBuiltin, { backend: "nft" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning IPT026"]);
    const vtab = "*filter\n:A\vB - [0:0]\nCOMMIT\n";
    expect(lintText(vtab, { backend: "legacy" }).findings.filter((f) => f.severity !== "info").map((f) => `${f.severity} ${f.code}`)).toEqual(["warning IPT025"]);
    const noFinalNewline = "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT";
    expect(lintText(noFinalNewline, { backend: "legacy" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["error IPT022"]);
    expect(lintText(noFinalNewline, { backend: "nft" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning IPT022"]);
    const notAPolicy = "*filter\n:FOO -A [0:0]\nCOMMIT\n";
    expect(lintText(notAPolicy, { backend: "legacy" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["error IPT026"]);
    expect(lintText(notAPolicy, { backend: "nft" }).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning IPT026"]);
  });
});

describe("a tcp/udp match under ! -p of the same protocol (found by npm run fuzz:kernel; oracle)", () => {
  const errors = (rule: string, backend: "nft" | "legacy") =>
    lintText(`*filter\n:INPUT ACCEPT [0:0]\n${rule}\nCOMMIT\n`, { backend }).findings.filter((f) => f.severity === "error").map((f) => f.code);
  it.each([
    ["-A INPUT ! -p tcp --dport 22", "ok", "IPT105"],
    ["-A INPUT ! -p tcp -m tcp --sport 1", "ok", "IPT105"],
    ["-A INPUT ! -p tcp -m tcp ! --syn", "ok", "IPT105"],
    ['-A INPUT "!" -p udp -m udp --dport 67:69', "ok", "IPT105"],
    ["-A INPUT ! -p tcp -m tcp", "IPT105", "IPT105"],
    ["-A INPUT ! -p tcp -m tcp --dport 0:65535", "IPT105", "IPT105"],
    ["-A INPUT ! -p tcp -m tcp --dport 1 --tcp-option 2", "IPT105", "IPT105"],
    ["-A INPUT ! -p sctp -m sctp --dport 1", "IPT105", "IPT105"],
    ["-A INPUT -p udp -m tcp --dport 1", "IPT105", "IPT105"],
  ])("%s → nft %s, legacy %s", (rule, nft, legacy) => {
    expect(errors(rule, "nft")).toEqual(nft === "ok" ? [] : [nft]);
    expect(errors(rule, "legacy")).toEqual([legacy]);
  });
});

describe("what a dump needs from its host (src/model/environment.ts)", () => {
  it("says that a host name in -s or in recent's --mask is resolved at load time (found by fuzz:kernel)", () => {
    const text = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s gw.example.org -j ACCEPT\n-A INPUT -m recent --set --mask 255.255.255.-1\n-A INPUT -m recent --set --mask 255.255.0.0\n-A INPUT -d 10.0.0.-1/32\nCOMMIT\n";
    const needs = lintText(text).findings.filter((f) => f.code === "IPT106").map((f) => `${f.span.start.line}:${f.span.start.column} ${f.severity} ${f.message.split(" is ")[0]}`);
    expect(needs).toEqual(["3:13 info host name `gw.example.org'", "4:33 info host name `255.255.255.-1'", "6:13 info host name `10.0.0.-1'"]);
  });
});

describe("nesting of jumps (found by the hostile 100k-deep chain; oracle)", () => {
  /** INPUT → A1 → … → An: An sits n jumps below a built-in chain. */
  const nested = (n: number, jump = "-j") =>
    `*filter\n:INPUT ACCEPT [0:0]\n${Array.from({ length: n }, (_, i) => `:A${i + 1} - [0:0]\n`).join("")}-A INPUT ${jump} A1\n${Array.from({ length: n - 1 }, (_, i) => `-A A${i + 1} ${jump} A${i + 2}\n`).join("")}COMMIT\n`;
  const codes = (text: string, backend: "nft" | "legacy") => lintText(text, { backend }).findings.filter((f) => f.severity !== "info").map((f) => `${f.span.start.line} ${f.severity} ${f.code}`);

  it("lets nf_tables nest 15 chains and refuses the 16th, at the jump that crosses the limit", () => {
    expect(codes(nested(15), "nft")).toEqual([]);
    expect(codes(nested(16), "nft")).toEqual(["34 error IPT113"]); // "line 34: RULE_APPEND failed (Too many links): rule in chain A15"
    expect(codes(nested(16, "-g"), "nft")).toEqual(["34 error IPT113"]); // gotos count too
    expect(codes(nested(20), "nft")).toEqual(["38 error IPT113"]);
  });

  it("is a warning for legacy, which has no such limit", () => {
    expect(codes(nested(16), "legacy")).toEqual(["34 warning IPT113"]);
  });
});

describe("declaration order", () => {
  it("rejects a jump to a chain declared only further down (oracle: both backends)", () => {
    const text = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j FOO\n:FOO - [0:0]\nCOMMIT\n";
    const [f] = lintText(text).findings;
    expect(f?.code).toBe("IPT101");
    expect(f?.span.start.line).toBe(3);
    expect(f?.message).toMatch(/declared only later, on line 4/);
  });
});
