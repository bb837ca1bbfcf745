/**
 * The change gate as users run it (the bundled CLI): `iptlint check --base OLD NEW`, `iptlint
 * diff OLD NEW --exposure`, and the git mode on temporary repositories: a pre-commit hook's
 * staged changes, the working tree, a pull request's range, renamed, added, deleted files and
 * rules moved between files. Each fixture pair gives its report and its exit status.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle, ROOT, runCli, tempTree, writeIn } from "./helpers/cli-run.js";

const FIX = join(ROOT, "fixtures/change");

beforeAll(() => ensureBundle());

function check(...args: string[]) {
  return runCli(["check", "--no-color", ...args]);
}

function pair(name: string, newFile = "new.rules"): string[] {
  return ["--base", join(FIX, name, "old.rules"), join(FIX, name, newFile)];
}

describe("check --base OLD NEW on the fixture pairs", () => {
  it("a DOCKER-USER restriction removed: 8080 reachable from everywhere but 10.0.0.0/8 on eth0, what stopped it, two new warnings; exit 1", () => {
    const r = check(...pair("docker-user-removed"));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      [
        "  more reachable (1):",
        "    tcp 0.0.0.0:8080 → 192.0.2.2:80 (published port on bridge1)",
        "      + reachable from 0.0.0.0/0 except 10.0.0.0/8 via eth0 (external)",
        "          was stopped by filter DOCKER-USER line 44: -A DOCKER-USER ! -s 10.0.0.0/8 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP",
        "  new findings (2):",
      ].join("\n"),
    );
    expect(r.stdout).toMatch(/new\.rules:57:1 warning IPT202 published-on-all-interfaces: /);
    expect(r.stdout).toMatch(/new\.rules:57:1 warning IPT218 published-port-bypasses-allowlist: /);
    expect(r.stdout).toContain("        - -A DOCKER-USER ! -s 10.0.0.0/8 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP  (old #1, line 44)");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("fail: 1 port or service more reachable, 2 new findings (2 at or above warning)");
  });

  it("a port published on 0.0.0.0 instead of 127.0.0.1: the same port, now reachable from everywhere; exit 1", () => {
    const r = check(...pair("published-all-addresses"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("    tcp 0.0.0.0:8080 → 192.0.2.2:80 (published port on bridge1, was 127.0.0.1:8080)\n      + reachable from 0.0.0.0/0 via any interface\n          was stopped by raw PREROUTING line 7: -A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP");
    expect(r.stdout).toMatch(/warning IPT202 published-on-all-interfaces/);
  });

  it("an INPUT allowlist widened: SSH from a second network, PostgreSQL from all of 10/8; exit 1", () => {
    const r = check(...pair("input-allowlist-widened"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("    tcp 22 (host service)\n      + reachable from 198.51.100.0/24 via eth0 (external)\n          was stopped by the policy of filter INPUT (line 4)");
    expect(r.stdout).toContain("    tcp 5432 (host service)\n      + reachable from 10.0.0.0/8 except 10.20.0.0/16 via any interface");
    expect(r.stdout).not.toContain("new findings");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("fail: 2 ports or services more reachable");
  });

  it.each(["new.rules", "new.S"])("a pure reformatting (%s): no change reported; exit 0", (file) => {
    const r = check(...pair("reformatted", file));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  no change: the same rules in canonical form, the same exposure, the same findings\n");
    for (const word of ["more reachable (", "new findings", "fixed findings", "rules:"]) expect(r.stdout).not.toContain(word);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("pass: nothing more reachable, no new finding");
  });

  it("a reordering that changes a verdict: the moved DROP no longer stops the scanner; exit 1", () => {
    const r = check(...pair("reorder-verdict"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("    tcp 443 (host service)\n      + reachable from 198.51.100.7/32 via any interface\n          was stopped by filter INPUT line 9: -A INPUT -s 198.51.100.7/32 -j DROP");
    expect(r.stdout).toContain("        ~ -A INPUT -s 198.51.100.7/32 -j DROP  (moved #3 → #4, lines 9 → 10)");
  });

  it("diff OLD NEW --exposure is the same report and status", () => {
    const a = check(...pair("docker-user-removed"));
    const b = runCli(["diff", "--no-color", "--exposure", join(FIX, "docker-user-removed/old.rules"), join(FIX, "docker-user-removed/new.rules")]);
    expect(b).toEqual(a);
  });

  it("plain diff keeps its meaning: the rule diff only, exit 1 on any difference", () => {
    const r = runCli(["diff", "--no-color", join(FIX, "reorder-verdict/old.rules"), join(FIX, "reorder-verdict/new.rules")]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("reachable");
    expect(r.stdout).toContain("0 added, 0 removed, 2 moved");
  });
});

describe("check options", () => {
  /** Only a new warning: a rule the DROP before it shadows, nothing more reachable. */
  function shadowedPair(): string[] {
    const old = join(FIX, "reorder-verdict/old.rules");
    const text = spawnSync("cat", [old], { encoding: "utf8" }).stdout.replace("-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n", "-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n-A INPUT -s 198.51.100.7/32 -p tcp -m tcp --dport 8443 -j ACCEPT\n");
    const dir = tempTree({ "new.rules": text });
    return ["--base", old, join(dir, "new.rules")];
  }

  it("--fail-on decides whether a new finding fails the gate; more reachable always does; --exit-zero never fails", () => {
    const shadowed = shadowedPair();
    const warn = check(...shadowed);
    expect(warn.code).toBe(1);
    expect(warn.stdout).toMatch(/warning IPT110 rule-shadowed/);
    expect(warn.stdout.trimEnd().split("\n").at(-1)).toBe("fail: 1 new finding (1 at or above warning)");
    expect(check("--fail-on", "error", ...shadowed).code).toBe(0);
    expect(check("--fail-on", "error", ...pair("reorder-verdict")).code).toBe(1);
    expect(check("--exit-zero", ...pair("reorder-verdict")).code).toBe(0);
  });

  it("--format json carries the verdict and the exit status", () => {
    const r = check("--format", "json", ...pair("published-all-addresses"));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ version: 1, compared: { kind: "files" }, verdict: { moreReachable: 1, newFindings: 1, exitStatus: 1, failOn: "warning" } });
    expect(j.files[0].exposure.targets[0]).toMatchObject({ status: "changed", kind: "published", port: "8080", old: { hostAddress: "127.0.0.1" }, new: { hostAddress: "0.0.0.0", reachableFromOutside: ["0.0.0.0/0"] } });
    expect(j.files[0].findings.added.map((f: { code: string }) => f.code)).toEqual(["IPT202"]);
  });

  it("--format markdown: heading, table, folded rule diff", () => {
    const r = check("--format", "markdown", ...pair("input-allowlist-widened"));
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("## iptlint change gate: fail\n")).toBe(true);
    expect(r.stdout).toContain("| `tcp 5432`<br>host service | `10.0.0.0/8 except 10.20.0.0/16` | any interface | stopped by the policy of filter INPUT (line 4) |");
    expect(r.stdout).toContain("<details><summary>Rule changes: 2 added, 1 removed");
  });

  it("--external and the configuration's externalInterfaces choose the outside interface", () => {
    const r = check("--format", "json", "--external", "ens3", ...pair("docker-user-removed"));
    expect(JSON.parse(r.stdout).files[0].exposure.externalInterface).toBe("ens3");
    const dir = tempTree({ ".iptlintrc.json": JSON.stringify({ externalInterfaces: ["ens4"] }) });
    copyFileSync(join(FIX, "docker-user-removed/new.rules"), join(dir, "new.rules"));
    const c = runCli(["check", "--format", "json", "--base", join(FIX, "docker-user-removed/old.rules"), "new.rules"], { cwd: dir });
    expect(JSON.parse(c.stdout).files[0].exposure.externalInterface).toBe("ens4");
    const none = runCli(["check", "--no-config", "--format", "json", "--base", join(FIX, "docker-user-removed/old.rules"), "new.rules"], { cwd: dir });
    expect(JSON.parse(none.stdout).files[0].exposure.externalInterface).toBe("eth0");
  });

  it("usage and read errors exit 2 with one clear line", () => {
    const cases: [string[], RegExp][] = [
      [["check"], /check needs --base OLD NEW \(two dumps\) or --git REV/],
      [["check", "--base", join(FIX, "reorder-verdict/old.rules")], /--base OLD needs exactly one more dump, NEW/],
      [["check", "--base", "a", "b", "--git", "HEAD"], /give --base OLD NEW or --git REV, not both/],
      [["check", "--staged", ...pair("reorder-verdict")], /--staged goes with --git REV/],
      [["check", "--base", join(FIX, "missing.rules"), join(FIX, "reorder-verdict/new.rules")], /cannot read .*missing\.rules: no such file/],
      [["check", "--format", "html", ...pair("reorder-verdict")], /argument 'html' is invalid/],
      [["diff", "--format", "markdown", join(FIX, "reorder-verdict/old.rules"), join(FIX, "reorder-verdict/new.rules")], /--format markdown is for the change report/],
      [["diff", join(FIX, "reorder-verdict/old.rules")], /diff needs two dumps, OLD and NEW/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

/** A git repository in a temporary directory, its configuration and environment its own. */
function repo(files: Readonly<Record<string, string>> = {}) {
  const dir = tempTree(files);
  const env = { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org", HOME: dir };
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "init.defaultBranch=main", ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  git("init", "-q");
  const cli = (...args: string[]) => runCli(["check", "--no-color", ...args], { cwd: dir, env });
  return { dir, git, cli, put: (name: string, fixture: string) => copyFileSync(join(FIX, fixture), join(dir, name)) };
}

describe("check --git", () => {
  it("pre-commit: --staged compares the index, not the working tree, and names what it compared", () => {
    const r = repo();
    r.put("rules.v4", "docker-user-removed/old.rules");
    writeIn(r.dir, "README.md", "hosts\n");
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    expect(r.cli("--git", "HEAD", "--staged").code).toBe(0);
    r.put("rules.v4", "docker-user-removed/new.rules");
    const unstaged = r.cli("--git", "HEAD", "--staged");
    expect(unstaged.code).toBe(0);
    expect(unstaged.stdout).toContain("Comparing the staged changes (index) with HEAD (");
    expect(unstaged.stdout).toContain("no ruleset file changed");
    r.git("add", "rules.v4");
    const staged = r.cli("--git", "HEAD", "--staged");
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain("rules.v4 — IPv4\n  before: rules.v4@HEAD; after: rules.v4@index\n");
    expect(staged.stdout).toContain("      + reachable from 0.0.0.0/0 except 10.0.0.0/8 via eth0 (external)");
    expect(staged.stdout).toMatch(/rules\.v4@index:57:1 warning IPT202/);
  });

  it("the working tree by default; files that are not rulesets are listed as not compared, a dump with another name is compared", () => {
    const r = repo();
    r.put("rules.v4", "reorder-verdict/old.rules");
    r.put("edge-host.txt", "input-allowlist-widened/old.rules");
    writeIn(r.dir, "README.md", "hosts\n");
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    r.put("rules.v4", "reorder-verdict/new.rules");
    r.put("edge-host.txt", "input-allowlist-widened/new.rules");
    writeIn(r.dir, "README.md", "hosts, again\n");
    const res = r.cli("--git", "HEAD");
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("Comparing the working tree with HEAD (");
    expect(res.stdout).toContain(": 2 changed ruleset files.");
    expect(res.stdout).toContain("\nedge-host.txt — IPv4\n");
    expect(res.stdout).toContain("\nrules.v4 — IPv4\n");
    expect(res.stdout).toContain("not rulesets (by name and content), not compared: README.md");
    // Paths narrow the comparison.
    const one = r.cli("--git", "HEAD", "rules.v4");
    expect(one.stdout).toContain(": 1 changed ruleset file.");
    expect(one.stdout).not.toContain("edge-host.txt");
  });

  it("rules moved between files: each file compared on its own, the move listed; the database host now exposes 5432, so exit 1", () => {
    const r = repo();
    r.put("web.rules", "moved-between-files/old/web.rules");
    r.put("db.rules", "moved-between-files/old/db.rules");
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    r.put("web.rules", "moved-between-files/new/web.rules");
    r.put("db.rules", "moved-between-files/new/db.rules");
    r.git("add", "-A");
    const res = r.cli("--git", "HEAD", "--staged");
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("A rule moved from one file to another shows as removed from one and added to the other (and is listed as moved).");
    expect(res.stdout).toContain("db.rules — IPv4");
    expect(res.stdout).toContain("    tcp 5432 (host service, newly accepted by an INPUT rule)\n      + reachable from 10.20.0.0/16 via any interface\n          was stopped by the policy of filter INPUT (line 3)");
    expect(res.stdout).toContain("    tcp 5432 (host service, no longer accepted by an INPUT rule)\n      - no longer reachable from 10.20.0.0/16 via any interface\n          now stopped by the policy of filter INPUT (line 3)");
    expect(res.stdout).toContain("rules moved between files (1):\n  ~ filter -A INPUT -s 10.20.0.0/16 -p tcp -m tcp --dport 5432 -j ACCEPT\n      from web.rules@HEAD line 11 to db.rules@index line 9");
    const md = r.cli("--git", "HEAD", "--staged", "--format", "markdown");
    expect(md.stdout).toContain("### Rules moved between files");
    expect(md.stdout).toContain("| filter | -A INPUT -s 10.20.0.0/16 -p tcp -m tcp --dport 5432 -j ACCEPT | web.rules&#64;HEAD line 11 | db.rules&#64;index line 9 |");
  });

  it("a renamed file is compared with its old path: no change; exit 0", () => {
    const r = repo();
    mkdirSync(join(r.dir, "hosts"));
    r.put("hosts/web.rules", "reorder-verdict/old.rules");
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    r.git("mv", "hosts/web.rules", "hosts/www.rules");
    const res = r.cli("--git", "HEAD", "--staged");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("hosts/web.rules → hosts/www.rules — IPv4\n  before: hosts/web.rules@HEAD; after: hosts/www.rules@index\n  no change:");
  });

  it("an added file compares against nothing (exit 1 when it exposes something); a deleted one reports everything gone (exit 0)", () => {
    const r = repo({ "README.md": "x\n" });
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    r.put("rules.v4", "input-allowlist-widened/old.rules");
    r.git("add", "rules.v4");
    const added = r.cli("--git", "HEAD", "--staged");
    expect(added.code).toBe(1);
    expect(added.stdout).toContain("  note: rules.v4@HEAD does not exist: everything in rules.v4@index is new");
    expect(added.stdout).toContain("    tcp 443 (new host service)");
    r.git("commit", "-qm", "add");
    r.git("rm", "-q", "rules.v4");
    const deleted = r.cli("--git", "HEAD", "--staged");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain("  note: rules.v4@index does not exist: everything in rules.v4@HEAD is gone from this file");
    expect(deleted.stdout).toContain("    tcp 443 (host service, gone)");
    expect(deleted.stdout).toContain("table filter (removed)");
  });

  it("before the first commit, --git HEAD --staged compares with the empty tree", () => {
    const r = repo();
    r.put("rules.v4", "input-allowlist-widened/old.rules");
    r.git("add", "-A");
    const res = r.cli("--git", "HEAD", "--staged");
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("    tcp 22 (new host service)");
  });

  it("a pull request's range: REV...REV2 compares REV2 with the merge base, whatever the working tree holds", () => {
    const r = repo();
    r.put("rules.v4", "docker-user-removed/old.rules");
    r.git("add", "-A");
    r.git("commit", "-qm", "base");
    r.git("checkout", "-qb", "feature");
    r.put("rules.v4", "docker-user-removed/new.rules");
    r.git("commit", "-qam", "open 8080");
    r.git("checkout", "-q", "main");
    r.put("rules.v4", "published-all-addresses/old.rules");
    r.git("commit", "-qam", "main moves on");
    const res = r.cli("--git", "main...feature", "--format", "json");
    expect(res.code).toBe(1);
    const j = JSON.parse(res.stdout);
    expect(j.compared).toMatchObject({ kind: "git", base: "main...feature", target: "feature" });
    expect(j.files[0].exposure.targets[0].gained[0].stoppedBy[0].chain).toBe("DOCKER-USER");
    expect(j.files[0].rules.tables.map((t: { table: string }) => t.table)).toEqual(["filter"]);
    // The working tree (main) is not what was compared.
    expect(r.cli("--git", "main..main").stdout).toContain("no ruleset file changed");
  });

  it("diff --git without --exposure prints each changed file's rule diff", () => {
    const r = repo();
    r.put("rules.v4", "reorder-verdict/old.rules");
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    r.put("rules.v4", "reorder-verdict/new.rules");
    const res = runCli(["diff", "--no-color", "--git", "HEAD"], { cwd: r.dir });
    expect(res.code).toBe(1);
    expect(res.stdout.split("\n").slice(0, 2)).toEqual([`--- rules.v4@HEAD`, `+++ rules.v4`]);
    expect(res.stdout).toContain("0 added, 0 removed, 2 moved");
  });

  it("outside a repository, or with an unknown revision: exit 2 and a clear message", () => {
    const outside = tempTree({ "rules.v4": "x" });
    const env = { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_CEILING_DIRECTORIES: join(outside, "..") };
    const no = runCli(["check", "--git", "HEAD"], { cwd: outside, env });
    expect(no.code).toBe(2);
    expect(no.stderr).toBe(`iptlint: check: ${outside} is not in a git repository (--git compares with a revision of one)\n`);
    rmSync(outside, { recursive: true });
    const r = repo({ "rules.v4": "" });
    r.git("add", "-A");
    r.git("commit", "-qm", "init");
    const unknown = r.cli("--git", "origin/main");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("iptlint: check: unknown revision origin/main (git rev-parse cannot resolve it to a commit; in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)\n");
  });
});
