import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MATCHES } from "../../../../src/model/extensions/matches/index.js";
import type { ExtensionSpec, FinalCheckContext, GivenOption } from "../../../../src/model/extensions/types.js";

const CORPUS = "/work/shared/corpus";

function specFor(name: string, family: "ipv4" | "ipv6" = "ipv4"): ExtensionSpec {
  const spec = MATCHES.find((m) => m.name === name && m.families.includes(family));
  if (spec === undefined) throw new Error(`no spec for ${name}`);
  return spec;
}

function context(options: Record<string, string[]>, protocol?: string, protocolInverted = false): FinalCheckContext {
  const map = new Map<string, GivenOption>();
  for (const [name, values] of Object.entries(options)) map.set(name, { name, inverted: false, values });
  return { family: "ipv4", options: map, protocol, protocolInverted, matches: [] };
}

describe("MATCHES sanity", () => {
  it.each(MATCHES.map((m) => [`${m.name} (${m.families.join(",")})`, m] as const))("%s", (_, spec) => {
    expect(spec.kind).toBe("match");
    expect(spec.families.length).toBeGreaterThan(0);
    expect(spec.summary.length).toBeGreaterThan(10);
    const names = spec.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const o of spec.options) {
      for (const ex of o.excludes ?? []) expect(spec.options.map((x) => x.name)).toContain(ex);
      if (o.arg === "none") expect(o.value).toBeUndefined();
      expect(o.extraValues?.length ?? 0).toBeLessThanOrEqual(o.extraArgs ?? 0);
    }
  });

  it("has one spec per name and family", () => {
    const keys = MATCHES.flatMap((m) => m.families.map((f) => `${m.name}/${f}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("every -m NAME used in the corpus has a spec", () => {
  const dirs = ["real", "docker"].map((d) => join(CORPUS, d)).filter((d) => existsSync(d));
  const used = new Set<string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, file), "utf8").matchAll(/(?:^|\s)-m ([A-Za-z0-9_]+)/g)) used.add(m[1]!);
    }
  }
  it.skipIf(dirs.length === 0)("corpus matches are known", () => {
    const known = new Set(MATCHES.map((m) => m.name));
    expect([...used].filter((n) => !known.has(n))).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });
});

// Final-check messages, each seen from iptables 1.8.9 through the oracle.
describe("final checks", () => {
  it.each([
    ["multiport", {}, "tcp", false, "multiport expection an option"],
    ["multiport", { dports: ["22"] }, undefined, false, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'"],
    ["multiport", { dports: ["22"] }, "all", false, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'"],
    ["multiport", { dports: ["22"] }, "icmp", false, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"],
    ["multiport", { dports: ["22"] }, "tcp", true, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"],
    ["multiport", { dports: ["tftp"] }, "tcp", false, "invalid port/service `tftp' specified"],
    ["multiport", { dports: ["tftp"] }, "udp", false, undefined],
    ["multiport", { dports: ["22"] }, "6", false, undefined],
    ["state", {}, undefined, false, 'state: option "--state" must be specified'],
    ["mark", {}, undefined, false, 'mark: option "--mark" must be specified'],
    ["conntrack", {}, undefined, false, "conntrack: At least one option is required"],
    ["addrtype", {}, undefined, false, "addrtype: you must specify --src-type or --dst-type"],
    ["iprange", {}, undefined, false, "iprange match: You must specify `--src-range' or `--dst-range'"],
    ["recent", { name: ["x"] }, undefined, false, "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'"],
    ["recent", { rcheck: [], reap: [] }, undefined, false, 'recent: option "--reap" also requires "--seconds".'],
    ["owner", {}, undefined, false, "owner: At least one of --uid-owner, --gid-owner or --socket-exists is required"],
    ["owner", { "suppl-groups": [], "gid-owner": ["0"] }, undefined, false, 'owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"'],
    ["owner", { "gid-owner": ["0"], "suppl-groups": [] }, undefined, false, undefined],
    ["hashlimit", { "hashlimit-name": ["x"] }, undefined, false, "You have to specify --hashlimit"],
    ["hashlimit", { "hashlimit-upto": ["5"] }, undefined, false, 'hashlimit: option "--hashlimit-name" must be specified'],
    ["statistic", {}, undefined, false, "--probability must be specified when using random mode"],
    ["statistic", { mode: ["nth"] }, undefined, false, "--every and --packet must be specified when using nth mode"],
    ["statistic", { mode: ["nth"], packet: ["2"], every: ["2"] }, undefined, false, "the --packet p must be 0 <= p <= n-1"],
    ["policy", { pol: ["ipsec"] }, undefined, false, "policy match: neither --dir in nor --dir out specified"],
    ["policy", { dir: ["in"], next: [] }, undefined, false, 'policy: option "--next" also requires "--strict".'],
    ["string", { string: ["x"] }, undefined, false, 'string: option "--algo" must be specified'],
    ["string", { algo: ["bm"] }, undefined, false, "STRING match: You must specify `--string' or `--hex-string'"],
    ["physdev", {}, undefined, false, "PHYSDEV: no physdev option specified"],
    ["connlimit", {}, undefined, false, 'You must specify "--connlimit-above" or "--connlimit-upto".'],
    ["ttl", {}, undefined, false, "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt"],
    ["time", { contiguous: [] }, undefined, false, "time: --contiguous only makes sense when stoptime is smaller than starttime"],
    ["time", {}, undefined, false, undefined],
    ["dscp", {}, undefined, false, "DSCP match: Parameter --dscp is required"],
    ["ecn", {}, undefined, false, "ECN match: some option required"],
    ["connbytes", { connbytes: ["1"] }, undefined, false, 'connbytes: option "--connbytes-dir" must be specified'],
    ["devgroup", {}, undefined, false, "devgroup match: You must specify either '--src-group' or '--dst-group'"],
    ["ecn", { "ecn-tcp-cwr": [] }, undefined, false, "cannot match TCP bits for non-tcp packets: --ecn-tcp-cwr/--ecn-tcp-ece need -p tcp (the kernel rejects this rule when the ruleset is loaded)"],
    ["ecn", { "ecn-tcp-ece": [] }, "tcp", true, "cannot match TCP bits for non-tcp packets: --ecn-tcp-cwr/--ecn-tcp-ece need -p tcp (the kernel rejects this rule when the ruleset is loaded)"],
    ["ecn", { "ecn-tcp-ece": [] }, "6", false, undefined],
    ["ecn", { "ecn-ip-ect": ["1"] }, undefined, false, undefined],
    ["policy", { dir: ["in"], pol: ["ipsec"], strict: [] }, undefined, false, "policy match: empty policy element 0. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required."],
    ["policy", { dir: ["in"], pol: ["none"], strict: [] }, undefined, false, "policy match: policy none but --strict given"],
    ["policy", { dir: ["in"], "tunnel-src": ["1.2.3.4"] }, undefined, false, "policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode"],
    ["policy", { dir: ["in"], "tunnel-src": ["1.2.3.4"], mode: ["tunnel"] }, undefined, false, undefined],
    ["statistic", { mode: ["nth"], every: ["3"] }, undefined, false, 'statistic: option "--every" also requires "--packet".'],
    ["statistic", { mode: ["nth"], every: ["3"], packet: ["0"] }, undefined, false, undefined],
    ["string", { algo: ["bm"], string: [""] }, undefined, false, "the pattern is empty (the kernel rejects this rule when the ruleset is loaded)"],
    ["string", { algo: ["bm"], string: ["foo"], from: ["10"], to: ["5"] }, undefined, false, "--from 10 is beyond --to 5 (the kernel rejects this rule when the ruleset is loaded)"],
    ["string", { algo: ["bm"], string: ["foo"], from: ["10"], to: ["10"] }, undefined, false, undefined],
    ["cgroup", {}, undefined, false, "--path or --cgroup is required (the kernel rejects this rule when the ruleset is loaded)"],
    ["cgroup", { path: ["/"], cgroup: ["1"] }, undefined, false, "--path and --cgroup cannot be combined (the kernel rejects this rule when the ruleset is loaded)"],
    ["cgroup", { path: ["/"] }, undefined, false, undefined],
  ] as const)("%s %j -p %s", (name, options, protocol, inverted, message) => {
    const spec = specFor(name);
    const check = spec.finalCheck ?? (() => undefined);
    expect(check(context(options as Record<string, string[]>, protocol, inverted))).toBe(message);
  });

  it.each([
    [{ "rt-0-addrs": ["::1"] }, "`--rt-type 0' required before `--rt-0-addrs'"],
    [{ "rt-0-addrs": ["::1"], "rt-type": ["0"] }, "`--rt-type 0' required before `--rt-0-addrs'"],
    [{ "rt-type": ["2"], "rt-0-addrs": ["::1"] }, "`--rt-type 0' required before `--rt-0-addrs'"],
    [{ "rt-type": ["0x0"], "rt-0-addrs": ["::1"] }, undefined],
    [{ "rt-type": ["0"], "rt-0-not-strict": [] }, "`--rt-0-addr ...' required before `--rt-0-not-strict'"],
    [{ "rt-0-res": [] }, "`--rt-type 0' required before `--rt-0-res'"],
  ] as const)("rt (IPv6) %j: options in the order given", (options, message) => {
    expect(specFor("rt", "ipv6").finalCheck?.({ ...context(options as unknown as Record<string, string[]>), family: "ipv6" })).toBe(message);
  });

  it("hl (IPv6) without an option", () => {
    expect(specFor("hl", "ipv6").finalCheck?.(context({}))).toBe(
      "HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'",
    );
  });
});

describe("kernel restrictions (oracle: real load fails with EINVAL)", () => {
  it.each([
    ["mac", undefined, ["PREROUTING", "INPUT", "FORWARD"], undefined],
    ["owner", undefined, ["OUTPUT", "POSTROUTING"], undefined],
    ["rpfilter", ["raw", "mangle"], ["PREROUTING"], undefined],
    ["tcp", undefined, undefined, ["tcp"]],
    ["udp", undefined, undefined, ["udp"]],
    ["icmp", undefined, undefined, ["icmp"]],
    ["sctp", undefined, undefined, ["sctp"]],
    ["esp", undefined, undefined, ["esp"]],
    ["tcpmss", undefined, undefined, ["tcp"]],
  ] as const)("%s", (name, tables, hooks, protocols) => {
    const spec = specFor(name);
    expect(spec.tables).toEqual(tables);
    expect(spec.hooks).toEqual(hooks);
    expect(spec.requiresProtocol).toEqual(protocols);
  });

  it("icmp6 and ah split by family", () => {
    expect(specFor("icmp6", "ipv6").requiresProtocol).toEqual(["icmpv6", "ipv6-icmp"]);
    expect(specFor("ah", "ipv4").requiresProtocol).toEqual(["ah"]);
    expect(specFor("ah", "ipv6").requiresProtocol).toBeUndefined();
    expect(MATCHES.find((m) => m.name === "icmp")?.families).toEqual(["ipv4"]);
    expect(MATCHES.find((m) => m.name === "ttl")?.families).toEqual(["ipv4"]);
  });
});

describe("option values (oracle)", () => {
  const v4 = { family: "ipv4" as const };
  function value(ext: string, option: string, text: string, family: "ipv4" | "ipv6" = "ipv4") {
    const spec = specFor(ext, family);
    const opt = spec.options.find((o) => o.name === option || o.aliases?.includes(option));
    if (opt?.value === undefined) throw new Error(`${ext} --${option} has no value check`);
    const r = opt.value(text, { family });
    return r.ok ? undefined : r.message;
  }
  it.each([
    ["limit", "limit-burst", "0x10", undefined],
    ["limit", "limit-burst", "10001", 'limit: bad value for option "--limit-burst", or out of range (0-10000).'],
    ["recent", "seconds", "0", 'recent: bad value for option "--seconds", or out of range (1-4294967295).'],
    ["recent", "mask", "255.255.0.0", undefined],
    ["recent", "mask", "16", undefined],
    ["owner", "uid-owner", "root", undefined],
    ["owner", "uid-owner", "0-100", undefined],
    ["owner", "uid-owner", "0x10", undefined],
    ["owner", "uid-owner", "4294967295", 'owner: Bad value for "--uid-owner" option: "4294967295"'],
    ["iprange", "src-range", "1.2.3.4-1.2.3.1", undefined],
    ["iprange", "src-range", "10-11", undefined],
    ["iprange", "src-range", "1.2.3.4-", 'iprange: Bad value for "--src-range" option: ""'],
    ["iprange", "src-range", "1.2.3.4/24-1.2.3.5", 'iprange: Bad value for "--src-range" option: "1.2.3.4/24"'],
    ["iprange", "src-range", "1.65536", 'iprange: Bad value for "--src-range" option: "1.65536"'],
    ["addrtype", "src-type", "local,unicast", undefined],
    ["addrtype", "src-type", "LOC", undefined],
    ["addrtype", "src-type", "FOO", 'addrtype: bad type "FOO"'],
    ["addrtype", "src-type", "LOCAL,", 'addrtype: bad type ""'],
    ["pkttype", "pkt-type", "BROADCAST", undefined],
    ["pkttype", "pkt-type", "host", undefined],
    ["pkttype", "pkt-type", "outgoing", "Bad packet type 'outgoing'"],
    ["hashlimit", "hashlimit-upto", "5kb/s", undefined],
    ["hashlimit", "hashlimit-upto", "5/sx", 'hashlimit: Bad value for "--hashlimit-upto" option: "5/sx"'],
    ["hashlimit", "hashlimit-mode", "srcip,dstport", undefined],
    ["hashlimit", "hashlimit-mode", "foo", 'hashlimit: Bad value for "--hashlimit-mode" option: "foo"'],
    ["hashlimit", "hashlimit-burst", "0", 'bad value for option "--hashlimit-burst", or out of range (1-1000000).'],
    // Found by npm run fuzz:kernel: the kernel's cost XT_HASHLIMIT_SCALE_v2 * unit / N must not be 0.
    ["hashlimit", "hashlimit-above", "1000000/sec", undefined],
    ["hashlimit", "hashlimit-above", "1000001/sec", 'Rate too fast "1000001/sec"'],
    ["hashlimit", "hashlimit-above", "60000001/min", 'Rate too fast "60000001/min"'],
    ["hashlimit", "hashlimit-above", "4294967296/day", undefined],
    ["hashlimit", "hashlimit-above", "18446744073709551615/sec", 'Rate too fast "18446744073709551615/sec"'],
    ["recent", "name", "a.b", undefined],
    ["recent", "name", "178.250.2.102/32", "--name 178.250.2.102/32 cannot name a file in /proc/net/xt_recent (kernel: Invalid argument)"],
    ["recent", "name", "..", "--name .. cannot name a file in /proc/net/xt_recent (kernel: Invalid argument)"],
    ["policy", "dir", "IN", 'policy_match: invalid dir "IN"'],
    ["policy", "pol", "foo", 'policy match: invalid policy "foo"'],
    ["policy", "mode", "foo", 'policy match: invalid mode "foo"'],
    ["policy", "proto", "tcp", "policy match: protocol must be ah/esp/ipcomp"],
    ["policy", "proto", "50", undefined],
    ["time", "timestart", "6:5", undefined],
    ["time", "timestart", "24:00", 'invalid time "24:00" specified, should be hh:mm[:ss] format and within the boundaries'],
    ["time", "timestart", "23:59:60", 'invalid time "60" specified, should be hh:mm[:ss] format and within the boundaries'],
    ["time", "timestart", "0659", 'invalid time "0659" specified, should be hh:mm[:ss] format and within the boundaries'],
    ["time", "weekdays", "Mon,sun", "sun is not a valid day specifier"],
    ["time", "weekdays", "0", "No, the week does NOT begin with Sunday."],
    ["time", "weekdays", "7,1", undefined],
    ["time", "weekdays", "Monday", undefined],
    ["time", "monthdays", "32", "32 is not a valid day for --monthdays"],
    ["time", "datestart", "2020-01-01T10:00:00", undefined],
    ["time", "datestart", "2020-13", 'Invalid date "2020-13" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]'],
    ["time", "datestart", "1969", 'Invalid date "1969" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]'],
    ["physdev", "physdev-in", "1234567890123456", "interface name `1234567890123456' must be shorter than IFNAMSIZ (15)"],
    ["statistic", "mode", "foo", 'Bad mode "foo"'],
    ["statistic", "probability", "1.5", 'statistic: bad value for option "--probability", or out of range (0-1).'],
    ["statistic", "probability", "0.33333333349", undefined],
    ["string", "hex-string", "|0a0b|", undefined],
    ["string", "hex-string", "|0a0|", "Invalid hex block"],
    ["string", "to", "65536", 'string: bad value for option "--to", or out of range (0-65535).'],
    ["sctp", "chunk-types", "foo", 'Match type has to be one of "ALL", "ANY" or "ONLY"'],
    ["tcp", "tcp-option", "256", 'Bad TCP option "256"'],
    ["tcp", "tcp-option", "0x10", undefined],
    ["dscp", "dscp", "64", 'dscp: bad value for option "--dscp", or out of range (0-63).'],
    ["dscp", "dscp-class", "EF", undefined],
    ["dscp", "dscp-class", "XX", "Invalid DSCP value `XX'"],
    ["ecn", "ecn-ip-ect", "4", 'ecn: bad value for option "--ecn-ip-ect", or out of range (0-3).'],
    ["tos", "tos", "Minimize-Delay", undefined],
    ["tos", "tos", "0x10/0x3f", undefined],
    ["tos", "tos", "foo", 'Symbolic name "foo" is unknown'],
    ["connbytes", "connbytes-dir", "foo", "Unknown --connbytes-dir `foo'"],
    ["conntrack", "ctexpire", "4294967296", 'conntrack: bad value for option "--ctexpire" near "4294967296", or out of range (0-4294967295).'],
    ["conntrack", "ctproto", "17", undefined],
    ["conntrack", "ctorigdstport", "53", undefined],
    ["devgroup", "src-group", "default", undefined],
    ["devgroup", "src-group", "0x1/0xf", undefined],
    ["devgroup", "src-group", "foo", 'devgroup: could not map name foo to an integer value for option "--src-group".'],
    ["devgroup", "src-group", "DEFAULT", 'devgroup: could not map name DEFAULT to an integer value for option "--src-group".'],
    ["devgroup", "src-group", "1x", 'devgroup: could not map name 1x to an integer value for option "--src-group".'],
    ["devgroup", "src-group", "default/0xf", 'devgroup: could not map name default/0xf to an integer value for option "--src-group".'],
    ["devgroup", "src-group", "1/x", 'devgroup: bad integer value for option "--src-group", or out of range.'],
    ["time", "weekdays", "8", undefined],
    ["time", "weekdays", "-1", undefined],
    ["time", "weekdays", "07", undefined],
    ["time", "weekdays", "8x", "8x is not a valid day specifier"],
    ["connlimit", "connlimit-mask", "33", undefined],
    ["connlimit", "connlimit-mask", "255.255.0.0", undefined],
    ["connlimit", "connlimit-mask", "4294967296", 'connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-32).'],
    ["u32", "u32", "garbage", "u32: at char 0: not a number or out of range"],
    ["u32", "u32", "0<1=1", "u32: at char 2: a second '<' was expected"],
    ["u32", "u32", "0=1 2", 'u32: at char 4: expected "," or "&&"'],
    ["u32", "u32", "0", "u32: abrupt end of input after location specifier"],
    ["u32", "u32", "0 >> 22 & 0x3C @ 12 >> 26 & 0x3C @ 0 = 1,2:3 && 4=5", undefined],
  ] as const)("%s --%s %j -> %s", (ext, option, text, message) => {
    expect(value(ext, option, text)).toBe(message);
  });

  it.each([
    ["mh-type", "foo", "Invalid MH type `foo'"],
    ["mh-type", "256", "Invalid MH type `256'"],
    ["mh-type", "5:3", "Invalid MH type range (min > max)"],
    ["mh-type", "be:bu", "Invalid MH type range (min > max)"],
    ["mh-type", "1:2:3", "Invalid MH type `2:3'"],
    ["mh-type", "bind", undefined],
  ] as const)("mh (IPv6) --%s %j -> %s", (option, text, message) => {
    expect(value("mh", option, text, "ipv6")).toBe(message);
  });

  it("set flags (parse_dirs)", () => {
    const check = specFor("set").options.find((o) => o.name === "match-set")!.extraValues![0]!;
    expect(check("src,dst", v4).ok).toBe(true);
    expect(check("srcip", v4).ok).toBe(true);
    expect(check("foo", v4)).toEqual({ ok: false, message: "You must spefify (the comma separated list of) 'src' or 'dst'." });
    expect(check("src,src,src,src,src,src,src", v4)).toEqual({ ok: false, message: "Can't be more src/dst options than 6." });
  });

  it("value-dependent hooks (kernel policy_mt_check, physdev_mt_check)", () => {
    const hooksFor = (name: string, options: Record<string, [string[], boolean?]>) => {
      const map = new Map(Object.entries(options).map(([n, [values, inverted]]) => [n, { name: n, values, inverted: inverted ?? false }]));
      return specFor(name).hooksFor?.(map);
    };
    expect(hooksFor("policy", { dir: [["in"]] })).toEqual(["PREROUTING", "INPUT", "FORWARD"]);
    expect(hooksFor("policy", { dir: [["out"]] })).toEqual(["FORWARD", "OUTPUT", "POSTROUTING"]);
    expect(hooksFor("physdev", { "physdev-out": [["eth0"]] })).not.toContain("OUTPUT");
    expect(hooksFor("physdev", { "physdev-out": [["eth0"]], "physdev-is-bridged": [[]] })).toBeUndefined();
    expect(hooksFor("physdev", { "physdev-out": [["eth0"]], "physdev-is-bridged": [[], true] })).not.toContain("OUTPUT");
    expect(hooksFor("physdev", { "physdev-in": [["eth0"]] })).toBeUndefined();
  });

  it("option hooks (kernel addrtype_mt_checkentry_v1, devgroup_mt_checkentry)", () => {
    expect(specFor("addrtype").optionHooks).toEqual({
      "limit-iface-in": ["PREROUTING", "INPUT", "FORWARD"],
      "limit-iface-out": ["FORWARD", "OUTPUT", "POSTROUTING"],
    });
    expect(specFor("devgroup").optionHooks).toEqual({
      "src-group": ["PREROUTING", "INPUT", "FORWARD"],
      "dst-group": ["FORWARD", "OUTPUT", "POSTROUTING"],
    });
  });

  it("sctp chunk list", () => {
    const opt = specFor("sctp").options.find((o) => o.name === "chunk-types")!;
    expect(opt.extraValues?.[0]?.("data:Be", v4).ok).toBe(true);
    expect(opt.extraValues?.[0]?.("FOO", v4)).toEqual({ ok: false, message: "Unknown sctp chunk `FOO'" });
  });

  it("ipv6header names", () => {
    expect(value("ipv6header", "header", "hop", "ipv6")).toBeUndefined();
    expect(value("ipv6header", "header", "foo", "ipv6")).toBe("unknown header `foo' specified");
  });
});
