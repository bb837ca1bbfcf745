/**
 * dockerView over every dump of ../shared/corpus/docker. The expectations are written from
 * the scenario each file models (corpus/docker/SOURCES.md) and from docker-firewall.md, not
 * from iptlint's output: one row per file, built from the scenario's description.
 *
 *  - iptablesdoc scenarios: docker0 = 172.17.0.0/16; "bridge1" = 192.0.2.0/24 with container
 *    c1 = 192.0.2.2 run with -p 8080:80; internal networks bridgeICC (192.0.2.0/24, icc on)
 *    and bridgeNoICC (198.51.100.0/24, icc off) - v27 has one internal "bridge1" instead;
 *    swarm: docker_gwbridge 172.18.0.0/16 (icc=false, doc §2 era D) and ingress DNAT to
 *    172.18.0.2:8080.
 *  - TestIptabler goldens: network br-dummy 192.168.0.0/24 + fd49:efd7:54aa::/64, endpoint
 *    .2 / ::1, tcp 8080->80; the scenario's flags are in the file name.
 *  - Era by version (doc §3): v27 → D, 28.0.0 → E, 28.0.1–28.5.x → F, 29.x → G; and the
 *    version the file models must lie in the versions the view reports.
 *  - Per-port hairpin MASQUERADE: always up to 27.x, from 28.0 only with the proxy off (doc §1).
 *  - A subnet is only known from a rule that shows it (MASQUERADE/SNAT or the internal-network
 *    drops, doc §3): routed and masquerade-off bridges have none; a filter-only `-S` has none.
 */
import { describe, expect, it } from "vitest";
import { dockerView } from "../../src/docker/view.js";
import type { BridgeMode, DockerView, EraId, OnOff } from "../../src/docker/types.js";
import { lintText } from "../../src/lint.js";
import type { Family, TableName } from "../../src/model/netfilter.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";
import { versionInRanges } from "./versions.js";

interface BridgeExp {
  readonly subnets: readonly string[];
  readonly icc?: OnOff;
  readonly masq?: OnOff;
  readonly mode?: BridgeMode;
  readonly proxy?: OnOff;
  readonly snat?: string;
}

interface PortExp {
  readonly proto: string;
  /** Host address and port; absent when the dump shows no DNAT for the port. */
  readonly host?: string;
  readonly hostPort?: string;
  readonly ctr: string;
  readonly cport: string;
  readonly bridge: string;
  readonly dnat: boolean;
  readonly accept: boolean;
  readonly hairpin: boolean;
  readonly ingress?: boolean;
  readonly loopbackRawDrop?: boolean;
}

interface Exp {
  readonly era: EraId | "unknown";
  readonly family: Family;
  readonly bridges: Readonly<Record<string, BridgeExp>>;
  readonly ports: readonly PortExp[];
  readonly proxy?: OnOff;
  readonly swarm?: boolean;
  readonly wsl2?: boolean;
}

// ---------------------------------------------------------------- iptablesdoc scenarios

type DocVersion = "27" | "28.0.0" | "28.0.1" | "28.2.0" | "28.2.2" | "29.0.0";
const ERA_OF: Record<DocVersion, EraId> = { "27": "D", "28.0.0": "E", "28.0.1": "F", "28.2.0": "F", "28.2.2": "F", "29.0.0": "G" };
const DOCKER0 = (proxy: OnOff = "on"): BridgeExp => ({ subnets: ["172.17.0.0/16"], icc: "on", masq: "on", mode: "nat", proxy });

function newDaemon(v: DocVersion): Exp {
  return { era: ERA_OF[v], family: "ipv4", bridges: { docker0: DOCKER0() }, ports: [], proxy: "on", swarm: false };
}

interface PortmapOptions {
  readonly icc?: OnOff;
  readonly proxy?: OnOff;
  readonly lo?: boolean;
  readonly mode?: "nat" | "routed" | "nat-unprotected";
}

function usernetPortmap(v: DocVersion, o: PortmapOptions = {}): Exp {
  const proxy = o.proxy ?? "on";
  const mode = o.mode ?? "nat";
  const routed = mode === "routed";
  const bridge1: BridgeExp = { subnets: routed ? [] : ["192.0.2.0/24"], icc: o.icc ?? "on", masq: routed ? "off" : "on", mode, proxy };
  const port: PortExp = routed
    ? { proto: "tcp", ctr: "192.0.2.2", cport: "80", bridge: "bridge1", dnat: false, accept: true, hairpin: false }
    : {
        proto: "tcp",
        host: o.lo ? "127.0.0.1" : "0.0.0.0",
        hostPort: "8080",
        ctr: "192.0.2.2",
        cport: "80",
        bridge: "bridge1",
        dnat: true,
        // nat-unprotected: "no per-port ACCEPT" (doc §2 era F)
        accept: mode !== "nat-unprotected",
        hairpin: v === "27" || proxy === "off",
        // raw loopback DROP from 28.0 (doc §3 "published on loopback")
        loopbackRawDrop: Boolean(o.lo) && v !== "27",
      };
  return { era: ERA_OF[v], family: "ipv4", bridges: { bridge1, docker0: DOCKER0(proxy) }, ports: [port], proxy, swarm: false };
}

function usernetInternal(v: DocVersion): Exp {
  const internal = (subnet: string, icc: OnOff): BridgeExp => ({ subnets: [subnet], icc, masq: "off", mode: "internal" });
  const bridges: Record<string, BridgeExp> = v === "27" ? { bridge1: internal("192.0.2.0/24", "on") } : { bridgeICC: internal("192.0.2.0/24", "on"), bridgeNoICC: internal("198.51.100.0/24", "off") };
  return { era: ERA_OF[v], family: "ipv4", bridges: { ...bridges, docker0: DOCKER0() }, ports: [], proxy: "on", swarm: false };
}

function swarmPortmap(v: DocVersion): Exp {
  const gw: BridgeExp = { subnets: ["172.18.0.0/16"], icc: "off", masq: "on", mode: "nat" };
  const port: PortExp = { proto: "tcp", host: "0.0.0.0", hostPort: "8080", ctr: "172.18.0.2", cport: "8080", bridge: "docker_gwbridge", dnat: true, accept: true, hairpin: false, ingress: true };
  return { era: ERA_OF[v], family: "ipv4", bridges: { docker0: DOCKER0(), docker_gwbridge: gw }, ports: [port], proxy: "on", swarm: true };
}

/** `iptables -S` of the filter table alone: no nat facts (subnets, masquerade, DNAT, proxy). */
function filterOnly(e: Exp): Exp {
  const bridges = Object.fromEntries(Object.entries(e.bridges).map(([n, b]) => [n, { subnets: b.mode === "internal" ? b.subnets : [], icc: b.icc, masq: "unknown" as OnOff }]));
  const ports = e.ports.filter((p) => p.accept).map((p) => ({ proto: p.proto, ctr: p.ctr, cport: p.cport, bridge: p.bridge, dnat: false, accept: true, hairpin: false }));
  return { era: e.era, family: e.family, bridges, ports };
}

/** `iptables -t nat -S` alone: no filter facts (icc, ACCEPTs); the era is decided in filter. */
function natOnly(e: Exp): Exp {
  const bridges = Object.fromEntries(Object.entries(e.bridges).map(([n, b]) => [n, { ...b, icc: "unknown" as OnOff }]));
  const ports = e.ports.filter((p) => p.dnat).map((p) => ({ ...p, accept: false, loopbackRawDrop: false }));
  return { ...e, era: "unknown", bridges, ports };
}

// ---------------------------------------------------------------- TestIptabler goldens

interface GoldenOptions {
  readonly icc?: OnOff;
  readonly masq?: OnOff;
  readonly proxy?: OnOff;
  readonly snat?: boolean;
  readonly bindlo?: boolean;
  readonly gwm?: "nat" | "routed" | "nat-unprotected";
  readonly internal?: boolean;
  readonly wsl2?: boolean;
}

function golden(era: EraId, family: Family, o: GoldenOptions = {}): Exp {
  const v4 = family === "ipv4";
  const subnet = v4 ? "192.168.0.0/24" : "fd49:efd7:54aa::/64";
  const ctr = v4 ? "192.168.0.2" : "fd49:efd7:54aa::1";
  const proxy = o.proxy ?? "on";
  if (o.internal) {
    return { era, family, bridges: { "br-dummy": { subnets: [subnet], icc: o.icc ?? "on", masq: "off", mode: "internal" } }, ports: [], proxy };
  }
  const gwm = o.gwm ?? "nat";
  // routed: no MASQUERADE whatever the masq flag (doc §2 era D/F)
  const masq: OnOff = gwm === "routed" ? "off" : (o.masq ?? "on");
  const snat = o.snat ? { snat: v4 ? "192.168.123.0" : "fd34:d0d4:672f::123" } : {};
  const bridge: BridgeExp = { subnets: masq === "on" ? [subnet] : [], icc: o.icc ?? "on", masq, mode: gwm, proxy, ...snat };
  const host = o.bindlo ? (v4 ? "127.0.0.1" : "::1") : v4 ? "0.0.0.0" : "::";
  const port: PortExp = {
    proto: "tcp",
    host,
    hostPort: "8080",
    ctr,
    cport: "80",
    bridge: "br-dummy",
    // routed: the unit test passes a host port, so a DNAT appears (SOURCES.md note)
    dnat: true,
    accept: gwm !== "nat-unprotected",
    hairpin: proxy === "off",
    // doc §3 names the raw loopback DROP for 127.0.0.1 only; the ::1 goldens have none
    loopbackRawDrop: Boolean(o.bindlo) && v4,
  };
  return { era, family, bridges: { "br-dummy": bridge }, ports: [port], proxy, ...(o.wsl2 ? { wsl2: true } : {}) };
}

function cleaned(era: EraId, proxy: OnOff): Exp {
  return { era, family: "ipv4", bridges: {}, ports: [], proxy };
}

// ---------------------------------------------------------------- one row per file

const ROWS: Readonly<Record<string, Exp>> = {
  "moby-v27-new-daemon.filter.S": filterOnly(newDaemon("27")),
  "moby-v27-new-daemon.nat.S": natOnly(newDaemon("27")),
  "moby-v27-new-daemon.save": newDaemon("27"),
  "moby-v27-usernet-internal.save": usernetInternal("27"),
  "moby-v27-usernet-portmap-noicc.save": usernetPortmap("27", { icc: "off" }),
  "moby-v27-usernet-portmap-noproxy.save": usernetPortmap("27", { proxy: "off" }),
  "moby-v27-usernet-portmap-routed.save": usernetPortmap("27", { mode: "routed" }),
  "moby-v27-usernet-portmap.filter.S": filterOnly(usernetPortmap("27")),
  "moby-v27-usernet-portmap.nat.S": natOnly(usernetPortmap("27")),
  "moby-v27-usernet-portmap.save": usernetPortmap("27"),

  "moby-v28.0.0-new-daemon.save": newDaemon("28.0.0"),
  "moby-v28.0.0-swarm-portmap.save": swarmPortmap("28.0.0"),
  "moby-v28.0.0-usernet-internal.save": usernetInternal("28.0.0"),
  "moby-v28.0.0-usernet-portmap-lo.save": usernetPortmap("28.0.0", { lo: true }),
  "moby-v28.0.0-usernet-portmap-natunprot.save": usernetPortmap("28.0.0", { mode: "nat-unprotected" }),
  "moby-v28.0.0-usernet-portmap-noicc.save": usernetPortmap("28.0.0", { icc: "off" }),
  "moby-v28.0.0-usernet-portmap-noproxy.save": usernetPortmap("28.0.0", { proxy: "off" }),
  "moby-v28.0.0-usernet-portmap-routed.save": usernetPortmap("28.0.0", { mode: "routed" }),
  "moby-v28.0.0-usernet-portmap.save": usernetPortmap("28.0.0"),

  "moby-v28.0.1-new-daemon.save": newDaemon("28.0.1"),
  "moby-v28.0.1-swarm-portmap.save": swarmPortmap("28.0.1"),
  "moby-v28.0.1-usernet-internal.save": usernetInternal("28.0.1"),
  "moby-v28.0.1-usernet-portmap-lo.save": usernetPortmap("28.0.1", { lo: true }),
  "moby-v28.0.1-usernet-portmap-natunprot.save": usernetPortmap("28.0.1", { mode: "nat-unprotected" }),
  "moby-v28.0.1-usernet-portmap-noicc.save": usernetPortmap("28.0.1", { icc: "off" }),
  "moby-v28.0.1-usernet-portmap-noproxy.save": usernetPortmap("28.0.1", { proxy: "off" }),
  "moby-v28.0.1-usernet-portmap-routed.save": usernetPortmap("28.0.1", { mode: "routed" }),
  "moby-v28.0.1-usernet-portmap.save": usernetPortmap("28.0.1"),

  "moby-v28.2.0-usernet-portmap-lo.save": usernetPortmap("28.2.0", { lo: true }),
  "moby-v28.2.0-usernet-portmap.save": usernetPortmap("28.2.0"),

  "moby-v28.2.2-new-daemon.save": newDaemon("28.2.2"),
  "moby-v28.2.2-swarm-portmap.save": swarmPortmap("28.2.2"),
  "moby-v28.2.2-usernet-internal.save": usernetInternal("28.2.2"),
  "moby-v28.2.2-usernet-portmap-lo.save": usernetPortmap("28.2.2", { lo: true }),
  "moby-v28.2.2-usernet-portmap-natunprot.save": usernetPortmap("28.2.2", { mode: "nat-unprotected" }),
  "moby-v28.2.2-usernet-portmap-noicc.save": usernetPortmap("28.2.2", { icc: "off" }),
  "moby-v28.2.2-usernet-portmap-noproxy.save": usernetPortmap("28.2.2", { proxy: "off" }),
  "moby-v28.2.2-usernet-portmap-routed.save": usernetPortmap("28.2.2", { mode: "routed" }),
  "moby-v28.2.2-usernet-portmap.save": usernetPortmap("28.2.2"),

  "moby-v28.5.2-golden-cleaned-noproxy.v4.save": cleaned("F", "off"),
  "moby-v28.5.2-golden-cleaned-proxy.v4.save": cleaned("F", "on"),
  "moby-v28.5.2-golden-internal-icc.v4.save": golden("F", "ipv4", { internal: true, icc: "on" }),
  "moby-v28.5.2-golden-internal-icc.v6.save": golden("F", "ipv6", { internal: true, icc: "on" }),
  "moby-v28.5.2-golden-internal-noicc.v4.save": golden("F", "ipv4", { internal: true, icc: "off" }),
  "moby-v28.5.2-golden-nat-bindlo-wsl2mirrored.v4.save": golden("F", "ipv4", { bindlo: true, wsl2: true }),
  "moby-v28.5.2-golden-nat-bindlo.v4.save": golden("F", "ipv4", { bindlo: true }),
  "moby-v28.5.2-golden-nat-bindlo.v6.save": golden("F", "ipv6", { bindlo: true }),
  "moby-v28.5.2-golden-nat-noicc.v4.save": golden("F", "ipv4", { icc: "off" }),
  "moby-v28.5.2-golden-nat-nomasq.v4.save": golden("F", "ipv4", { masq: "off" }),
  "moby-v28.5.2-golden-nat-noproxy-bindlo.v4.save": golden("F", "ipv4", { proxy: "off", bindlo: true }),
  "moby-v28.5.2-golden-nat-noproxy.v4.save": golden("F", "ipv4", { proxy: "off" }),
  "moby-v28.5.2-golden-nat-noproxy.v6.save": golden("F", "ipv6", { proxy: "off" }),
  "moby-v28.5.2-golden-nat-snat.v4.save": golden("F", "ipv4", { snat: true }),
  "moby-v28.5.2-golden-nat-snat.v6.save": golden("F", "ipv6", { snat: true }),
  "moby-v28.5.2-golden-nat.v4.save": golden("F", "ipv4"),
  "moby-v28.5.2-golden-nat.v6.save": golden("F", "ipv6"),
  "moby-v28.5.2-golden-natunprot.v4.save": golden("F", "ipv4", { gwm: "nat-unprotected" }),
  "moby-v28.5.2-golden-routed.v4.save": golden("F", "ipv4", { gwm: "routed" }),
  "moby-v28.5.2-golden-routed.v6.save": golden("F", "ipv6", { gwm: "routed" }),

  "moby-v29.0.0-golden-cleaned-noproxy.v4.save": cleaned("G", "off"),
  "moby-v29.0.0-golden-cleaned-proxy.v4.save": cleaned("G", "on"),
  "moby-v29.0.0-golden-internal-icc.v4.save": golden("G", "ipv4", { internal: true, icc: "on" }),
  "moby-v29.0.0-golden-internal-icc.v6.save": golden("G", "ipv6", { internal: true, icc: "on" }),
  "moby-v29.0.0-golden-internal-noicc.v4.save": golden("G", "ipv4", { internal: true, icc: "off" }),
  "moby-v29.0.0-golden-nat-bindlo-wsl2mirrored.v4.save": golden("G", "ipv4", { bindlo: true, wsl2: true }),
  "moby-v29.0.0-golden-nat-bindlo.v4.save": golden("G", "ipv4", { bindlo: true }),
  "moby-v29.0.0-golden-nat-bindlo.v6.save": golden("G", "ipv6", { bindlo: true }),
  "moby-v29.0.0-golden-nat-noicc.v4.save": golden("G", "ipv4", { icc: "off" }),
  "moby-v29.0.0-golden-nat-nomasq.v4.save": golden("G", "ipv4", { masq: "off" }),
  "moby-v29.0.0-golden-nat-noproxy-bindlo.v4.save": golden("G", "ipv4", { proxy: "off", bindlo: true }),
  "moby-v29.0.0-golden-nat-noproxy.v4.save": golden("G", "ipv4", { proxy: "off" }),
  "moby-v29.0.0-golden-nat-noproxy.v6.save": golden("G", "ipv6", { proxy: "off" }),
  "moby-v29.0.0-golden-nat-snat.v4.save": golden("G", "ipv4", { snat: true }),
  "moby-v29.0.0-golden-nat-snat.v6.save": golden("G", "ipv6", { snat: true }),
  "moby-v29.0.0-golden-nat.v4.save": golden("G", "ipv4"),
  "moby-v29.0.0-golden-nat.v6.save": golden("G", "ipv6"),
  "moby-v29.0.0-golden-natunprot.v4.save": golden("G", "ipv4", { gwm: "nat-unprotected" }),
  "moby-v29.0.0-golden-routed.v4.save": golden("G", "ipv4", { gwm: "routed" }),
  "moby-v29.0.0-golden-routed.v6.save": golden("G", "ipv6", { gwm: "routed" }),

  "moby-v29.0.0-new-daemon.filter.S": filterOnly(newDaemon("29.0.0")),
  "moby-v29.0.0-new-daemon.nat.S": natOnly(newDaemon("29.0.0")),
  "moby-v29.0.0-new-daemon.save": newDaemon("29.0.0"),
  "moby-v29.0.0-swarm-portmap.save": swarmPortmap("29.0.0"),
  "moby-v29.0.0-usernet-internal.save": usernetInternal("29.0.0"),
  "moby-v29.0.0-usernet-portmap-lo.save": usernetPortmap("29.0.0", { lo: true }),
  "moby-v29.0.0-usernet-portmap-natunprot.save": usernetPortmap("29.0.0", { mode: "nat-unprotected" }),
  "moby-v29.0.0-usernet-portmap-noicc.save": usernetPortmap("29.0.0", { icc: "off" }),
  "moby-v29.0.0-usernet-portmap-noproxy.save": usernetPortmap("29.0.0", { proxy: "off" }),
  "moby-v29.0.0-usernet-portmap-routed.save": usernetPortmap("29.0.0", { mode: "routed" }),
  "moby-v29.0.0-usernet-portmap.filter.S": filterOnly(usernetPortmap("29.0.0")),
  "moby-v29.0.0-usernet-portmap.nat.S": natOnly(usernetPortmap("29.0.0")),
  // raw alone: the per-container direct-access DROP names bridge1; no port can be established.
  "moby-v29.0.0-usernet-portmap.raw.S": { era: "unknown", family: "ipv4", bridges: { bridge1: { subnets: [] } }, ports: [] },
  "moby-v29.0.0-usernet-portmap.save": usernetPortmap("29.0.0"),
};

// ---------------------------------------------------------------- running

function load(file: string): DockerView {
  const table = /\.(filter|nat|raw)\.S$/.exec(file)?.[1] as TableName | undefined;
  const family: Family = /\.v6\./.test(file) ? "ipv6" : "ipv4";
  const result = lintText(readCorpus(`docker/${file}`), { ...(table ? { table } : {}), family: { family, source: "file name" } });
  // the dump must load (IPT0xx/IPT1xx); Docker lint rules (IPT2xx) may judge it as they like
  expect(result.findings.filter((f) => f.severity === "error" && !f.code.startsWith("IPT2"))).toEqual([]);
  return dockerView(result.ruleset, result.dump);
}

/** The Docker version a file models, from its name ("v27" stands for 27.x). */
function modelledVersion(file: string): string {
  const v = /^moby-v([\d.]+)-/.exec(file)?.[1] as string;
  return v === "27" ? "27.5.1" : v;
}

function bridgeFacts(view: DockerView): Record<string, BridgeExp> {
  return Object.fromEntries(
    view.bridges.map((b) => [b.name, { subnets: b.subnets.map((s) => s.cidr).sort(), icc: b.icc.value, masq: b.masquerade.value, mode: b.mode.value, proxy: b.userlandProxy.value, ...(b.snatTo ? { snat: b.snatTo } : {}) }]),
  );
}

/** Keeps only the keys the expectation states (a filter-only dump states no mode, …). */
function pick<T extends object>(actual: T, expected: object): Partial<T> {
  return Object.fromEntries(Object.keys(expected).map((k) => [k, (actual as Record<string, unknown>)[k]])) as Partial<T>;
}

function portFacts(view: DockerView): PortExp[] {
  return view.ports.map((p) => ({
    proto: p.protocol,
    ...(p.hostAddress !== undefined ? { host: p.hostAddress } : {}),
    ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
    ctr: p.containerAddress,
    cport: p.containerPort ?? "",
    bridge: p.bridge ?? "",
    dnat: p.dnat !== undefined,
    accept: p.filterAccept !== undefined,
    hairpin: p.hairpinMasquerade !== undefined,
    ingress: p.ingress,
    loopbackRawDrop: p.rawDrops.some((r) => /! -i lo /.test(r.text)),
  }));
}

const files = hasCorpus ? corpusFiles("docker").map((p) => p.slice("docker/".length)).filter((f) => !f.endsWith(".nft")) : [];

describe.skipIf(!hasCorpus)("dockerView over ../shared/corpus/docker", () => {
  it("has an expectation row for every dump (and no row without a dump)", () => {
    expect([...files].sort()).toEqual(Object.keys(ROWS).sort());
  });

  describe.each(files)("%s", (file) => {
    const exp = ROWS[file] as Exp;

    it("era and versions", () => {
      const view = load(file);
      expect(view.hasDockerRules).toBe(true);
      expect(view.family).toBe(exp.family);
      expect(view.era.era).toBe(exp.era);
      if (exp.era === "unknown") expect(view.era.candidates).toContain(ERA_OF[/^moby-v([\d.]+)-/.exec(file)?.[1] as DocVersion]);
      expect(versionInRanges(modelledVersion(file), view.era.versions)).toBe(true);
      expect(view.era.leftovers).toEqual([]);
    });

    it("bridges with subnets and settings", () => {
      const view = load(file);
      const actual = bridgeFacts(view);
      expect(Object.keys(actual).sort()).toEqual(Object.keys(exp.bridges).sort());
      for (const [name, b] of Object.entries(exp.bridges)) {
        expect(pick(actual[name] as BridgeExp, b), name).toEqual({ ...b, subnets: [...b.subnets].sort() });
      }
      if (exp.proxy) expect(view.daemon.userlandProxy.value).toBe(exp.proxy);
      if (exp.swarm !== undefined) expect(view.swarm.active).toBe(exp.swarm);
      expect(view.daemon.wsl2Mirrored !== undefined).toBe(exp.wsl2 ?? false);
    });

    it("published ports, each with the lines that establish it", () => {
      const view = load(file);
      const actual = portFacts(view);
      expect(actual.map((p, i) => pick(p, exp.ports[i] ?? {}))).toEqual(exp.ports);
      for (const p of view.ports) {
        expect(p.problems).toEqual([]);
        for (const ref of [p.dnat, p.filterAccept, p.hairpinMasquerade, ...p.rawDrops]) {
          if (ref) expect(readCorpus(`docker/${file}`).split("\n")[ref.line - 1]).toMatch(/^-A /);
        }
      }
    });
  });
});

if (!hasCorpus) {
  it.skip("dockerView corpus test: ../shared/corpus is not present on this machine", () => undefined);
}
