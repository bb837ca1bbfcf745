/**
 * The change gate on the fixture pairs of fixtures/change/: what each change makes more (or
 * less) reachable and from where, what stopped it before, the findings it adds and fixes, the
 * rule diff, and the verdict a CI gate reads.
 */
import { describe, expect, it } from "vitest";
import type { FileChange } from "../../src/change/compare.js";
import { compareVersions } from "../../src/change/compare.js";
import type { TargetChange } from "../../src/change/exposure-diff.js";
import { changeVerdict, fileUnchanged, type ChangeGate } from "../../src/change/report.js";
import { sourcesText } from "../../src/report/change-words.js";
import { absent, compareFixture, compareTexts, fixtureText, loaded } from "./versions.js";

const GATE: ChangeGate = { failOn: "warning", exitZero: false };

function verdict(f: FileChange, gate: ChangeGate = GATE) {
  return changeVerdict({ compared: { kind: "files" }, files: [f], movedBetweenFiles: [], exposure: true }, gate);
}

function target(f: FileChange, protocol: string, port: string): TargetChange {
  const t = f.exposure?.targets.find((x) => x.protocol === protocol && x.port === port);
  if (!t) throw new Error(`no change to ${protocol} ${port}: ${JSON.stringify(f.exposure?.targets.map((x) => `${x.protocol} ${x.port}`))}`);
  return t;
}

function codes(list: FileChange["findings"]["added"]): string[] {
  return list.map((c) => c.finding.code);
}

describe("a DOCKER-USER restriction removed", () => {
  const f = compareFixture("docker-user-removed");

  it("makes the published port reachable from every source but the office's, on the external interface, and says which rule stopped them", () => {
    expect(f.exposure?.targets).toHaveLength(1);
    const t = target(f, "tcp", "8080");
    expect(t).toMatchObject({ status: "changed", kind: "published", moreReachable: true, lost: [], maybeGained: [] });
    expect(t.new?.container).toMatchObject({ address: "192.0.2.2", port: "80", bridge: "bridge1" });
    expect(t.gained).toHaveLength(1);
    const g = t.gained[0]!;
    expect(sourcesText(g.sources)).toBe("0.0.0.0/0 except 10.0.0.0/8");
    expect(g).toMatchObject({ interfaces: "eth0", classNames: ["eth0"], outside: true });
    expect(g.stoppedBy).toHaveLength(1);
    expect(g.stoppedBy[0]).toMatchObject({ table: "filter", chain: "DOCKER-USER", line: 44, rule: "-A DOCKER-USER ! -s 10.0.0.0/8 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP" });
    expect(g.stoppedBy[0]!.sources.equals(g.sources)).toBe(true);
  });

  it("adds the findings about the unrestricted port, fixes none, and fails the gate", () => {
    expect(codes(f.findings.added)).toEqual(["IPT202", "IPT218"]);
    expect(f.findings.fixed).toEqual([]);
    expect(f.findings.added[0]!.lineText).toBe("-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80");
    expect(f.rules?.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((r) => `${c.chain} ${r.kind} line ${r.oldLine}`)))).toEqual(["DOCKER-USER removed line 44"]);
    expect(verdict(f)).toEqual({ moreReachable: 1, failingFindings: 2, newFindings: 2, fixedFindings: 0, status: 1 });
    expect(verdict(f, { failOn: "error", exitZero: false })).toMatchObject({ failingFindings: 0, status: 1 });
    expect(verdict(f, { failOn: "warning", exitZero: true }).status).toBe(0);
  });
});

describe("a port published on 0.0.0.0 instead of 127.0.0.1", () => {
  const f = compareFixture("published-all-addresses");

  it("is one target whose address changed, now reachable from everywhere, where Docker's raw-table guard stopped it before", () => {
    expect(f.exposure?.targets).toHaveLength(1);
    const t = target(f, "tcp", "8080");
    expect(t).toMatchObject({ status: "changed", moreReachable: true, old: { hostAddress: "127.0.0.1" }, new: { hostAddress: "0.0.0.0" } });
    const outside = t.gained.find((g) => g.outside);
    expect(outside && sourcesText(outside.sources)).toBe("0.0.0.0/0");
    expect(outside?.stoppedBy.map((b) => `${b.table} ${b.chain} ${b.line}: ${b.rule}`)).toEqual(["raw PREROUTING 7: -A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP"]);
    expect(t.old?.fromOutside.isEmpty()).toBe(true);
    expect(t.new?.fromOutside.isAll()).toBe(true);
  });

  it("adds published-on-all-interfaces and fails the gate", () => {
    expect(codes(f.findings.added)).toEqual(["IPT202"]);
    expect(verdict(f)).toMatchObject({ moreReachable: 1, status: 1 });
  });
});

describe("an INPUT allowlist widened", () => {
  const f = compareFixture("input-allowlist-widened");

  it("reports each service with the sources it gained and the policy that stopped them", () => {
    expect(f.exposure?.targets.map((t) => `${t.protocol} ${t.port} ${t.status}`)).toEqual(["tcp 22 changed", "tcp 5432 changed"]);
    const ssh = target(f, "tcp", "22");
    expect(ssh.gained.map((g) => `${sourcesText(g.sources)} via ${g.interfaces}`)).toEqual(["198.51.100.0/24 via eth0"]);
    expect(ssh.gained[0]!.stoppedBy).toMatchObject([{ table: "filter", chain: "INPUT", line: 4 }]);
    expect(ssh.gained[0]!.stoppedBy[0]!.rule).toBeUndefined();
    const pg = target(f, "tcp", "5432");
    expect(pg.gained.map((g) => `${sourcesText(g.sources)} via ${g.interfaces}`)).toEqual(["10.0.0.0/8 except 10.20.0.0/16 via any interface"]);
    expect(pg.lost).toEqual([]);
  });

  it("leaves HTTPS alone, has no finding to report, and fails the gate", () => {
    expect(f.exposure?.unchanged).toBe(1);
    expect(f.findings).toMatchObject({ added: [], fixed: [] });
    expect(verdict(f)).toMatchObject({ moreReachable: 2, newFindings: 0, status: 1 });
  });
});

describe("a pure reformatting", () => {
  it.each([
    ["counters, table and chain order, long options, spacing and comments", "new.rules"],
    ["iptables -S form of every table", "new.S"],
  ])("%s: no change at all, and the gate passes", (_what, file) => {
    const f = compareFixture("reformatted", file);
    expect(f.rules?.equal).toBe(true);
    expect(f.exposure?.targets).toEqual([]);
    expect(f.exposure?.unchanged).toBe(2);
    expect(f.findings.added).toEqual([]);
    expect(f.findings.fixed).toEqual([]);
    // The findings both versions have are matched, not dropped.
    expect(f.findings.unchanged).toBeGreaterThan(0);
    expect(fileUnchanged(f)).toBe(true);
    expect(verdict(f)).toEqual({ moreReachable: 0, failingFindings: 0, newFindings: 0, fixedFindings: 0, status: 0 });
  });
});

describe("a reordering", () => {
  it("that changes a verdict: the scanner reaches HTTPS again, stopped before by the DROP that now comes after the ACCEPT", () => {
    const f = compareFixture("reorder-verdict");
    expect(f.rules?.tables[0]?.chains[0]?.rules.map((r) => `${r.kind} #${r.oldPosition}→#${r.newPosition} ${r.rule}`)).toEqual([
      "moved #3→#4 -A INPUT -s 198.51.100.7/32 -j DROP",
      "moved #5→#6 -A INPUT -s 10.9.0.0/16 -p tcp -m tcp --dport 9100 -j ACCEPT",
    ]);
    expect(f.exposure?.targets).toHaveLength(1);
    const t = target(f, "tcp", "443");
    expect(t.gained.map((g) => `${sourcesText(g.sources)} via ${g.interfaces}`)).toEqual(["198.51.100.7/32 via any interface"]);
    expect(t.gained[0]!.stoppedBy).toMatchObject([{ table: "filter", chain: "INPUT", line: 9, rule: "-A INPUT -s 198.51.100.7/32 -j DROP" }]);
    expect(f.exposure?.unchanged).toBe(2);
    expect(verdict(f)).toMatchObject({ moreReachable: 1, status: 1 });
  });

  it("that changes no verdict: the rules moved, nothing more reachable, the gate passes", () => {
    const old = fixtureText("reorder-verdict/old.rules");
    const lines = old.split("\n");
    const a = lines.findIndex((l) => l.includes("--dport 9100"));
    [lines[a], lines[a + 1]] = [lines[a + 1]!, lines[a]!];
    const f = compareTexts(old, lines.join("\n"));
    expect(f.rules?.equal).toBe(false);
    expect(f.exposure?.targets).toEqual([]);
    expect(verdict(f).status).toBe(0);
  });
});

describe("a host service only one version has a rule for", () => {
  const policy = (p: string, rules: string) => `*filter\n:INPUT ${p} [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n${rules}COMMIT\n`;

  it("is walked through the other version: an ACCEPT added where the policy already accepts opens nothing", () => {
    const f = compareTexts(policy("ACCEPT", ""), policy("ACCEPT", "-A INPUT -p tcp -m tcp --dport 8443 -j ACCEPT\n"));
    expect(f.rules?.equal).toBe(false);
    expect(f.exposure?.targets).toEqual([]);
    expect(verdict(f).status).toBe(0);
  });

  it("an ACCEPT removed where the policy drops: no longer reachable, and the policy is what stops it now", () => {
    const f = compareTexts(policy("DROP", "-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n"), policy("DROP", ""));
    const t = target(f, "tcp", "22");
    expect(t).toMatchObject({ status: "removed", moreReachable: false, gained: [] });
    expect(t.new).toBeDefined();
    expect(t.lost.map((g) => `${sourcesText(g.sources)} via ${g.interfaces}`)).toEqual(["10.0.0.0/8 via any interface"]);
    expect(t.lost[0]!.stoppedBy).toMatchObject([{ table: "filter", chain: "INPUT", line: 2 }]);
    expect(verdict(f).status).toBe(0);
  });
});

describe("added, deleted and rejected versions", () => {
  const text = fixtureText("input-allowlist-widened/old.rules");

  it("an added file compares against nothing: every exposure is new, every finding new", () => {
    const r = compareVersions(absent("web.rules@HEAD"), loaded("web.rules", text), { exposure: true });
    if ("error" in r) throw new Error(r.error);
    expect(r.old.state).toBe("absent");
    expect(r.exposure?.targets.map((t) => `${t.status} ${t.protocol} ${t.port}`)).toEqual(["new tcp 22", "new tcp 443", "new tcp 5432"]);
    expect(r.exposure?.targets.every((t) => t.moreReachable && t.gained.every((g) => g.stoppedBy.length === 0))).toBe(true);
    expect(r.rules?.tables.map((t) => t.status)).toEqual(["added"]);
    expect(r.notes.join()).toContain("does not exist: everything in web.rules is new");
    expect(verdict(r).status).toBe(1);
  });

  it("a deleted file reports everything as no longer present, and passes", () => {
    const r = compareVersions(loaded("web.rules@HEAD", text), absent("web.rules"), { exposure: true });
    if ("error" in r) throw new Error(r.error);
    expect(r.exposure?.targets.map((t) => `${t.status} ${t.protocol} ${t.port} ${t.moreReachable}`)).toEqual(["removed tcp 22 false", "removed tcp 443 false", "removed tcp 5432 false"]);
    expect(r.rules?.tables.map((t) => t.status)).toEqual(["removed"]);
    expect(r.title).toBe("web.rules@HEAD");
    expect(verdict(r).status).toBe(0);
  });

  it("a NEW the kernel rejects: its errors are new findings, exposure and rules are not compared, the gate fails", () => {
    const broken = text.replace("--dport 443", "--dport 443 --bogus");
    const r = compareVersions(loaded("old", text), loaded("new", broken), { exposure: true });
    if ("error" in r) throw new Error(r.error);
    expect(r.new.state).toBe("rejected");
    expect(r.exposure).toBeUndefined();
    expect(r.rules).toBeUndefined();
    expect(codes(r.findings.added)).toContain("IPT011");
    expect(r.notes.join()).toContain("would not load");
    expect(verdict(r, { failOn: "error", exitZero: false }).status).toBe(1);
  });

  it("an OLD the kernel rejected: its exposure counts as nothing, its errors are fixed", () => {
    const broken = text.replace("--dport 443", "--dport 443 --bogus");
    const r = compareVersions(loaded("old", broken), loaded("new", text), { exposure: true });
    if ("error" in r) throw new Error(r.error);
    expect(r.old.state).toBe("rejected");
    expect(r.exposure?.targets.every((t) => t.status === "new")).toBe(true);
    expect(codes(r.findings.fixed)).toContain("IPT011");
  });

  it("versions of two families are not compared", () => {
    const v6 = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -s 2001:db8::/32 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    const r = compareVersions(loaded("rules.v4", text), loaded("rules.v6", v6), { exposure: true });
    expect(r).toEqual({ error: "rules.v4 is IPv4 and rules.v6 is IPv6; compare dumps of one family (--family sets it)" });
  });
});

describe("interface classes", () => {
  it("an interface only OLD's rules name is walked in NEW too: removing its DROP opens the port on it", () => {
    const host = (wg: string) => `*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${wg}-A INPUT -i eth0 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`;
    const f = compareTexts(host("-A INPUT -i wg0 -j DROP\n"), host(""));
    const t = target(f, "tcp", "22");
    expect(t.lost).toEqual([]);
    expect(t.gained.map((g) => `${sourcesText(g.sources)} via ${g.interfaces}`)).toEqual(["0.0.0.0/0 via wg0"]);
    expect(t.gained[0]!.stoppedBy).toMatchObject([{ chain: "INPUT", line: 5, rule: "-A INPUT -i wg0 -j DROP" }]);
  });
});

describe("the external interface both versions are walked with", () => {
  it("is the one NEW's rules point at, else the one given, for both versions", () => {
    expect(compareFixture("docker-user-removed").exposure?.externalInterface).toBe("eth0");
    const given = compareVersions(loaded("old", fixtureText("docker-user-removed/old.rules")), loaded("new", fixtureText("docker-user-removed/new.rules")), { exposure: true, externalInterface: "ens3" });
    if ("error" in given) throw new Error(given.error);
    expect(given.exposure?.externalInterface).toBe("ens3");
    // The restriction was on eth0: with ens3 outside, the change opens 8080 on eth0, an inside interface.
    const t = target(given, "tcp", "8080");
    expect(t.gained.map((x) => `${x.interfaces} outside=${x.outside}`)).toEqual(["eth0 outside=false"]);
  });
});
