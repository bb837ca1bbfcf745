/**
 * Terminal escape sequences from the dump (issue 7 item 4) are shown escaped in every output:
 * ESC, CSI (7-bit `ESC [` and 8-bit U+009B), OSC 8 hyperlinks, BEL, backspace and CR, in a
 * comment, a log prefix, a chain name and the file name, through every lint format (to stdout
 * and to a report file, plain and coloured) and the trace, exposure, fmt and diff commands.
 * test/cli-output.test.ts and test/report/formats.test.ts check ESC and BEL in the lint
 * reports; this adds the other sequences and the other commands.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../../src/report/formats.js";
import { ensureBundle, runCli, tempTree } from "../helpers/cli-run.js";

beforeAll(ensureBundle);

const ESC = "\x1b";
const OSC8 = `${ESC}]8;;https://evil.example/\x07click here${ESC}]8;;\x07`;
const EVIL = `${ESC}[2J${ESC}[31mred\x07bell\x08back\u009b31mcsi ${OSC8} cr\rover`;
const CHAIN = `EVIL${ESC}[1m`;

/** A Docker host whose comments, log prefix and one chain carry the sequences; every command shows some of them. */
const DUMP = `*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-USER - [0:0]
:${CHAIN} - [0:0]
-A INPUT -p tcp -m tcp --dport 22 -m comment --comment "${EVIL}" -j ACCEPT
-A INPUT -j LOG --log-prefix "${ESC}[5mX\x07\r "
-A FORWARD -j DOCKER-USER
-A FORWARD -o docker0 -j DOCKER
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-USER -i eth0 -j ${CHAIN}
-A DOCKER-USER -j RETURN
-A ${CHAIN} -s 10.0.0.0/8 -m comment --comment "${EVIL}" -j DROP
-A ${CHAIN} -j RETURN
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -m comment --comment "${EVIL}" -j DNAT --to-destination 172.17.0.2:80
COMMIT
`;

/** Raw control characters that act on a terminal: C0 but newline and tab, DEL, C1 (U+009B is CSI), bidi overrides. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** kleur's own colours, the only ESC allowed, and only when colour was asked for. */
const OWN_COLOUR = /\x1b\[\d+(;\d+)*m/g;

const dir = tempTree({
  [`evil${ESC}[31m.rules`]: DUMP,
  "new.rules": DUMP.replace("--dport 8080", "--dport 8081"),
  // Not canonical where the sequences are (no -m tcp), so that fmt --check shows them.
  "hand-written.rules": DUMP.replace("-A INPUT -p tcp -m tcp --dport 22", "-A INPUT -p tcp --dport 22"),
});
const file = join(dir, `evil${ESC}[31m.rules`);

function expectClean(what: string, text: string, coloured = false): void {
  const shown = coloured ? text.replace(OWN_COLOUR, "") : text;
  const raw = RAW.exec(shown);
  expect(raw, `${what}: raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${JSON.stringify(shown.slice(Math.max(0, (raw?.index ?? 0) - 40), (raw?.index ?? 0) + 10))}`).toBeNull();
}

/** The escaped forms of the sequences: what the reader sees instead. */
function expectEscaped(what: string, text: string): void {
  for (const shown of ["\\x1b[2J", "\\x1b]8;;https://evil.example/\\x07click here", "\\x07bell", "\\x08back", "\\x9b31mcsi", "cr\\rover"]) {
    expect(text, `${what} shows ${shown}`).toContain(shown);
  }
}

describe("terminal escape sequences from the dump are shown escaped", () => {
  it.each(FORMAT_NAMES.map((f) => [f]))("lint -f %s: stdout, a report file, plain and coloured", (format) => {
    for (const colour of ["--no-color", "--color"]) {
      const out = join(dir, `report-${format}${colour}`);
      const r = runCli(["--no-config", colour, "-f", format, "-f", `${format}=${out}`, file]);
      expect(r.code, r.stderr).toBe(1);
      expectClean(`${format} ${colour} stdout`, r.stdout, colour === "--color");
      expectClean(`${format} ${colour} stderr`, r.stderr);
      expectClean(`${format} report file`, readFileSync(out, "utf8"));
    }
  });

  it("lint text output shows every sequence escaped", () => {
    const r = runCli(["--no-config", "--no-color", file]);
    expectEscaped("lint", r.stdout);
    expect(r.stdout).toContain("evil\\x1b[31m.rules:");
  });

  it("trace: the rules and chain names on the packet's path", () => {
    for (const format of ["text", "json"]) {
      const r = runCli(["trace", "--color", "-f", format, "--src", "10.1.2.3", "--dst", "203.0.113.10", "--dport", "8080", "--in", "eth0", file]);
      expect(r.code, r.stderr).toBe(0);
      expectClean(`trace ${format}`, r.stdout, true);
      expect(r.stdout).toContain(format === "json" ? "EVIL\\\\x1b[1m" : "EVIL\\x1b[1m");
      if (format === "text") expectEscaped("trace", r.stdout);
    }
  });

  it("exposure: the rule that stops a source, in text and JSON", () => {
    for (const format of ["text", "json"]) {
      const r = runCli(["exposure", "--no-config", "--color", "-f", format, file]);
      expect(r.code, r.stderr).toBe(0);
      expectClean(`exposure ${format}`, r.stdout, true);
      expect(r.stdout).toContain(format === "json" ? "EVIL\\\\x1b[1m" : "EVIL\\x1b[1m");
    }
    expectEscaped("exposure", runCli(["exposure", "--no-config", file]).stdout);
  });

  it("fmt: the canonical text shown escaped, with a note that those lines are not restore input as printed", () => {
    const r = runCli(["fmt", file]);
    expect(r.code).toBe(0);
    expectClean("fmt stdout", r.stdout);
    expectClean("fmt stderr", r.stderr);
    expectEscaped("fmt", r.stdout);
    expect(r.stderr).toMatch(/^iptlint fmt: .*evil\\x1b\[31m\.rules: control characters on lines 7, 8, 9, 13, 15, 16, 25 are shown escaped .*fmt --write rewrites the file byte for byte\n$/);
  });

  it("fmt --check: the diff shown escaped", () => {
    const r = runCli(["fmt", "--check", join(dir, "hand-written.rules")]);
    expect(r.code).toBe(1);
    expectClean("fmt --check", r.stdout);
    expectEscaped("fmt --check", r.stdout);
  });

  it("diff, in text and JSON", () => {
    for (const format of ["text", "json"]) {
      const r = runCli(["diff", "--color", "-f", format, file, join(dir, "new.rules")]);
      expect(r.code, r.stderr).toBe(1);
      expectClean(`diff ${format}`, r.stdout, true);
      expect(r.stdout).toContain("\\x1b]8;;https://evil.example/");
    }
  });
});
