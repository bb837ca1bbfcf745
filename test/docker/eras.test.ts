/**
 * Era recognition (docker-firewall.md §3 decision list) on hand-written dumps of the eras the
 * corpus lacks, and what each layout says about its bridges and ports.
 */
import { describe, expect, it } from "vitest";
import { ERA_A, ERA_B, ERA_C, ERA_H, LEFTOVERS, NO_DOCKER, viewOf } from "./fixtures.js";

describe("era recognition", () => {
  it.each([
    ["A: DOCKER chain only", ERA_A, "A", "≤1.9"],
    ["B: DOCKER-ISOLATION, no DOCKER-USER, -o <br> -j DOCKER first", ERA_B, "B", "1.10–17.03"],
    ["C: DOCKER-USER + DOCKER-ISOLATION", ERA_C, "C", "17.06–18.04"],
    ["G: DOCKER-INTERNAL", LEFTOVERS, "G", "29.x (iptables backend)"],
  ])("%s", (_name, text, era, versions) => {
    const view = viewOf(text);
    expect(view.hasDockerRules).toBe(true);
    expect(view.era.era).toBe(era);
    expect(view.era.versions).toBe(versions);
    expect(view.era.certain).toBe(true);
  });

  it("B: 17.04+ puts the conntrack accept before -o <br> -j DOCKER", () => {
    const swapped = ERA_B.replace(
      "-A FORWARD -o br-3c1d2e4f5a6b -j DOCKER\n-A FORWARD -o br-3c1d2e4f5a6b -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n",
      "-A FORWARD -o br-3c1d2e4f5a6b -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o br-3c1d2e4f5a6b -j DOCKER\n",
    );
    expect(swapped).not.toBe(ERA_B);
    expect(viewOf(swapped).era.versions).toBe("17.04–17.05");
  });

  it("H: only DOCKER-USER left is H, but not certainly (also --iptables=false on 17.06–19.03)", () => {
    const view = viewOf(ERA_H);
    expect(view.era.era).toBe("H");
    expect(view.era.certain).toBe(false);
    expect(view.era.candidates).toEqual(["H", "C", "D"]);
    expect(view.era.leftovers.map((l) => l.rules.map((r) => r.line))).toEqual([[7]]);
    expect(view.hasDockerRules).toBe(true);
    expect(view.bridges).toEqual([]);
  });

  it("none: a firewall without Docker chains", () => {
    const view = viewOf(NO_DOCKER);
    expect(view.era.era).toBe("none");
    expect(view.hasDockerRules).toBe(false);
    expect(view.chains).toEqual([]);
    // `-A FORWARD -i eth1 -o eth0 -j ACCEPT` is not a Docker bridge rule
    expect(view.bridges).toEqual([]);
    expect(view.ports).toEqual([]);
  });

  it("leftovers: the ≤28.0.0 FORWARD rules and STAGE-1 chain next to a 29.x layout", () => {
    const view = viewOf(LEFTOVERS);
    expect(view.era.leftovers.map((l) => [l.fact.split(" ").slice(0, 2).join(" "), l.rules.map((r) => r.line), l.lines ?? []])).toEqual([
      ["chain DOCKER-ISOLATION-STAGE-1", [], [11]],
      ["FORWARD rules", [16, 17], []],
    ]);
  });

  it("28.0.0: the docker-ext-bridges ipset in FORWARD", () => {
    const text = ERA_C.replace(":DOCKER-ISOLATION - [0:0]", ":DOCKER-ISOLATION-STAGE-1 - [0:0]")
      .replace("-A FORWARD -j DOCKER-ISOLATION\n", "-A FORWARD -m set --match-set docker-ext-bridges-v4 dst -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n")
      .replace("-A DOCKER-ISOLATION -j RETURN\n", "");
    const view = viewOf(text);
    expect(view.era.era).toBe("E");
    expect(view.era.evidence[0]?.rules.map((r) => r.line)).toEqual([9]);
  });
});

describe("bridges and ports of the old layouts", () => {
  it("A: docker0 with icc off, masquerade on, one published port with hairpin", () => {
    const view = viewOf(ERA_A);
    expect(view.bridges.map((b) => [b.name, b.kind, b.subnets.map((s) => s.cidr), b.icc.value, b.masquerade.value, b.mode.value])).toEqual([["docker0", "default", ["172.17.0.0/16"], "off", "on", "nat"]]);
    expect(view.ports.map((p) => [p.protocol, p.hostAddress, p.hostPort, p.containerAddress, p.containerPort, p.bridge, p.dnat?.line, p.filterAccept?.line, p.hairpinMasquerade?.line])).toEqual([
      ["tcp", "0.0.0.0", "8080", "172.17.0.2", "80", "docker0", 11, 22, 10],
    ]);
  });

  it("B: user network, internal network (subnet from its DROP pair) and a udp port on a host address", () => {
    const view = viewOf(ERA_B);
    const byName = Object.fromEntries(view.bridges.map((b) => [b.name, b]));
    expect(Object.keys(byName).sort()).toEqual(["br-0123456789ab", "br-3c1d2e4f5a6b", "docker0"]);
    expect(byName["br-0123456789ab"]?.mode.value).toBe("internal");
    expect(byName["br-0123456789ab"]?.subnets.map((s) => [s.cidr, s.via])).toEqual([["172.19.0.0/16", "internal-isolation"]]);
    expect(byName["br-0123456789ab"]?.modeAlternatives).toEqual([]);
    expect(byName["br-3c1d2e4f5a6b"]?.kind).toBe("user");
    expect(view.ports.map((p) => [p.protocol, p.hostAddress, p.hostPort, p.containerAddress, p.containerPort, p.bridge, p.loopbackOnly])).toEqual([["udp", "10.0.0.5", "5353", "172.18.0.2", "53", "br-3c1d2e4f5a6b", false]]);
  });

  it("C: userland-proxy off from the nat OUTPUT jump and the hairpin MASQUERADE", () => {
    const view = viewOf(ERA_C);
    expect(view.daemon.userlandProxy.value).toBe("off");
    const docker0 = view.bridges[0];
    expect(docker0?.userlandProxy.value).toBe("off");
    expect(docker0?.hairpinMasquerade?.line).toBe(25);
    expect(view.dockerUser.returnRule?.line).toBe(15);
  });
});
