/**
 * The CLI as a CI gate (issue 6): exit codes, --fail-on / --exit-zero / --max-warnings,
 * configuration discovery and problems, every suppression form end to end, baselines.
 * The dump is a small Docker host (test/suppress/host.ts) without the database: one
 * warning (IPT202 on 8080, line 11) and one info (IPT206).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DB_RULE, hostDump, WEB_RULE } from "./suppress/host.js";
import { ensureBundle, runCli, tempTree, writeIn } from "./helpers/cli-run.js";

/** The host without PostgreSQL: its DNAT and its filter ACCEPT (every line naming 5432) removed. */
const WEB = hostDump((t) => t.replace(`${DB_RULE}\n`, "").replace(/^.*--dport 5432 -j ACCEPT\n/m, ""));
const CLEAN = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";
const BROKEN = "*filter\n-A INPUT -j NOWHERE\nCOMMIT\n";
const OFF_202 = JSON.stringify({ rules: { "published-on-all-interfaces": "off" } });

beforeAll(ensureBundle);

interface JsonReport {
  files: { path: string; findings: { code: string; severity: string; line: number }[]; suppressed: { code: string; suppression: { kind: string; via: string; justification?: string } }[] }[];
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

function codes(stdout: string): string[] {
  return json(stdout).files.flatMap((f) => f.findings.map((x) => `${x.code}:${x.severity}`));
}

describe("exit status", () => {
  const dir = tempTree({ "clean.rules": CLEAN, "web.rules": WEB, "broken.rules": BROKEN, "off.json": OFF_202 });
  const at = (name: string) => join(dir, name);

  it.each([
    ["0: nothing at or above the threshold", [at("clean.rules")], 0],
    ["1: a warning fails by default (--fail-on warning)", [at("web.rules")], 1],
    ["1: an error", [at("broken.rules")], 1],
    ["0: --fail-on error lets warnings pass", ["--fail-on", "error", at("web.rules")], 0],
    ["1: --fail-on error still fails on an error", ["--fail-on", "error", at("broken.rules")], 1],
    ["0: an info alone passes by default", ["--config", at("off.json"), at("web.rules")], 0],
    ["1: --fail-on info fails on an info", ["--config", at("off.json"), "--fail-on", "info", at("web.rules")], 1],
    ["0: --exit-zero", ["--exit-zero", at("broken.rules")], 0],
    ["1: --max-warnings 0 with one warning, whatever --fail-on says", ["--fail-on", "error", "--max-warnings", "0", at("web.rules")], 1],
    ["0: --max-warnings 1 with one warning", ["--fail-on", "error", "--max-warnings", "1", at("web.rules")], 0],
    ["2: a file that cannot be read", [at("missing.rules")], 2],
    ["2: a file that cannot be read, even with --exit-zero", ["--exit-zero", at("missing.rules")], 2],
    ["2: an unknown option", ["--no-such-option", at("clean.rules")], 2],
    ["2: a bad --fail-on", ["--fail-on", "fatal", at("clean.rules")], 2],
    ["2: a bad --max-warnings", ["--max-warnings", "many", at("clean.rules")], 2],
    ["2: two formats on standard output", ["--format", "json", "--format", "sarif", at("clean.rules")], 2],
  ])("%s", (_what, args, code) => {
    const r = runCli(args as string[]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("is the same through `iptlint lint`", () => {
    expect(runCli(["lint", "--format", "json", at("web.rules")])).toEqual(runCli(["--format", "json", at("web.rules")]));
  });
});

describe("configuration", () => {
  it("is found from the linted file's directory upwards, and --no-config ignores it", () => {
    const dir = tempTree({ ".iptlintrc.json": OFF_202, "hosts/web/rules.v4": WEB });
    const file = join(dir, "hosts/web/rules.v4");
    expect(codes(runCli(["-f", "json", file]).stdout)).toEqual(["IPT206:info"]);
    expect(codes(runCli(["-f", "json", "--no-config", file]).stdout)).toEqual(["IPT202:warning", "IPT206:info"]);
  });

  it("is found from the working directory for standard input", () => {
    const dir = tempTree({ "iptlint.config.json": OFF_202 });
    const r = runCli(["-f", "json", "-"], { input: WEB, cwd: dir });
    expect(codes(r.stdout)).toEqual(["IPT206:info"]);
  });

  it("reads YAML, and a severity override changes the finding and the exit status", () => {
    const dir = tempTree({ ".iptlintrc.yaml": "rules:\n  IPT202: info\n", "rules.v4": WEB });
    const r = runCli(["-f", "json", join(dir, "rules.v4")]);
    expect(codes(r.stdout)).toEqual(["IPT202:info", "IPT206:info"]);
    expect(r.code).toBe(0);
  });

  it("--config FILE is used instead of the discovered one", () => {
    const dir = tempTree({ ".iptlintrc.json": OFF_202, "strict.json": JSON.stringify({ rules: { "icc-open": "error" } }), "rules.v4": WEB });
    const r = runCli(["-f", "json", "--config", join(dir, "strict.json"), join(dir, "rules.v4")]);
    expect(codes(r.stdout)).toEqual(["IPT202:warning", "IPT206:error"]);
  });

  it("an unknown rule name is a problem at its line and column, with the nearest name, and exit 2", () => {
    const dir = tempTree({ ".iptlintrc.json": '{\n  "rules": {\n    "published-on-all-interface": "off"\n  }\n}\n', "rules.v4": WEB });
    const r = runCli([join(dir, "rules.v4")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${join(dir, ".iptlintrc.json")}:3:5 error rules.published-on-all-interface: unknown rule "published-on-all-interface"; did you mean "published-on-all-interfaces"? (see iptlint rules)\n`);
  });

  it("reports exposures the intent does not declare (IPT220), on the configured external interface", () => {
    const config = { externalInterfaces: ["ens3"], intent: { public: [{ port: 443 }] }, rules: { IPT202: "off" } };
    const dir = tempTree({ ".iptlintrc.json": JSON.stringify(config), "rules.v4": WEB });
    const r = runCli(["-f", "compact", join(dir, "rules.v4")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(dir, "rules.v4")}:11:1: warning IPT220 published port tcp 0.0.0.0:8080 → 172.17.0.3:80 is reachable from 0.0.0.0/0 on ens3, which the intent does not declare [exposure-not-in-intent]`);
    const declared = { ...config, intent: { public: [{ port: 8080 }] } };
    writeFileSync(join(dir, ".iptlintrc.json"), JSON.stringify(declared));
    expect(runCli(["-f", "compact", join(dir, "rules.v4")]).stdout).not.toContain("IPT220");
  });
});

describe("suppressions", () => {
  const directive = (edit: (t: string) => string) => {
    const dir = tempTree({ "rules.v4": edit(WEB) });
    return runCli(["-f", "json", join(dir, "rules.v4")]);
  };

  it.each([
    ["# iptlint-disable-next-line", (t: string) => t.replace(WEB_RULE, `# iptlint-disable-next-line IPT202 -- reviewed\n${WEB_RULE}`), "comment"],
    ["# iptlint-disable … # iptlint-enable", (t: string) => t.replace(WEB_RULE, `# iptlint-disable published-on-all-interfaces -- reviewed\n${WEB_RULE}\n# iptlint-enable`), "comment"],
    ["# iptlint-disable-file", (t: string) => `# iptlint-disable-file IPT202 -- reviewed\n${t}`, "comment"],
    ["a rule comment", (t: string) => t.replace(WEB_RULE, WEB_RULE.replace(" -j DNAT", ' -m comment --comment "iptlint-disable IPT202 IPT208: reviewed" -j DNAT')), "rule-comment"],
  ])("%s silences the finding, lists it as suppressed, and it no longer fails the run", (_form, edit, via) => {
    const r = directive(edit);
    expect(r.code).toBe(0);
    const file = json(r.stdout).files[0]!;
    expect(file.findings.map((f) => f.code)).toEqual(["IPT206"]);
    // A rule comment in Docker's own chain is also a user rule there (IPT208): it names both.
    expect(file.suppressed.filter((x) => x.code !== "IPT208")).toEqual([expect.objectContaining({ code: "IPT202", suppression: { kind: "inSource", via, justification: "reviewed" } })]);
  });

  it("--report-unused-suppressions reports a directive that silenced nothing", () => {
    const edit = (t: string) => t.replace("*filter", "# iptlint-disable-next-line IPT203\n*filter");
    const dir = tempTree({ "rules.v4": edit(WEB) });
    expect(codes(runCli(["-f", "json", join(dir, "rules.v4")]).stdout)).not.toContain("IPT034:info");
    const r = runCli(["-f", "json", "--report-unused-suppressions", "--fail-on", "info", join(dir, "rules.v4")]);
    expect(codes(r.stdout)).toContain("IPT034:info");
    expect(r.code).toBe(1);
  });

  it("a directive naming an unknown rule is a finding that suggests the nearest", () => {
    const r = directive((t) => t.replace(WEB_RULE, `# iptlint-disable-next-line published-on-all-interface\n${WEB_RULE}`));
    const file = json(r.stdout).files[0]!;
    expect(file.findings.map((f) => f.code)).toContain("IPT033");
  });
});

describe("baseline", () => {
  it("--write-baseline records the findings and exits 0; --baseline then silences them; an expired entry reports them again", () => {
    const dir = tempTree({ "rules.v4": WEB });
    const file = join(dir, "rules.v4");
    const baseline = join(dir, "baseline.json");
    const w = runCli(["--write-baseline", baseline, file]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe("");
    const written = JSON.parse(readFileSync(baseline, "utf8")) as { version: number; entries: { code: string; expires?: string }[] };
    expect(written.version).toBe(1);
    expect(written.entries.map((e) => e.code)).toEqual(["IPT202", "IPT206"]);

    const quiet = runCli(["-f", "json", "--baseline", baseline, file]);
    expect(quiet.code).toBe(0);
    expect(codes(quiet.stdout)).toEqual([]);
    expect(json(quiet.stdout).files[0]!.suppressed.map((s) => `${s.code}:${s.suppression.via}`)).toEqual(["IPT202:baseline", "IPT206:baseline"]);

    written.entries[0]!.expires = "2000-01-01";
    writeFileSync(baseline, JSON.stringify(written));
    const expired = runCli(["-f", "json", "--baseline", baseline, file]);
    expect(expired.code).toBe(1);
    expect(codes(expired.stdout)).toEqual(["IPT035:warning", "IPT202:warning"]);

    // Rewriting keeps the hand-written expiry date.
    expect(runCli(["--write-baseline", baseline, file]).code).toBe(0);
    expect((JSON.parse(readFileSync(baseline, "utf8")) as typeof written).entries[0]!.expires).toBe("2000-01-01");
  });

  it("is read from the configuration's baseline key, relative to the configuration file", () => {
    const dir = tempTree({ ".iptlintrc.json": JSON.stringify({ baseline: "ci/baseline.json" }), "rules.v4": WEB });
    writeIn(dir, "ci/.keep", "");
    expect(runCli(["--write-baseline", join(dir, "ci/baseline.json"), join(dir, "rules.v4")]).code).toBe(0);
    expect(runCli([join(dir, "rules.v4")])).toMatchObject({ code: 0, stdout: "" });
  });

  it("a missing or malformed baseline is exit 2 with the problem's position", () => {
    const dir = tempTree({ "rules.v4": WEB, "bad.json": '{\n  "version": 1,\n  "entries": [\n    { "fingerprint": "xyz" }\n  ]\n}\n' });
    const missing = runCli(["--baseline", join(dir, "none.json"), join(dir, "rules.v4")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*none\.json: no such file/);
    const bad = runCli(["--baseline", join(dir, "bad.json"), join(dir, "rules.v4")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${join(dir, "bad.json").replace(/[.]/g, "\\.")}:4:\\d+ error `, "m"));
  });
});

/** `ip addr` of a host whose NIC is ens5. */
const ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
    inet 192.0.2.10/24 brd 192.0.2.255 scope global ens5
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:42:ac:11:00:01 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
`;

describe("host files", () => {
  it("--addr with lines that are not ip addr output is exit 2 at the line", () => {
    const dir = tempTree({ "rules.v4": WEB, "addr.txt": "this is not ip addr output\n" });
    const r = runCli(["--addr", join(dir, "addr.txt"), join(dir, "rules.v4")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/addr\.txt:1:1 error /);
  });

  it("--addr and --routes describe the host: the external interface is the default route's device", () => {
    const config = { intent: { public: [{ port: 443 }] }, rules: { IPT202: "off" } };
    const dir = tempTree({ ".iptlintrc.json": JSON.stringify(config), "rules.v4": WEB, "routes.txt": "default via 192.0.2.1 dev ens5 proto dhcp metric 100\n192.0.2.0/24 dev ens5 proto kernel scope link src 192.0.2.10\n172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1\n", "addr.txt": ADDR });
    const r = runCli(["-f", "compact", "--addr", join(dir, "addr.txt"), "--routes", join(dir, "routes.txt"), join(dir, "rules.v4")]);
    expect(r.stdout).toMatch(/IPT220 published port tcp 0\.0\.0\.0:8080 .* on ens5, which/);
  });
});
