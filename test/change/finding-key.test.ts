/**
 * Matching findings of two versions. The baseline fingerprint survives lines inserted above
 * (it hashes the finding's line, not its number) but not a rewrite of the same rule; the
 * change gate's key survives both, and still tells an edited rule apart.
 */
import { describe, expect, it } from "vitest";
import { findingKeys } from "../../src/change/finding-key.js";
import { findingChanges } from "../../src/change/finding-diff.js";
import { fingerprints } from "../../src/report/fingerprint.js";
import { fixtureText, loaded } from "./versions.js";

/** A Docker host with findings on a rule (IPT202 on the DNAT), on a chain and file-wide. */
const HOST = fixtureText("docker-user-removed/new.rules");

function keysOf(text: string): string[] {
  const v = loaded("x", text);
  return findingKeys(v.findings, v.result.dump, v.source);
}

function printsOf(text: string): string[] {
  const v = loaded("x", text);
  return fingerprints(v.findings, v.source);
}

const insertAbove = (text: string): string => text.replace("*filter\n", "*filter\n# a new comment\n").replace("-A INPUT -i lo -j ACCEPT\n", "-A INPUT -i lo -j ACCEPT\n-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT\n");

/** The DNAT rule as a person writes it: no -m tcp, long option names, other spacing. */
const rewritten = (text: string): string => text.replace("-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT", "-A DOCKER  ! --in-interface bridge1 --protocol tcp --dport 8080 --jump DNAT");

describe("finding keys", () => {
  it("the dump has findings of several kinds to match", () => {
    const codes = loaded("x", HOST).findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["IPT202", "IPT218", "IPT217"]));
  });

  it("fingerprints and keys are both stable when lines are inserted above, though the line numbers change", () => {
    const before = loaded("x", HOST).findings.map((f) => `${f.code}@${f.span.start.line}`);
    const after = loaded("x", insertAbove(HOST)).findings.map((f) => `${f.code}@${f.span.start.line}`);
    expect(after).not.toEqual(before);
    expect(printsOf(insertAbove(HOST))).toEqual(printsOf(HOST));
    expect(keysOf(insertAbove(HOST))).toEqual(keysOf(HOST));
  });

  it("a rewrite of the same rule changes its fingerprint but not its key", () => {
    expect(printsOf(rewritten(HOST))).not.toEqual(printsOf(HOST));
    expect(keysOf(rewritten(HOST))).toEqual(keysOf(HOST));
    expect(findingChanges(loaded("a", HOST), loaded("b", rewritten(HOST)))).toMatchObject({ added: [], fixed: [] });
  });

  it("an edit of the rule a finding is about makes it a new finding (and the old one fixed)", () => {
    const edited = HOST.replace("--dport 8080 -j DNAT --to-destination 192.0.2.2:80", "--dport 8081 -j DNAT --to-destination 192.0.2.2:80");
    const c = findingChanges(loaded("a", HOST), loaded("b", edited));
    expect(c.added.map((x) => x.finding.code)).toContain("IPT202");
    expect(c.fixed.map((x) => x.finding.code)).toContain("IPT202");
  });

  it("a chain declared as :CHAIN in save form and with -N/-P in iptables -S form is one anchor; table-guessed notes are not compared", () => {
    const save = fixtureText("reformatted/old.rules");
    const s = fixtureText("reformatted/new.S");
    const sFindings = loaded("s", s).findings.map((f) => f.code);
    expect(sFindings).toContain("IPT024");
    const c = findingChanges(loaded("a", save), loaded("b", s));
    expect(c).toMatchObject({ added: [], fixed: [] });
    expect(c.unchanged).toBe(loaded("a", save).findings.length);
  });

  it("two findings of one code on one rule stay two (occurrence numbers), and a third is new", () => {
    const v = loaded("x", HOST);
    const dnat = v.findings.find((f) => f.code === "IPT202")!;
    const keys = findingKeys([dnat, dnat, dnat], v.result.dump, v.source);
    expect(new Set(keys).size).toBe(3);
    const twice = { ...v, findings: [dnat, dnat] };
    const thrice = { ...v, findings: [dnat, dnat, dnat] };
    expect(findingChanges(twice, thrice)).toMatchObject({ fixed: [], unchanged: 2 });
    expect(findingChanges(twice, thrice).added).toHaveLength(1);
  });
});
