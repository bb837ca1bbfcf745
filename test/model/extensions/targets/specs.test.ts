/**
 * Sanity of the target registry, its final checks and kernel checks (each case probed
 * with the oracle), and coverage of every target extension the corpus uses.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findTarget, TARGETS } from "../../../../src/model/extensions/targets/index.js";
import type { KernelCheckContext, TargetSpec } from "../../../../src/model/extensions/targets/types.js";
import type { GivenOption } from "../../../../src/model/extensions/types.js";
import type { Family } from "../../../../src/model/netfilter.js";
import { STANDARD_TARGETS } from "../../../../src/model/netfilter.js";

interface RuleSketch {
  family?: Family;
  protocol?: string;
  protocolInverted?: boolean;
  options?: Record<string, string[] | { inverted: boolean; values: string[] }>;
  matches?: { name: string; options: Record<string, { inverted?: boolean; values: string[] }> }[];
}

function given(options: RuleSketch["options"] = {}): Map<string, GivenOption> {
  return new Map(
    Object.entries(options).map(([name, v]) => [
      name,
      Array.isArray(v) ? { name, inverted: false, values: v } : { name, inverted: v.inverted, values: v.values },
    ]),
  );
}

function context(rule: RuleSketch): KernelCheckContext {
  const matchOptions = (rule.matches ?? []).map((m) => ({
    name: m.name,
    options: new Map(
      Object.entries(m.options).map(([n, o]) => [n, { name: n, inverted: o.inverted ?? false, values: o.values }]),
    ),
  }));
  return {
    family: rule.family ?? "ipv4",
    options: given(rule.options),
    protocol: rule.protocol,
    protocolInverted: rule.protocolInverted ?? false,
    matches: matchOptions.map((m) => m.name),
    matchOptions,
  };
}

function target(name: string): TargetSpec {
  const spec = TARGETS.find((t) => t.name === name);
  if (spec === undefined) throw new Error(`no spec for ${name}`);
  return spec;
}

function finalMessage(name: string, rule: RuleSketch): string | undefined {
  return target(name).finalCheck?.(context(rule));
}

function kernelMessages(name: string, rule: RuleSketch, backend: "nft" | "legacy"): string[] {
  const checks = target(name).kernelChecks ?? [];
  return checks
    .filter((c) => c.backends === undefined || c.backends.includes(backend))
    .map((c) => c.check(context(rule)))
    .filter((m): m is string => m !== undefined);
}

describe("registry sanity", () => {
  it("has unique names per family", () => {
    for (const family of ["ipv4", "ipv6"] as const) {
      const names = TARGETS.filter((t) => t.families.includes(family)).map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))("%s is a well-formed target", (_name, spec) => {
    expect(spec.kind).toBe("target");
    expect(spec.families.length).toBeGreaterThan(0);
    expect(spec.summary.length).toBeGreaterThan(10);
    expect(spec.summary).not.toContain("\n");
    expect(STANDARD_TARGETS as readonly string[]).not.toContain(spec.name);
    const names = spec.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const o of spec.options) {
      expect(o.name).not.toMatch(/^-/);
      for (const excluded of o.excludes ?? []) expect(names).toContain(excluded);
      if (o.arg === "none") expect(o.value).toBeUndefined();
    }
    for (const option of Object.keys(spec.optionHooks ?? {})) expect(names).toContain(option);
  });

  it("keeps the IPv4-only and IPv6-only targets apart", () => {
    expect(findTarget("TTL", "ipv6")).toBeUndefined();
    expect(findTarget("HL", "ipv4")).toBeUndefined();
    expect(findTarget("TTL", "ipv4")?.name).toBe("TTL");
    expect(findTarget("ACCEPT", "ipv4")).toBeUndefined();
  });

  it("declares the oracle-verified placement restrictions", () => {
    expect(target("MASQUERADE")).toMatchObject({ tables: ["nat"], hooks: ["POSTROUTING"] });
    expect(target("DNAT")).toMatchObject({ tables: ["nat"], hooks: ["PREROUTING", "OUTPUT"] });
    expect(target("SNAT")).toMatchObject({ tables: ["nat"], hooks: ["POSTROUTING", "INPUT"] });
    expect(target("REDIRECT")).toMatchObject({ tables: ["nat"], hooks: ["PREROUTING", "OUTPUT"] });
    expect(target("REJECT")).toMatchObject({ tables: ["filter"], hooks: ["INPUT", "FORWARD", "OUTPUT"] });
    expect(target("CT").tables).toEqual(["raw"]);
    expect(target("TRACE")).toMatchObject({ tables: ["raw"], placementBackends: ["legacy"] });
    expect(target("MARK").tables).toBeUndefined();
    expect(target("TCPMSS").requiresProtocol).toEqual(["tcp"]);
  });
});

describe("final checks (userspace)", () => {
  it.each([
    ["DNAT", {}, 'DNAT: option "--to-destination" must be specified'],
    ["DNAT", { options: { "to-destination": ["1.2.3.4:80"] } }, "Need TCP, UDP, SCTP or DCCP with port specification"],
    ["DNAT", { protocol: "tcp", options: { "to-destination": ["1.2.3.4:80"] } }, undefined],
    ["DNAT", { protocol: "6", options: { "to-destination": ["1.2.3.4:80"] } }, undefined],
    ["DNAT", { protocol: "icmp", options: { "to-destination": ["1.2.3.4:80"] } }, undefined],
    ["DNAT", { protocol: "tcp", protocolInverted: true, options: { "to-destination": ["1.2.3.4:80"] } }, undefined],
    ["DNAT", { options: { "to-destination": ["1.2.3.4"] } }, undefined],
    ["SNAT", {}, 'SNAT: option "--to-source" must be specified'],
    ["MASQUERADE", { options: { "to-ports": ["1000"] } }, "Need TCP, UDP, SCTP or DCCP with port specification"],
    ["MASQUERADE", {}, undefined],
    ["REDIRECT", { protocol: "tcp", options: { "to-ports": ["8080-8090/8085"] } }, "Shifted portmap ranges not supported with this kernel"],
    ["REDIRECT", { protocol: "tcp", options: { "to-ports": ["8080-8090"] } }, undefined],
    ["MARK", {}, "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required"],
    ["MARK", { options: { "set-xmark": ["0x4000/0x4000"] } }, undefined],
    ["CONNMARK", {}, "CONNMARK target: No operation specified"],
    ["CONNMARK", { options: { ctmask: ["1"] } }, "CONNMARK target: No operation specified"],
    ["TCPMSS", {}, "TCPMSS target: At least one parameter is required"],
    ["CHECKSUM", {}, 'CHECKSUM: option "--checksum-fill" must be specified'],
    ["NETMAP", {}, 'NETMAP: option "--to" must be specified'],
    ["NFQUEUE", { options: { "queue-cpu-fanout": [] } }, 'NFQUEUE: option "--queue-cpu-fanout" also requires "--queue-balance".'],
    ["NFQUEUE", {}, undefined],
    ["CLASSIFY", {}, 'CLASSIFY: option "--set-class" must be specified'],
    ["DSCP", {}, "DSCP target: Parameter --set-dscp is required"],
    ["TOS", {}, "TOS: An action is required"],
    ["TTL", {}, "TTL: You must specify an action"],
    ["HL", { family: "ipv6" }, "HL: You must specify an action"],
  ] as [string, RuleSketch, string | undefined][])("%s %j", (name, rule, expected) => {
    expect(finalMessage(name, rule)).toBe(expected);
  });
});

describe("kernel checks", () => {
  it.each([
    ["REJECT", { options: { "reject-with": ["tcp-reset"] } }, "nft", 1],
    ["REJECT", { protocol: "tcp", protocolInverted: true, options: { "reject-with": ["tcp-reset"] } }, "legacy", 1],
    ["REJECT", { protocol: "tcp", options: { "reject-with": ["tcp-rst"] } }, "nft", 0],
    ["REJECT", { family: "ipv6", options: { "reject-with": ["tcp-reset"] } }, "nft", 1],
    ["REJECT", { options: { "reject-with": ["icmp-port-unreachable"] } }, "nft", 0],
    ["CT", { options: { helper: ["ftp"] } }, "nft", 1],
    ["CT", { protocol: "tcp", options: { helper: ["ftp"] } }, "nft", 0],
    ["CT", { protocol: "udp", options: { helper: ["ftp"] } }, "nft", 1],
    ["CT", { options: { notrack: [], helper: ["ftp"] } }, "nft", 0],
    ["CT", { options: { helper: [""] } }, "nft", 0],
    ["CT", { options: { timeout: ["foo"] } }, "legacy", 1],
    ["CONNMARK", { options: { "set-xmark": ["1/2"], "left-shift-mark": ["32"] } }, "nft", 1],
    ["CONNMARK", { options: { "set-xmark": ["1/2"], "left-shift-mark": ["31"] } }, "nft", 0],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1400"] } }, "legacy", 1],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1400"] } }, "nft", 0],
    ["TCPMSS", { protocol: "tcp", options: { "clamp-mss-to-pmtu": [] }, matches: [{ name: "tcp", options: { syn: { values: [] } } }] }, "legacy", 0],
    ["TCPMSS", { protocol: "tcp", options: { "clamp-mss-to-pmtu": [] }, matches: [{ name: "tcp", options: { syn: { inverted: true, values: [] } } }] }, "legacy", 1],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1"] }, matches: [{ name: "tcp", options: { "tcp-flags": { values: ["SYN,RST", "SYN"] } } }] }, "legacy", 0],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1"] }, matches: [{ name: "tcp", options: { "tcp-flags": { values: ["ALL", "syn,ack"] } } }] }, "legacy", 0],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1"] }, matches: [{ name: "tcp", options: { "tcp-flags": { values: ["SYN", "NONE"] } } }] }, "legacy", 1],
    ["TCPMSS", { protocol: "tcp", options: { "set-mss": ["1"] }, matches: [{ name: "tcp", options: { "tcp-flags": { values: ["FIN", "FIN"] } } }] }, "legacy", 1],
  ] as [string, RuleSketch, "nft" | "legacy", number][])("%s %j (%s) → %d objection(s)", (name, rule, backend, count) => {
    expect(kernelMessages(name, rule, backend)).toHaveLength(count);
  });
});

describe("option values through the specs", () => {
  const check = (name: string, option: string, text: string, family: Family = "ipv4") => {
    const spec = target(name).options.find((o) => o.name === option);
    const r = spec?.value?.(text, { family });
    return r === undefined || r.ok ? undefined : r.message;
  };

  it.each([
    ["MARK", "set-mark", "0x1ffffffff", "ipv4", 'MARK: bad integer value for option "--set-mark", or out of range.'],
    ["MARK", "or-mark", "1/2", "ipv4", 'MARK: bad value for option "--or-mark", or out of range (0-4294967295).'],
    ["MARK", "xor-mark", "0xffffffff", "ipv4", undefined],
    ["NFLOG", "nflog-group", "65536", "ipv4", 'NFLOG: bad value for option "--nflog-group", or out of range (0-65535).'],
    ["TCPMSS", "set-mss", "65515", "ipv4", undefined],
    ["TCPMSS", "set-mss", "65516", "ipv4", 'TCPMSS: bad value for option "--set-mss", or out of range (0-65515).'],
    ["TCPMSS", "set-mss", "65496", "ipv6", 'TCPMSS: bad value for option "--set-mss", or out of range (0-65495).'],
    ["CONNMARK", "left-shift-mark", "33", "ipv4", 'CONNMARK: bad value for option "--left-shift-mark", or out of range (0-32).'],
    ["DSCP", "set-dscp", "64", "ipv4", 'DSCP: bad value for option "--set-dscp", or out of range (0-63).'],
    ["TTL", "ttl-dec", "0", "ipv4", 'TTL: bad value for option "--ttl-dec", or out of range (1-255).'],
    ["TTL", "ttl-set", "0", "ipv4", undefined],
    ["NFQUEUE", "queue-num", "65536", "ipv4", 'NFQUEUE: bad value for option "--queue-num", or out of range (0-65535).'],
  ] as [string, string, string, Family, string | undefined][])("%s --%s %s (%s)", (name, option, text, family, expected) => {
    expect(check(name, option, text, family)).toBe(expected);
  });
});

const CORPUS = "/work/shared/corpus";
const VERDICTS = join(CORPUS, "VERDICTS.tsv");

/** Corpus dumps that at least one backend loads (VERDICTS.tsv: path family nft legacy …). */
const corpusFiles = existsSync(VERDICTS)
  ? readFileSync(VERDICTS, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"))
      .filter((cols) => cols[2] === "accepted" || cols[3] === "accepted")
      .map((cols) => ({ file: join(CORPUS, cols[0]!), family: (cols[1] === "v6" ? "ipv6" : "ipv4") as Family }))
      .filter(({ file }) => existsSync(file))
  : [];

/** `-j NAME` words that are not chains declared in the same file (":NAME" or "-N NAME"). */
function targetExtensionsIn(text: string): Set<string> {
  const chains = new Set<string>();
  for (const m of text.matchAll(/^(?::|-N )(\S+)/gm)) chains.add(m[1]!);
  const found = new Set<string>();
  for (const m of text.matchAll(/ -j ([A-Z][A-Z0-9_]*)(?=\s|$)/gm)) {
    const name = m[1]!;
    if (!chains.has(name) && !(STANDARD_TARGETS as readonly string[]).includes(name)) found.add(name);
  }
  return found;
}

describe("corpus coverage", () => {
  it.skipIf(corpusFiles.length === 0)("has a spec for every target extension an accepted corpus dump uses", () => {
    const missing: string[] = [];
    for (const { file } of corpusFiles) {
      for (const name of targetExtensionsIn(readFileSync(file, "utf8"))) {
        if (!TARGETS.some((t) => t.name === name)) missing.push(`${name} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Splits the words after `-j NAME` as iptables-restore does for simple quoting. */
function wordsAfterTarget(line: string, name: string): string[] | undefined {
  const at = line.indexOf(` -j ${name}`);
  if (at === -1) return undefined;
  const rest = line.slice(at + 4 + name.length);
  return [...rest.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]!));
}

describe("corpus target options", () => {
  it.skipIf(corpusFiles.length === 0)("accepts every target option and value of an accepted dump", () => {
    const problems: string[] = [];
    for (const { file, family } of corpusFiles) {
      for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
        const name = / -j ([A-Z][A-Z0-9_]*)/.exec(line)?.[1];
        const spec = name === undefined ? undefined : TARGETS.find((t) => t.name === name);
        if (spec === undefined || name === undefined) continue;
        const words = wordsAfterTarget(line, name) ?? [];
        for (let i = 0; i < words.length; i++) {
          const option = spec.options.find((o) => `--${o.name}` === words[i]);
          if (option === undefined) {
            problems.push(`${file}: ${name} ${words[i]}`);
            continue;
          }
          if (option.arg === "none") continue;
          const value = words[++i] ?? "";
          const r = option.value?.(value, { family });
          if (r !== undefined && !r.ok) problems.push(`${file}: ${name} --${option.name} ${value}: ${r.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
