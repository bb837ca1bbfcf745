/**
 * What the CLI prints (issue 6): several --format targets in one run, colour decided by
 * --color / --no-color, FORCE_COLOR, NO_COLOR and the terminal, dump text with raw escape
 * sequences never reaching stdout raw in any format, and --help listing every command.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../src/report/formats.js";
import { ensureBundle, runCli, tempTree } from "./helpers/cli-run.js";
import { hostDump, WEB_RULE } from "./suppress/host.js";

beforeAll(ensureBundle);

const ESC = "\x1b";
/** Raw ESC, BEL and CSI sequences in a rule comment, a LOG prefix, a chain name and a suppression reason. */
const HOSTILE = hostDump((t) =>
  t
    .replace(WEB_RULE, `${WEB_RULE.replace(" -j DNAT", ` -m comment --comment "iptlint-disable IPT208: ${ESC}[2J${ESC}]0;owned${"\x07"}" -j DNAT`)}`)
    .replace("-A DOCKER-USER -j RETURN", `-A DOCKER-USER -m comment --comment "${ESC}[31mred${ESC}[0m" -j LOG --log-prefix "${ESC}[1mX "\n-A DOCKER-USER -j ${ESC}[5mNOWHERE\n-A DOCKER-USER -j RETURN`),
);

describe("--format", () => {
  it("writes NAME=PATH to a file and prints the other format on stdout", () => {
    const dir = tempTree({ "rules.v4": HOSTILE });
    const sarifPath = join(dir, "out.sarif");
    const r = runCli(["--format", "compact", "--format", `sarif=${sarifPath}`, join(dir, "rules.v4")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\S+rules\.v4:\d+:\d+: (error|warning|info) IPT\d{3} /m);
    const sarif = JSON.parse(readFileSync(sarifPath, "utf8")) as { version: string; runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.some((x) => x.ruleId === "IPT101")).toBe(true);
    expect(sarif.runs[0]!.results.some((x) => x.suppressions?.length)).toBe(true);
  });

  it("writes several files in one run, and exit 2 when a report cannot be written", () => {
    const dir = tempTree({ "rules.v4": HOSTILE });
    const r = runCli(["--format", `json=${join(dir, "r.json")}`, "--format", `junit=${join(dir, "r.xml")}`, join(dir, "rules.v4")]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).version).toBe(1);
    expect(readFileSync(join(dir, "r.xml"), "utf8")).toMatch(/^<\?xml/);
    const bad = runCli(["--format", `json=${join(dir, "no/such/dir/r.json")}`, join(dir, "rules.v4")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot write the json report/);
  });

  it.each(FORMAT_NAMES.map((f) => [f]))("%s: the raw ESC and BEL bytes from the dump never reach stdout or a report file", (format) => {
    const dir = tempTree({ "rules.v4": HOSTILE });
    const r = runCli(["--format", format, "--format", `${format}=${join(dir, "out")}`, join(dir, "rules.v4")]);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).not.toMatch(/[\x1b\x07]/);
    expect(readFileSync(join(dir, "out"), "utf8")).not.toMatch(/[\x1b\x07]/);
  });

  it("the escaped text is still there to read", () => {
    const r = runCli(["--format", "json", "-"], { input: HOSTILE });
    expect(r.stdout).toContain("\\\\x1b[5mNOWHERE");
  });
});

describe("colour", () => {
  const dir = tempTree({ "rules.v4": HOSTILE });
  const file = join(dir, "rules.v4");
  const coloured = (args: string[], env: Record<string, string> = {}) => runCli(["--format", "stylish", ...args, file], { env }).stdout.includes(ESC);

  it.each([
    ["off when stdout is not a terminal", [], {}, false],
    ["on with FORCE_COLOR=1", [], { FORCE_COLOR: "1" }, true],
    ["off with FORCE_COLOR=0", [], { FORCE_COLOR: "0" }, false],
    ["off with NO_COLOR=1", [], { NO_COLOR: "1" }, false],
    ["NO_COLOR set but empty does not count", [], { NO_COLOR: "", FORCE_COLOR: "1" }, true],
    ["on with --color", ["--color"], {}, true],
    ["--color beats NO_COLOR", ["--color"], { NO_COLOR: "1" }, true],
    ["--no-color beats FORCE_COLOR", ["--no-color"], { FORCE_COLOR: "1" }, false],
  ])("%s", (_what, args, env, expected) => {
    expect(coloured(args as string[], env as Record<string, string>)).toBe(expected);
  });

  it("never colours a report written to a file", () => {
    const out = join(dir, "stylish.txt");
    runCli(["--color", "--format", `stylish=${out}`, file]);
    expect(readFileSync(out, "utf8")).not.toContain(ESC);
  });
});

describe("--help", () => {
  const COMMANDS = ["lint", "fmt", "diff", "check", "trace", "exposure", "rules", "explain"];

  it("lists every command with a one-line description, and every option", () => {
    const r = runCli(["--help"]);
    expect(r.code).toBe(0);
    const commands = r.stdout.slice(r.stdout.indexOf("Commands:"));
    for (const c of COMMANDS) expect(commands).toMatch(new RegExp(`^  ${c}\\b.*\\S\\s{2,}\\w`, "m"));
    for (const option of ["--format", "--fail-on", "--max-warnings", "--exit-zero", "--config", "--no-config", "--baseline", "--write-baseline", "--report-unused-suppressions", "--live", "--ipv6", "--routed-subnet", "--addr", "--routes", "--color", "--no-color", "--stdin-filename"]) {
      expect(r.stdout).toMatch(new RegExp(`^  (-\\w, )?${option}\\b.*\\w`, "m"));
    }
  });

  it.each(COMMANDS.map((c) => [c]))("iptlint %s --help prints its usage and exits 0", (command) => {
    const r = runCli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: iptlint/);
  });
});

describe("explain", () => {
  it("prints an entry named in any case, as configs and directives name it", () => {
    const r = runCli(["explain", "Published-On-All-Interfaces"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("IPT202 published-on-all-interfaces (warning)");
  });

  it("exits 2 on a typo and suggests the nearest name", () => {
    const r = runCli(["explain", "publisehd-on-all-interfaces"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean IPT202 published-on-all-interfaces?");
  });
});
