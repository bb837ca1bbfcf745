import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText, type LintOptions } from "../../src/lint.js";
import type { Family } from "../../src/model/netfilter.js";
import type { CompanionDump } from "../../src/rules/define.js";
import rule from "../../src/rules/ipv6-parity.js";
import { CORPUS_DIR, corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { testLintRule } from "../helpers/rule-tester.js";

interface HostOptions {
  readonly input?: "ACCEPT" | "DROP";
  readonly inputRules?: readonly string[];
  readonly userRules?: readonly string[];
  /** False: no DOCKER-USER chain and no FORWARD jump to it (20.10's ip6tables). */
  readonly dockerUser?: boolean;
  /** Era D (Docker 27) layout instead of era F (28.2.2+). */
  readonly era?: "D" | "F";
}

/** A Docker host with one user network br-3f1c2a9b7d10 (no published port), in either family. */
function host(family: Family, o: HostOptions = {}): string {
  const [subnet, loopback] = family === "ipv4" ? ["172.18.0.0/16", "127.0.0.0/8"] : ["fd00:3f1c::/64", "::1/128"];
  const br = "br-3f1c2a9b7d10";
  const user = o.dockerUser === false ? [] : [":DOCKER-USER - [0:0]"];
  const userJump = o.dockerUser === false ? [] : ["-A FORWARD -j DOCKER-USER"];
  const docker =
    o.era === "D"
      ? [":DOCKER - [0:0]", ":DOCKER-ISOLATION-STAGE-1 - [0:0]", ":DOCKER-ISOLATION-STAGE-2 - [0:0]", ...user, ...(o.inputRules ?? []), ...userJump, `-A FORWARD -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, `-A FORWARD -o ${br} -j DOCKER`, `-A FORWARD -i ${br} ! -o ${br} -j ACCEPT`, `-A FORWARD -i ${br} -o ${br} -j ACCEPT`, `-A DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`, "-A DOCKER-ISOLATION-STAGE-1 -j RETURN", `-A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`, "-A DOCKER-ISOLATION-STAGE-2 -j RETURN"]
      : [":DOCKER - [0:0]", ":DOCKER-BRIDGE - [0:0]", ":DOCKER-CT - [0:0]", ":DOCKER-FORWARD - [0:0]", ":DOCKER-ISOLATION-STAGE-1 - [0:0]", ":DOCKER-ISOLATION-STAGE-2 - [0:0]", ...user, ...(o.inputRules ?? []), ...userJump, "-A FORWARD -j DOCKER-FORWARD", `-A DOCKER ! -i ${br} -o ${br} -j DROP`, `-A DOCKER-BRIDGE -o ${br} -j DOCKER`, `-A DOCKER-CT -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, "-A DOCKER-FORWARD -j DOCKER-CT", "-A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1", "-A DOCKER-FORWARD -j DOCKER-BRIDGE", `-A DOCKER-FORWARD -i ${br} -j ACCEPT`, `-A DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`, `-A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`];
  return [
    "*filter",
    `:INPUT ${o.input ?? "ACCEPT"} [0:0]`,
    ":FORWARD DROP [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ...docker,
    ...(o.userRules ?? []),
    "COMMIT",
    "*nat",
    ":PREROUTING ACCEPT [0:0]",
    ":INPUT ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":POSTROUTING ACCEPT [0:0]",
    ":DOCKER - [0:0]",
    "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
    `-A OUTPUT ! -d ${loopback} -m addrtype --dst-type LOCAL -j DOCKER`,
    `-A POSTROUTING -s ${subnet} ! -o ${br} -j MASQUERADE`,
    `-A DOCKER -i ${br} -j RETURN`,
    "COMMIT",
    "",
  ].join("\n");
}

const V4 = { family: "ipv4", source: "option" } as const;
const V6 = { family: "ipv6", source: "option" } as const;

function companion(text: string, family: Family): CompanionDump {
  const r = lintText(text, { family: family === "ipv4" ? V4 : V6 });
  return { ruleset: r.ruleset, dump: r.dump };
}

/** Lint `text` (family `family`) with `other` as the other family's dump. */
function withOther(family: Family, other: string): LintOptions {
  return { family: family === "ipv4" ? V4 : V6, companion: companion(other, family === "ipv4" ? "ipv6" : "ipv4") };
}

/** Line of the first line equal to `text`, with the rule-tester's column range of the whole line. */
function at(dumpText: string, text: string): { line: number; column: number; endColumn: number } {
  const line = dumpText.split("\n").indexOf(text) + 1;
  if (line === 0) throw new Error(`not in the dump: ${text}`);
  return { line, column: 1, endColumn: text.length + 1 };
}

const PG = "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP";
const PG_REJECT = "-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j REJECT --reject-with tcp-reset";
const REDIS_ALLOW4 = "-A DOCKER-USER ! -s 10.0.0.0/8 -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP";
const REDIS_ALLOW6 = "-A DOCKER-USER ! -s fd00::/8 -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP";
const REDIS_BLOCK6 = "-A DOCKER-USER -s 2001:db8::/32 -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP";
const ESTABLISHED = "-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN";
const PING4 = "-A INPUT -p icmp -m icmp --icmp-type 8 -j DROP";
const PING4_NAMED = "-A INPUT -p icmp -m icmp --icmp-type echo-request -j DROP";
const PING6_NAMED = "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type echo-request -j DROP";
const SSH = "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT";
const SSH_OFFICE = "-A INPUT -s 203.0.113.0/24 -p tcp -m tcp --dport 2222 -j ACCEPT";

const gapV4 = host("ipv4", { userRules: [ESTABLISHED, PG, REDIS_ALLOW4] });
const noUserV4 = host("ipv4", { userRules: [REDIS_ALLOW4] });
const policyV4 = host("ipv4", { input: "DROP", inputRules: ["-A INPUT -i lo -j ACCEPT", SSH, SSH_OFFICE] });
const narrowerV4 = host("ipv4", { userRules: [PG] });
const v6Only = host("ipv6", { userRules: [PG, "-A DOCKER-USER -i eth0 -p udp -m conntrack --ctorigdstport 53 --ctdir ORIGINAL -j DROP"] });
const noUserV6 = host("ipv6", { dockerUser: false });
const hintV4 = host("ipv4", { userRules: [PG] });

testLintRule(rule, {
  valid: [
    { name: "the same DROP in both families", dump: host("ipv4", { userRules: [PG] }), options: withOther("ipv4", host("ipv6", { userRules: [PG] })) },
    { name: "a REJECT counts as the counterpart of a DROP", dump: host("ipv4", { userRules: [ESTABLISHED, PG] }), options: withOther("ipv4", host("ipv6", { userRules: [PG_REJECT] })) },
    { name: "an IPv4 allow list mirrored by an IPv6 allow list", dump: host("ipv4", { userRules: [REDIS_ALLOW4] }), options: withOther("ipv4", host("ipv6", { userRules: [REDIS_ALLOW6] })) },
    { name: "an IPv4 allow list mirrored by a DROP without address", dump: host("ipv4", { userRules: [REDIS_ALLOW4] }), options: withOther("ipv4", host("ipv6", { userRules: [REDIS_ALLOW4.replace("! -s 10.0.0.0/8 ", "")] })) },
    { name: "ICMP echo blocked in both families (icmp ↔ ipv6-icmp)", dump: host("ipv4", { inputRules: [PING4_NAMED] }), options: withOther("ipv4", host("ipv6", { inputRules: [PING6_NAMED] })) },
    { name: "a catch-all INPUT DROP covered by the other INPUT's DROP policy", dump: host("ipv4", { inputRules: [SSH, "-A INPUT -j DROP"] }), options: withOther("ipv4", host("ipv6", { input: "DROP", inputRules: [SSH] })) },
    { name: "INPUT DROP policy in both families", dump: policyV4, options: withOther("ipv4", host("ipv6", { input: "DROP", inputRules: [SSH] })) },
    { name: "INPUT DROP policy against a catch-all DROP rule", dump: host("ipv4", { input: "DROP", inputRules: [SSH] }), options: withOther("ipv4", host("ipv6", { inputRules: [SSH, "-A INPUT -j REJECT --reject-with icmp6-adm-prohibited"] })) },
    { name: "a source block list has no other-family counterpart to ask for", dump: host("ipv4", { inputRules: ["-A INPUT -s 203.0.113.5/32 -j DROP"] }), options: withOther("ipv4", host("ipv6")) },
    { name: "a DROP after an unconditional RETURN is never reached", dump: host("ipv4", { userRules: ["-A DOCKER-USER -j RETURN", PG] }), options: withOther("ipv4", host("ipv6")) },
    { name: "neither family has DOCKER-USER (IPT201's business, not a parity gap)", dump: host("ipv6", { dockerUser: false }), options: withOther("ipv6", host("ipv4", { dockerUser: false })) },
    { name: "a companion of the same family is ignored", dump: host("ipv4", { userRules: [PG] }), options: { family: V4, companion: companion(host("ipv4"), "ipv4") } },
    { name: "alone: Docker 27 (era D), whose ip6tables support was off by default until 27.0", dump: host("ipv4", { era: "D", userRules: [PG] }) },
    { name: "alone: a Docker 28 dump without restrictions", dump: host("ipv4") },
    { name: "alone: a non-Docker dump", dump: "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "alone: an IPv6 dump", dump: host("ipv6", { userRules: [PG] }), options: { family: V6 } },
    { name: "alone: a fragment", dump: `${PG}\n-A DOCKER-FORWARD -i br-3f1c2a9b7d10 -j ACCEPT\n-A FORWARD -j DOCKER-FORWARD\n` },
  ],
  invalid: [
    {
      name: "an IPv4 DOCKER-USER allow list missing from IPv6",
      dump: gapV4,
      options: withOther("ipv4", host("ipv6", { userRules: [ESTABLISHED, PG] })),
      findings: [{ ...at(gapV4, REDIS_ALLOW4), message: /^this DOCKER-USER DROP blocks tcp traffic to host port 6379 arriving on eth0 for IPv4 only: the IPv6 dump has no DROP or REJECT for it in DOCKER-USER \(its rules are on lines \d+–\d+\), so the same IPv6 traffic is let through$/ }],
    },
    {
      name: "IPv6 has no DOCKER-USER at all",
      dump: noUserV4,
      options: withOther("ipv4", noUserV6),
      findings: [{ ...at(noUserV4, REDIS_ALLOW4), message: "this DOCKER-USER DROP blocks tcp traffic to host port 6379 arriving on eth0 for IPv4 only: the IPv6 dump has no DOCKER-USER chain, so the same IPv6 traffic is let through" }],
    },
    {
      name: "an IPv6 DROP narrowed to a block list is no counterpart of an IPv4 DROP for everyone",
      dump: narrowerV4,
      options: withOther("ipv4", host("ipv6", { userRules: [REDIS_BLOCK6.replace("6379", "5432")] })),
      findings: [{ ...at(narrowerV4, PG), message: /^this DOCKER-USER DROP blocks tcp traffic to host port 5432 arriving on eth0 for IPv4 only/ }],
    },
    {
      name: "an ICMP type by number differs from the other family's name",
      dump: host("ipv4", { inputRules: [PING4] }),
      options: withOther("ipv4", host("ipv6", { inputRules: [PING6_NAMED] })),
      findings: [{ ...at(host("ipv4", { inputRules: [PING4] }), PING4), message: /^this INPUT DROP blocks icmp traffic for IPv4 only: the IPv6 dump has no DROP or REJECT for it in INPUT \(its rule is on line 12\)/ }],
    },
    {
      name: "an IPv4 INPUT allow list (policy DROP) with IPv6 INPUT open",
      dump: policyV4,
      options: withOther("ipv4", host("ipv6", { inputRules: [SSH] })),
      findings: [{ line: 2, column: 2, endColumn: 12, message: "INPUT drops by policy what its rules do not accept (an allow list) for IPv4 only: the IPv6 dump's INPUT has policy ACCEPT and no catch-all DROP (its rule is on line 12), so every IPv6 service of the host is reachable" }],
    },
    {
      name: "the IPv6 run reports its own DROP missing from IPv4",
      dump: v6Only,
      options: withOther("ipv6", host("ipv4", { userRules: [PG] })),
      findings: [{ ...at(v6Only, "-A DOCKER-USER -i eth0 -p udp -m conntrack --ctorigdstport 53 --ctdir ORIGINAL -j DROP"), message: /^this DOCKER-USER DROP blocks udp traffic to host port 53 arriving on eth0 for IPv6 only: the IPv4 dump has no DROP or REJECT for it in DOCKER-USER \(its rule is on line \d+\), so the same IPv4 traffic is let through$/ }],
    },
    {
      name: "the IPv6 run: Docker bridges but no DOCKER-USER, while IPv4 has one",
      dump: noUserV6,
      options: withOther("ipv6", noUserV4),
      findings: [{ ...at(noUserV6, "-A FORWARD -j DOCKER-FORWARD"), message: /^Docker forwards IPv6 traffic to bridge br-3f1c2a9b7d10 \(fd00:3f1c::\/64\) but this IPv6 dump has no DOCKER-USER chain, while the IPv4 dump has one \(line 11\) with 1 DROP\/REJECT rule: no user rule filters IPv6 traffic to the containers$/ }],
    },
    {
      name: "alone: a Docker 28 IPv4 dump with a DOCKER-USER restriction gets one hint",
      dump: hintV4,
      findings: [{ line: 5, column: 2, endColumn: 8, message: /^Docker 28\.2\.2–28\.5\.x also writes ip6tables rules \(the default since 27\.0\), and this IPv4 dump restricts traffic in DOCKER-USER or INPUT: lint the host's ip6tables-save with it/ }],
    },
    {
      name: "alone: an INPUT allow list is a restriction too",
      dump: host("ipv4", { input: "DROP", inputRules: [SSH] }),
      findings: [{ line: 5, column: 2, endColumn: 8, message: /^Docker 28\.2\.2–28\.5\.x also writes ip6tables rules/ }],
    },
  ],
});

describe("IPT217 details", () => {
  const mine = (text: string, options: LintOptions = {}) => lintText(text, options).findings.filter((f) => f.code === rule.code);

  it("gives the hint as info, once per file", () => {
    const findings = mine(host("ipv4", { input: "DROP", inputRules: [SSH], userRules: [PG, REDIS_ALLOW4] }));
    expect(findings.map((f) => f.severity)).toEqual(["info"]);
    expect(findings[0]?.remediation?.now).toEqual(["iptables-save > v4", "ip6tables-save > v6", "iptlint v4 --ipv6 v6"]);
  });

  it("mirrors the rule with ip6tables, without its IPv4 addresses, at its own position (here past the end: -A)", () => {
    const [f] = mine(gapV4, withOther("ipv4", host("ipv6", { userRules: [ESTABLISHED, PG] })));
    expect(f?.remediation?.now).toEqual(["ip6tables -A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP"]);
    expect(f?.help).toMatch(/leaves out the rule's IPv4 addresses/);
    expect(f?.remediation?.durable).toMatch(/both families/);
    const [middle] = mine(host("ipv4", { userRules: [ESTABLISHED, REDIS_ALLOW4, PG] }), withOther("ipv4", host("ipv6", { userRules: [ESTABLISHED, PG] })));
    expect(middle?.remediation?.now).toEqual(["ip6tables -I DOCKER-USER 2 -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP"]);
  });

  it("creates DOCKER-USER first when the other family has none", () => {
    const [f] = mine(noUserV4, withOther("ipv4", noUserV6));
    expect(f?.remediation?.now).toEqual(["ip6tables -N DOCKER-USER", "ip6tables -I FORWARD -j DOCKER-USER", "ip6tables -A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP"]);
    const [missing] = mine(noUserV6, withOther("ipv6", noUserV4));
    expect(missing?.remediation?.now).toEqual(["ip6tables -N DOCKER-USER", "ip6tables -I FORWARD -j DOCKER-USER", "ip6tables -A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 6379 --ctdir ORIGINAL -j DROP"]);
  });

  it("translates ICMP and REJECT types into the other family", () => {
    const text = host("ipv4", { inputRules: ["-A INPUT -p icmp -m icmp --icmp-type 13 -j REJECT --reject-with icmp-host-prohibited"] });
    const [f] = mine(text, withOther("ipv4", host("ipv6")));
    expect(f?.remediation?.now).toEqual(["ip6tables -A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 13 -j REJECT --reject-with icmp6-adm-prohibited"]);
  });

  it("opens the other family's INPUT allow list with its address-free ACCEPTs and ICMPv6 before the DROP policy", () => {
    const [f] = mine(policyV4, withOther("ipv4", host("ipv6", { inputRules: [SSH] })));
    expect(f?.remediation?.now).toEqual(["ip6tables -A INPUT -i lo -j ACCEPT", "ip6tables -A INPUT -p ipv6-icmp -j ACCEPT", "ip6tables -P INPUT DROP"]);
    expect(f?.help).toMatch(/address-restricted ones \(line 14\)/);
  });
});

const ROOT = new URL("../..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/iptlint.js");

describe("IPT217 through the CLI (iptlint v4 --ipv6 v6)", () => {
  beforeAll(() => {
    // The bundle must hold this rule: rebuild when it is missing or older than the rule.
    const bundle = join(ROOT, "dist/iptlint.cjs");
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(join(ROOT, "src/rules/ipv6-parity.ts")).mtimeMs) spawnSync("node", ["scripts/build.mjs"], { cwd: ROOT });
  });

  function run(args: string[]): { code: number | null; findings: { path: string; line: number; code: string; severity: string }[] } {
    const r = spawnSync("node", [BIN, "-f", "json", ...args], { cwd: ROOT, encoding: "utf8" });
    const files = (JSON.parse(r.stdout) as { files: { path: string; findings: { line: number; code: string; severity: string }[] }[] }).files;
    return { code: r.status, findings: files.flatMap((f) => f.findings.filter((x) => x.code === rule.code).map((x) => ({ path: f.path, line: x.line, code: x.code, severity: x.severity }))) };
  }

  const V4_FILE = "fixtures/docker/ipv6-parity.rules";
  const V6_FILE = "fixtures/docker/ipv6-parity.save6";

  it("reports each family's gaps on its own file's lines", () => {
    expect(run([V4_FILE, "--ipv6", V6_FILE]).findings).toEqual([
      { path: V4_FILE, line: 15, code: "IPT217", severity: "warning" },
      { path: V4_FILE, line: 45, code: "IPT217", severity: "warning" },
      { path: V6_FILE, line: 37, code: "IPT217", severity: "warning" },
    ]);
  });

  it("pairs a v4 and a v6 dump given side by side like --ipv6", () => {
    expect(run([V4_FILE, V6_FILE]).findings).toEqual(run([V4_FILE, "--ipv6", V6_FILE]).findings);
  });

  it("gives only the hint to the IPv4 dump linted alone", () => {
    expect(run([V4_FILE]).findings).toEqual([{ path: V4_FILE, line: 19, code: "IPT217", severity: "info" }]);
  });
});

describe.runIf(hasCorpus)("IPT217 on the corpus", () => {
  // No reference dump has a DOCKER-USER or INPUT restriction: quiet alone (no hint) …
  it.each([...corpusFiles("docker"), ...corpusFiles("real")].map((f) => [f]))("%s: does not fire alone", (path) => {
    const family = familyFromFileName(path);
    const findings = lintText(readCorpus(path), family ? { family: { family, source: "file name" } } : {}).findings;
    expect(findings.filter((f) => f.code === rule.code)).toEqual([]);
  });

  // … and quiet on moby's golden v4/v6 pairs, which hold the same rules in both families.
  const pairs = readdirSync(join(CORPUS_DIR, "docker")).filter((n) => n.endsWith(".v4.save") && existsSync(join(CORPUS_DIR, "docker", n.replace(".v4.save", ".v6.save"))));
  it("has golden pairs", () => expect(pairs.length).toBeGreaterThan(5));
  it.each(pairs.map((n) => [n]))("%s with its v6 pair: no finding either way", (name) => {
    const v4 = readCorpus(join("docker", name));
    const v6 = readCorpus(join("docker", name.replace(".v4.save", ".v6.save")));
    expect(lintText(v4, withOther("ipv4", v6)).findings.filter((f) => f.code === rule.code)).toEqual([]);
    expect(lintText(v6, withOther("ipv6", v4)).findings.filter((f) => f.code === rule.code)).toEqual([]);
  });
});
