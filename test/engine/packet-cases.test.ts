/**
 * Packet cases the way kube-proxy's own tests trace them (pkg/proxy/iptables tracePacket):
 * source, protocol, destination, port → fate, rewritten destination, masqueraded or not,
 * over Docker layouts written from docker-firewall.md and over a host whose INPUT allows one
 * network (ufw/firewalld style).
 */
import { describe, expect, it } from "vitest";
import { trace } from "../../src/engine/analysis.js";
import { formatAddress } from "../../src/model/ip/address-set.js";
import { packetSpec } from "../../src/engine/packet-options.js";
import { listOf } from "../../src/engine/walk.js";
import { lintText } from "../../src/lint.js";
import { dump } from "../helpers/rule-tester.js";

/** Docker 27 (era D), docker0 172.17.0.0/16, -p 8080:80 to 172.17.0.2 and -p 127.0.0.1:9000:9000 to 172.17.0.3; INPUT allows only 10.0.0.0/8 (and ssh from it). */
const DOCKER27_ALLOWLIST = dump`
  *nat
  :PREROUTING ACCEPT [0:0]
  :INPUT ACCEPT [0:0]
  :OUTPUT ACCEPT [0:0]
  :POSTROUTING ACCEPT [0:0]
  :DOCKER - [0:0]
  -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
  -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
  -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
  -A DOCKER -i docker0 -j RETURN
  -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
  -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.17.0.3:9000
  COMMIT
  *filter
  :INPUT DROP [0:0]
  :FORWARD DROP [0:0]
  :OUTPUT ACCEPT [0:0]
  :DOCKER - [0:0]
  :DOCKER-ISOLATION-STAGE-1 - [0:0]
  :DOCKER-ISOLATION-STAGE-2 - [0:0]
  :DOCKER-USER - [0:0]
  -A INPUT -i lo -j ACCEPT
  -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT
  -A FORWARD -j DOCKER-USER
  -A FORWARD -j DOCKER-ISOLATION-STAGE-1
  -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  -A FORWARD -o docker0 -j DOCKER
  -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
  -A FORWARD -i docker0 -o docker0 -j ACCEPT
  -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
  -A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 9000 -j ACCEPT
  -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
  -A DOCKER-ISOLATION-STAGE-1 -j RETURN
  -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
  -A DOCKER-ISOLATION-STAGE-2 -j RETURN
  -A DOCKER-USER -j RETURN
  COMMIT`;

/** Docker 28.2+ (era F) for the same containers: raw drops direct access and 127.0.0.1 from outside. */
const DOCKER28 = dump`
  *raw
  :PREROUTING ACCEPT [0:0]
  :OUTPUT ACCEPT [0:0]
  -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
  -A PREROUTING -d 172.17.0.3/32 ! -i docker0 -j DROP
  -A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 9000 -j DROP
  COMMIT
  *nat
  :PREROUTING ACCEPT [0:0]
  :INPUT ACCEPT [0:0]
  :OUTPUT ACCEPT [0:0]
  :POSTROUTING ACCEPT [0:0]
  :DOCKER - [0:0]
  -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
  -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
  -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
  -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.17.0.3:9000
  -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
  COMMIT
  *filter
  :INPUT ACCEPT [0:0]
  :FORWARD ACCEPT [0:0]
  :OUTPUT ACCEPT [0:0]
  :DOCKER - [0:0]
  :DOCKER-BRIDGE - [0:0]
  :DOCKER-CT - [0:0]
  :DOCKER-FORWARD - [0:0]
  :DOCKER-ISOLATION-STAGE-1 - [0:0]
  :DOCKER-ISOLATION-STAGE-2 - [0:0]
  :DOCKER-USER - [0:0]
  -A FORWARD -j DOCKER-USER
  -A FORWARD -j DOCKER-FORWARD
  -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
  -A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 9000 -j ACCEPT
  -A DOCKER ! -i docker0 -o docker0 -j DROP
  -A DOCKER-BRIDGE -o docker0 -j DOCKER
  -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  -A DOCKER-FORWARD -j DOCKER-CT
  -A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1
  -A DOCKER-FORWARD -j DOCKER-BRIDGE
  -A DOCKER-FORWARD -i docker0 -j ACCEPT
  -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
  -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
  COMMIT`;

interface Case {
  readonly name: string;
  readonly src: string;
  readonly dst: string;
  readonly proto?: string;
  readonly dport?: string;
  readonly in?: string;
  readonly state?: string;
  readonly fate: string;
  /** Destination after NAT, `address:port`. */
  readonly to?: string;
  readonly masqueraded?: boolean;
  /** Line of the rule (or chain declaration, for a policy) that decided a drop. */
  readonly decidedAt?: number;
}

const HOST = "203.0.113.10";

function run(text: string, c: Case) {
  const result = lintText(text);
  const { spec, error } = packetSpec({ src: c.src, dst: c.dst, proto: c.proto ?? "tcp", ...(c.dport ? { dport: c.dport } : {}), ...(c.in ? { in: c.in } : {}), ...(c.state ? { state: c.state } : {}) }, "ipv4");
  if (!spec) throw new Error(error);
  const report = trace(result.ruleset, result.dump, spec, { externalInterface: "eth0" });
  expect(report.host.externalAddress).toBe(0xcb00710an);
  return report;
}

function check(text: string, c: Case): void {
  const report = run(text, c);
  expect(report.outcomes).toHaveLength(1);
  const o = report.outcomes[0]!;
  expect(o.fate).toBe(c.fate);
  if (c.to) expect(`${formatAddress(o.piece.packet.dst, "ipv4")}:${o.piece.packet.dport}`).toBe(c.to);
  if (c.masqueraded !== undefined) expect(o.piece.packet.conn.snat).toBe(c.masqueraded);
  if (c.decidedAt !== undefined) expect(o.decider?.line).toBe(c.decidedAt);
}

describe("packet cases: Docker 27 host whose INPUT allows only 10.0.0.0/8", () => {
  it.each<Case>([
    { name: "internet → published 8080: DNAT, forwarded past INPUT", src: "198.51.100.7", dst: HOST, dport: "8080", fate: "forwarded", to: "172.17.0.2:80", masqueraded: false },
    { name: "internet → ssh on the host: INPUT policy DROP", src: "198.51.100.7", dst: HOST, dport: "22", fate: "dropped", decidedAt: 15 },
    { name: "allowed network → ssh: delivered", src: "10.1.2.3", dst: HOST, dport: "22", fate: "delivered" },
    { name: "LAN → 127.0.0.1:9000 (published on loopback, no raw guard before 28.0): forwarded", src: "192.168.1.20", dst: "127.0.0.1", dport: "9000", fate: "forwarded", to: "172.17.0.3:9000" },
    { name: "LAN → 127.0.0.1:22 (not published): martian, dropped by routing", src: "192.168.1.20", dst: "127.0.0.1", dport: "22", fate: "dropped" },
    { name: "container → internet: forwarded and masqueraded", src: "172.17.0.2", dst: "8.8.8.8", proto: "udp", dport: "53", in: "docker0", fate: "forwarded", to: "8.8.8.8:53", masqueraded: true },
    { name: "reply from the internet to the container: ESTABLISHED accept", src: "8.8.8.8", dst: "172.17.0.2", proto: "udp", dport: "40000", state: "ESTABLISHED", fate: "forwarded", to: "172.17.0.2:40000", masqueraded: false },
    { name: "neighbour routing 172.17.0.0/16 here → unpublished port: FORWARD policy DROP", src: "192.168.1.20", dst: "172.17.0.2", dport: "22", fate: "dropped", decidedAt: 16 },
  ])("$name", (c) => check(DOCKER27_ALLOWLIST, c));

  it("trace lists the rules that decide, with their lines, and never visits INPUT for the published port", () => {
    const report = run(DOCKER27_ALLOWLIST, { name: "", src: "198.51.100.7", dst: HOST, dport: "8080", fate: "forwarded" });
    const steps = listOf(report.outcomes[0]!.piece.steps);
    expect(steps.map((s) => `${s.hook} ${s.table} ${s.chain} ${s.line ?? "-"} ${s.event}`)).toEqual([
      "PREROUTING nat PREROUTING 7 jump",
      "PREROUTING nat DOCKER 11 rewrite",
      "FORWARD filter FORWARD 25 jump",
      "FORWARD filter DOCKER-USER 37 return",
      "FORWARD filter FORWARD 26 jump",
      "FORWARD filter DOCKER-ISOLATION-STAGE-1 34 return",
      "FORWARD filter FORWARD 28 jump",
      "FORWARD filter DOCKER 31 verdict",
      "POSTROUTING nat POSTROUTING 5 policy",
    ]);
    expect(steps[1]!.detail).toBe("DNAT destination 203.0.113.10:8080 → 172.17.0.2:80");
    expect(steps.some((s) => s.hook === "INPUT")).toBe(false);
  });
});

describe("packet cases: Docker 28.2 with FORWARD policy ACCEPT", () => {
  it.each<Case>([
    { name: "internet → published 8080: forwarded", src: "198.51.100.7", dst: HOST, dport: "8080", fate: "forwarded", to: "172.17.0.2:80" },
    { name: "LAN → 127.0.0.1:9000: raw guard drops it", src: "192.168.1.20", dst: "127.0.0.1", dport: "9000", fate: "dropped", decidedAt: 6 },
    { name: "neighbour → container address directly: raw drop", src: "192.168.1.20", dst: "172.17.0.2", dport: "22", fate: "dropped", decidedAt: 4 },
    { name: "container → other host on the LAN: DOCKER-FORWARD accepts", src: "172.17.0.2", dst: "192.168.1.20", dport: "443", in: "docker0", fate: "forwarded", masqueraded: true },
  ])("$name", (c) => check(DOCKER28, c));
});

describe("undecidable matches", () => {
  it("follows both outcomes of -m recent and says which verdict depends on it", () => {
    const text = dump`
      *filter
      :INPUT ACCEPT [0:0]
      -A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 60 --hitcount 4 --name ssh --rsource -j DROP
      -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
      COMMIT`;
    const report = run(text, { name: "", src: "198.51.100.7", dst: HOST, dport: "22", fate: "" });
    expect(report.outcomes.map((o) => `${o.fate} ${listOf(o.piece.assumptions).map((a) => `${a.rule.command.line}:${a.assumed}`).join(",")}`).sort()).toEqual(["delivered 3:false", "dropped 3:true"]);
  });
});
