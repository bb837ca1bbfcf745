/**
 * Reading `docker network inspect` / `docker inspect` JSON (src/docker/inspect.ts): the shapes
 * of Docker 27 and 28 (fixtures/docker/inspect/, written after real output), files that hold
 * both outputs one after the other, what is skipped with a note, and broken JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeInspects, parseDockerInspect } from "../../src/docker/inspect.js";
import { ROOT } from "../helpers/cli-run.js";

const fixture = (name: string) => readFileSync(join(ROOT, "fixtures/docker/inspect", name), "utf8");

describe("docker 27: network inspect and container inspect in one file", () => {
  const parsed = parseDockerInspect(fixture("docker27-host.json"));

  it("reads both arrays, with nothing to note", () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.notes).toEqual([]);
    expect(parsed.inspect.networks.map((n) => n.name)).toEqual(["bridge", "host", "none", "shop_default"]);
    expect(parsed.inspect.containers.map((c) => c.name)).toEqual(["web", "shop-db-1", "shop-app-1"]);
  });

  it("names bridges by com.docker.network.bridge.name, else br- and the id's first 12 characters; none for host and null", () => {
    expect(parsed.inspect.networks.map((n) => [n.name, n.driver, n.bridge ?? null])).toEqual([
      ["bridge", "bridge", "docker0"],
      ["host", "host", null],
      ["none", "null", null],
      ["shop_default", "bridge", "br-5e0f6a2c9d31"],
    ]);
  });

  it("keeps subnets, gateways and the bridge options", () => {
    const bridge = parsed.inspect.networks[0]!;
    expect(bridge.subnets).toEqual([{ cidr: "172.17.0.0/16", family: "ipv4", gateway: "172.17.0.1" }]);
    expect([bridge.icc, bridge.masquerade, bridge.hostBindingIpv4, bridge.internal]).toEqual([true, true, "0.0.0.0", false]);
    expect(parsed.inspect.networks[3]!.endpoints.map((e) => [e.name, e.ipv4])).toEqual([
      ["shop-app-1", "172.18.0.2"],
      ["shop-db-1", "172.18.0.3"],
    ]);
  });

  it("reads containers: name without the slash, Config.Image, addresses per network, the bindings in effect", () => {
    const [web, db, app] = parsed.inspect.containers;
    expect([web!.name, web!.image, web!.running]).toEqual(["web", "nginx:1.27", true]);
    expect(web!.networks).toEqual([{ network: "bridge", networkId: expect.stringMatching(/^0d5e3f9a1c7b/), ipv4: "172.17.0.2" }]);
    expect(web!.published).toEqual([
      { containerPort: "80", protocol: "tcp", hostIp: "0.0.0.0", hostPort: "8080" },
      { containerPort: "80", protocol: "tcp", hostIp: "::", hostPort: "8080" },
    ]);
    expect(db!.published).toEqual([{ containerPort: "5432", protocol: "tcp", hostIp: "127.0.0.1", hostPort: "5432" }]);
    // "3000/tcp": null is exposed, not published
    expect(app!.published).toEqual([]);
  });

  it("gives each object the line it starts on", () => {
    const text = fixture("docker27-host.json");
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    expect(parsed.inspect.networks[3]!.line).toBe(line('"Name": "shop_default"') - 1);
    expect(parsed.inspect.containers[0]!.line).toBe(line('"Id": "' + parsed.inspect.containers[0]!.id) - 1);
  });
});

describe("docker 28", () => {
  const networks = parseDockerInspect(fixture("f-28.3-networks.json"));
  const containers = parseDockerInspect(fixture("f-28.3-containers.json"));

  it("reads internal networks and the icc/masquerade options of user networks", () => {
    expect(networks.problems).toEqual([]);
    const byName = new Map(networks.inspect.networks.map((n) => [n.name, n]));
    expect(byName.get("keys")).toMatchObject({ bridge: "br-d7f9b1c3e5a2", internal: true, icc: false });
    expect(byName.get("lab")).toMatchObject({ bridge: "br-a4c6e8f0b2d5", masquerade: false, icc: false, internal: false });
    expect(byName.get("app")?.subnets).toEqual([{ cidr: "172.18.0.0/16", family: "ipv4", gateway: "172.18.0.1" }]);
  });

  it("merges the two files, the first of each id winning", () => {
    const merged = mergeInspects([networks.inspect, containers.inspect, containers.inspect]);
    expect(merged.networks).toHaveLength(6);
    expect(merged.containers.map((c) => `${c.name} ${c.image}`)).toEqual([
      "app-db-1 mysql:8.4",
      "app-web-1 wordpress:6.8-apache",
      "app-redis-1 redis:7.4-alpine",
      "lab-notebook quay.io/jupyter/base-notebook:2025-08-04",
      "vault hashicorp/vault:1.20",
    ]);
  });
});

describe("other inputs", () => {
  const container = (name: string, extra = "") =>
    `{"Id": "${"ab".repeat(32)}", "Name": "/${name}", "Config": {"Image": "alpine:3.20"}, "State": {"Running": true}, "NetworkSettings": {"Ports": {}, "Networks": {"bridge": {"IPAddress": "172.17.0.9", "GlobalIPv6Address": "fd00::9"}}}${extra}}`;

  it("reads one object per line (docker inspect --format '{{json .}}')", () => {
    const parsed = parseDockerInspect(`${container("a")}\n${container("b")}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.inspect.containers.map((c) => [c.name, c.networks[0]?.ipv4, c.networks[0]?.ipv6])).toEqual([
      ["a", "172.17.0.9", "fd00::9"],
      ["b", "172.17.0.9", "fd00::9"],
    ]);
  });

  it("falls back to HostConfig.PortBindings when NetworkSettings.Ports is empty", () => {
    const parsed = parseDockerInspect(`[${container("c", `, "HostConfig": {"PortBindings": {"53/udp": [{"HostIp": "", "HostPort": "5353"}]}}`)}]`);
    expect(parsed.inspect.containers[0]!.published).toEqual([{ containerPort: "53", protocol: "udp", hostIp: "", hostPort: "5353" }]);
  });

  it("skips images, volumes and other shapes with a note on their line", () => {
    const text = `[\n  {"Id": "sha256:1", "RepoTags": ["nginx:1.27"]},\n  {"Name": "data", "Mountpoint": "/var/lib/docker/volumes/data/_data"},\n  {"foo": 1},\n  42\n]\n`;
    const parsed = parseDockerInspect(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.notes).toEqual([
      { line: 2, message: "skipped an object that is an image: only docker network inspect and docker inspect of containers are read" },
      { line: 3, message: "skipped an object that is a volume: only docker network inspect and docker inspect of containers are read" },
      { line: 4, message: "skipped an object that is not a network or a container: only docker network inspect and docker inspect of containers are read" },
      { line: 5, message: "an array element that is not a JSON object is skipped" },
    ]);
  });

  it("skips a network without a name and a subnet that is not a CIDR, with notes", () => {
    const parsed = parseDockerInspect(`[{"Id": "1", "Driver": "bridge", "IPAM": {}},\n{"Name": "x", "Id": "${"cd".repeat(32)}", "Driver": "bridge", "IPAM": {"Config": [{"Subnet": "172.30.0.0/33"}, {"Subnet": "fd00:30::/64"}]}}]`);
    expect(parsed.notes.map((n) => [n.line, n.message])).toEqual([
      [1, "a network without a Name or Id is skipped"],
      [2, "network x: subnet `172.30.0.0/33' is not a CIDR; skipped"],
    ]);
    expect(parsed.inspect.networks[0]!.subnets).toEqual([{ cidr: "fd00:30::/64", family: "ipv6" }]);
  });

  it("reads an empty output ([]) as nothing", () => {
    expect(parseDockerInspect("[]\n")).toEqual({ inspect: { networks: [], containers: [] }, notes: [], problems: [] });
  });
});

describe("broken JSON", () => {
  it("says where: a missing comma", () => {
    const parsed = parseDockerInspect(`[\n  {\n    "Name": "bridge"\n    "Id": "1"\n  }\n]\n`);
    expect(parsed.problems).toEqual([{ line: 4, column: 5, message: "not valid JSON: expected ',' or '}', found '\"'" }]);
    expect(parsed.inspect).toEqual({ networks: [], containers: [] });
  });

  it("says where: the second array cut short", () => {
    const parsed = parseDockerInspect(`[]\n[\n  {"Name": "web"\n`);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ line: 4, column: 1 });
    expect(parsed.problems[0]!.message).toMatch(/^not valid JSON: /);
  });

  it("never throws on a file cut short anywhere: a problem with a place, or the whole file read", () => {
    const text = fixture("docker27-host.json");
    const whole = parseDockerInspect(text).inspect;
    for (let i = 1; i < text.length; i += 97) {
      const parsed = parseDockerInspect(text.slice(0, i));
      if (parsed.problems.length === 0) expect(text.slice(i).trim()).toMatch(/^(\[[\s\S]*)?$/);
      else expect(parsed.problems[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    }
    expect(whole.containers).toHaveLength(3);
  });

  it("reads fields of the wrong type as absent, never throwing", () => {
    const odd = `[{"Id": "${"ab".repeat(32)}", "Name": "/odd", "Config": "x", "State": [], "HostConfig": {"PortBindings": {"80/tcp": "x", "bad": [{}]}},
      "NetworkSettings": {"Ports": [], "Networks": {"n": null, "m": {"IPAddress": 7, "GlobalIPv6Address": "not-an-address"}}}},
      {"Name": 5, "Id": "x", "IPAM": {"Config": "x"}}, {"Name": "n", "Id": "${"cd".repeat(32)}", "Driver": "bridge", "IPAM": {"Config": [null, {"Subnet": 3}]}, "Options": {"com.docker.network.bridge.name": 9}, "Containers": {"a": null, "b": {"Name": "b", "IPv4Address": "bogus"}}}]`;
    const parsed = parseDockerInspect(odd);
    expect(parsed.problems).toEqual([]);
    expect(parsed.inspect.containers).toEqual([{ id: "ab".repeat(32), name: "odd", networks: [{ network: "m" }], published: [], line: 1 }]);
    expect(parsed.inspect.networks.map((n) => [n.name, n.bridge, n.subnets, n.endpoints])).toEqual([["n", "br-cdcdcdcdcdcd", [], [{ containerId: "b", name: "b" }]]]);
    expect(parsed.notes.map((n) => n.message)).toEqual(["a network without a Name or Id is skipped"]);
  });

  it("says where: text that is not JSON between the outputs", () => {
    const parsed = parseDockerInspect(`[]\nError: No such object: 4b5e57f6eb2f\n`);
    expect(parsed.problems).toEqual([{ line: 2, column: 1, message: "not valid JSON: expected a JSON array or object (the output of docker inspect or docker network inspect)" }]);
  });
});
