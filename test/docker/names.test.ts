/**
 * Docker's names in the view and the findings (src/docker/names.ts, view-names.ts,
 * subjects.ts): the f-28.3 era fixture (networks app, lab, keys) and the Docker 27 host
 * fixture, each linted with and without the inspect JSON written for it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeInspects, parseDockerInspect } from "../../src/docker/inspect.js";
import { DockerNames } from "../../src/docker/names.js";
import { dockerView } from "../../src/docker/view.js";
import { lintText } from "../../src/lint.js";
import { ROOT } from "../helpers/cli-run.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const namesOf = (...files: string[]) => new DockerNames(mergeInspects(files.map((f) => parseDockerInspect(read(`fixtures/docker/inspect/${f}`)).inspect)));

const F28 = read("fixtures/docker/eras/f-28.3-problems.rules");
const F28_NAMES = namesOf("f-28.3-networks.json", "f-28.3-containers.json");
const D27 = read("fixtures/docker/docker27-host.rules");
const D27_NAMES = namesOf("docker27-host.json");

describe("DockerNames", () => {
  it("maps bridges, subnets and addresses to networks", () => {
    expect(F28_NAMES.networkOfBridge("docker0")?.name).toBe("bridge");
    expect(F28_NAMES.networkOfBridge("br-6f8a0c2e4b13")?.name).toBe("app");
    expect(F28_NAMES.networkOfBridge("br-000000000000")).toBeUndefined();
    expect(F28_NAMES.networkOfSubnet("172.20.0.0/16", "ipv4")?.name).toBe("keys");
    expect(F28_NAMES.networkOfSubnet("172.20.0.0/24", "ipv4")).toBeUndefined();
    expect(F28_NAMES.networkOfAddress("172.19.0.200", "ipv4")?.name).toBe("lab");
  });

  it("maps container addresses to name, image and network, with or without a /32", () => {
    expect(F28_NAMES.containerAt("172.18.0.2", "ipv4")).toEqual({ name: "app-db-1", image: "mysql:8.4", network: "app" });
    expect(F28_NAMES.containerAt("172.20.0.2/32", "ipv4")).toEqual({ name: "vault", image: "hashicorp/vault:1.20", network: "keys" });
    expect(F28_NAMES.containerAt("172.18.0.7", "ipv4")).toBeUndefined();
  });

  it("names containers from a network's Containers map alone, without an image", () => {
    const networksOnly = namesOf("f-28.3-networks.json");
    expect(networksOnly.containerAt("172.18.0.3", "ipv4")).toEqual({ name: "app-web-1", network: "app" });
  });

  it("compares IPv6 addresses by value", () => {
    const names = new DockerNames(parseDockerInspect(`{"Id": "${"ef".repeat(32)}", "Name": "/v6", "Config": {"Image": "busybox"}, "NetworkSettings": {"Networks": {"v6net": {"IPAddress": "", "GlobalIPv6Address": "fd00:0:0:1::2"}}}}`).inspect);
    expect(names.containerAt("fd00:0:0:1:0:0:0:2", "ipv6")?.name).toBe("v6");
    expect(names.containerAt("fd00:0:0:1::2", "ipv4")).toBeUndefined();
  });

  it("finds the container publishing a host port: every-address bindings for a DNAT without -d, the exact address otherwise", () => {
    expect(D27_NAMES.publishing("tcp", "8080", "0.0.0.0", "ipv4").map((c) => c.name)).toEqual(["web"]);
    expect(D27_NAMES.publishing("tcp", "8000:8090", undefined, "ipv4").map((c) => c.name)).toEqual(["web"]);
    expect(D27_NAMES.publishing("tcp", "5432", "127.0.0.1", "ipv4").map((c) => c.name)).toEqual(["shop-db-1"]);
    expect(D27_NAMES.publishing("tcp", "5432", "0.0.0.0", "ipv4")).toEqual([]);
    expect(D27_NAMES.publishing("udp", "8080", "0.0.0.0", "ipv4")).toEqual([]);
  });
});

describe("the Docker view with names", () => {
  it("gives bridges their network, endpoints and ports their container", () => {
    const r = lintText(F28);
    const view = dockerView(r.ruleset, r.dump, F28_NAMES);
    expect(view.bridges.map((b) => [b.name, b.network?.name ?? null])).toEqual(
      expect.arrayContaining([
        ["docker0", "bridge"],
        ["br-6f8a0c2e4b13", "app"],
        ["br-a4c6e8f0b2d5", "lab"],
        ["br-d7f9b1c3e5a2", "keys"],
      ]),
    );
    const ports = view.ports.map((p) => [p.containerAddress, p.owner?.name ?? null, p.network?.name ?? null]);
    expect(ports).toEqual(
      expect.arrayContaining([
        ["172.18.0.2", "app-db-1", "app"],
        ["172.18.0.3", "app-web-1", "app"],
        ["172.18.0.4", "app-redis-1", "app"],
        // the ACCEPT left by a removed container: its network is known, its owner is not
        ["172.18.0.7", null, "app"],
      ]),
    );
  });

  it("names a DNAT target inspect does not know by the container publishing the host port", () => {
    const r = lintText(D27.replace("--to-destination 172.17.0.2:80", "--to-destination 172.17.0.99:80"));
    const port = dockerView(r.ruleset, r.dump, D27_NAMES).ports.find((p) => p.hostPort === "8080");
    expect(port?.owner).toEqual({ name: "web", image: "nginx:1.27" });
  });

  it("is the same view without names", () => {
    const r = lintText(F28);
    const view = dockerView(r.ruleset, r.dump);
    expect(view.ports.every((p) => p.owner === undefined && p.network === undefined)).toBe(true);
    expect(view.bridges.every((b) => b.network === undefined)).toBe(true);
  });
});

describe("findings with names", () => {
  const plain = lintText(F28).findings;
  const named = lintText(F28, { dockerNames: F28_NAMES }).findings;
  const at = (code: string, line: number) => named.find((f) => f.code === code && f.span.start.line === line);

  it("are the same findings, at the same places", () => {
    expect(named.map((f) => `${f.code}@${f.span.start.line}`)).toEqual(plain.map((f) => `${f.code}@${f.span.start.line}`));
    expect(plain.some((f) => f.docker !== undefined)).toBe(false);
  });

  it("name the container, image and network of a published port", () => {
    expect(at("IPT202", 101)?.message).toBe(
      "tcp 0.0.0.0:3306 → app-db-1 (mysql:8.4) at 172.18.0.2:3306 on br-6f8a0c2e4b13 (network app) publishes MySQL on every address of the host, and no DOCKER-USER rule keeps the outside away from it",
    );
    expect(at("IPT202", 101)?.docker).toEqual([{ container: "app-db-1", image: "mysql:8.4", network: "app", bridge: "br-6f8a0c2e4b13", address: "172.18.0.2" }]);
    expect(at("IPT203", 105)?.message).toMatch(/^tcp 127\.0\.0\.1:6379 → app-redis-1 \(redis:7\.4-alpine\) at 172\.18\.0\.4:6379 on br-6f8a0c2e4b13 \(network app\) is published on loopback/);
    expect(at("IPT209", 80)?.message).toContain("the host side of the published tcp 0.0.0.0:8080 → app-web-1 (wordpress:6.8-apache) at 172.18.0.3:80,");
  });

  it("name the network of a bridge", () => {
    expect(at("IPT206", 66)?.message).toBe("inter-container communication is on for bridge br-6f8a0c2e4b13 (network app, -i br-6f8a0c2e4b13 -j ACCEPT): its containers can reach each other on every port, published or not");
    expect(at("IPT206", 66)?.docker).toEqual([{ network: "app", bridge: "br-6f8a0c2e4b13" }]);
    expect(at("IPT205", 69)?.message).toMatch(/^Docker bridge br-a4c6e8f0b2d5 \(network lab, subnet not shown by any rule\) has no MASQUERADE/);
    expect(at("IPT207", 72)?.message).toMatch(/^internal network on bridge br-d7f9b1c3e5a2 \(network keys, 172\.20\.0\.0\/16\) has no/);
  });

  it("say when no container has a left-over forward's address", () => {
    expect(at("IPT204", 48)?.message).toMatch(/an ACCEPT left from a removed container; Docker lists no container at 172\.18\.0\.7 on network app$/);
    expect(at("IPT204", 48)?.docker).toEqual([{ network: "app", bridge: "br-6f8a0c2e4b13", address: "172.18.0.7" }]);
  });

  it("leave findings Docker's names say nothing about alone", () => {
    expect(at("IPT212", 19)?.docker).toBeUndefined();
    expect(named.find((f) => f.code === "IPT212")?.message).toBe(plain.find((f) => f.code === "IPT212")?.message);
  });

  it("name the Docker 27 host's loopback-published database", () => {
    const f = lintText(D27, { dockerNames: D27_NAMES }).findings.find((x) => x.code === "IPT203");
    expect(f?.message).toMatch(/^tcp 127\.0\.0\.1:5432 → shop-db-1 \(postgres:16\.6\) at 172\.18\.0\.3:5432 on br-5e0f6a2c9d31 \(network shop_default\) is published on loopback/);
  });
});
