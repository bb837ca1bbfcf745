/**
 * `--docker-inspect FILE` on lint, exposure and trace, and `--live` asking the docker CLI for
 * the same JSON: the bundled CLI run on Docker fixtures with the inspect JSON written for them
 * (fixtures/docker/inspect/). The docker stubs use shell builtins only and PATH holds only
 * their directory, so no real docker or iptables-save ever runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle, ROOT, runCli, tempTree, writeIn } from "./helpers/cli-run.js";

beforeAll(ensureBundle);

const F28 = "fixtures/docker/eras/f-28.3-problems.rules";
const F28_JSON = ["--docker-inspect", "fixtures/docker/inspect/f-28.3-networks.json", "--docker-inspect", "fixtures/docker/inspect/f-28.3-containers.json"];
const D27 = "fixtures/docker/docker27-host.rules";
const D27_JSON = ["--docker-inspect", "fixtures/docker/inspect/docker27-host.json"];

interface JsonFinding {
  code: string;
  line: number;
  message: string;
  docker?: Record<string, string>[];
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { files: { findings: JsonFinding[] }[] }).files.flatMap((f) => f.findings);
}

describe("lint --docker-inspect", () => {
  it("names the container and image of a published port, in the text and in the JSON fields", () => {
    const text = runCli([F28, ...F28_JSON, "-f", "compact"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe("");
    expect(text.stdout).toContain(`${F28}:101:1: error IPT202 tcp 0.0.0.0:3306 → app-db-1 (mysql:8.4) at 172.18.0.2:3306 on br-6f8a0c2e4b13 (network app) publishes MySQL on every address of the host`);
    const json = findings(runCli([F28, ...F28_JSON, "-f", "json"]).stdout);
    const mysql = json.find((f) => f.code === "IPT202" && f.line === 101);
    expect(mysql?.docker).toEqual([{ container: "app-db-1", image: "mysql:8.4", network: "app", bridge: "br-6f8a0c2e4b13", address: "172.18.0.2" }]);
    expect(json.find((f) => f.code === "IPT206" && f.line === 64)?.docker).toEqual([{ network: "bridge", bridge: "docker0" }]);
  });

  it("carries the names into SARIF properties", () => {
    const sarif = JSON.parse(runCli([F28, ...F28_JSON, "-f", "sarif"]).stdout) as { runs: { results: { ruleId: string; properties?: { docker?: unknown } }[] }[] };
    const results = sarif.runs[0]!.results.filter((r) => r.ruleId === "IPT203");
    expect(results.map((r) => r.properties?.docker)).toEqual([[{ container: "app-redis-1", image: "redis:7.4-alpine", network: "app", bridge: "br-6f8a0c2e4b13", address: "172.18.0.4" }]]);
  });

  it("changes no finding's code, place or fingerprint, only what it says", () => {
    const without = findings(runCli([F28, "-f", "json"]).stdout);
    const withNames = findings(runCli([F28, ...F28_JSON, "-f", "json"]).stdout);
    expect(withNames.map((f) => `${f.code}@${f.line}`)).toEqual(without.map((f) => `${f.code}@${f.line}`));
    expect(without.some((f) => f.docker !== undefined || f.message.includes("(network "))).toBe(false);
  });

  it("stops with status 2 and the place of the error when the JSON is broken", () => {
    const dir = tempTree({ "inspect.json": '[\n  {\n    "Name": "web",\n    "Id": "4b5e57f6eb2f"\n    "Driver": "bridge"\n  }\n]\n' });
    const r = runCli([D27, "--docker-inspect", join(dir, "inspect.json")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${join(dir, "inspect.json")}:5:5 error not valid JSON: expected ',' or '}', found '"'\n`);
  });

  it("stops with status 2 when the file cannot be read", () => {
    const r = runCli([D27, "--docker-inspect", "/nonexistent/inspect.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("iptlint: --docker-inspect: cannot read /nonexistent/inspect.json: no such file\n");
  });

  it("notes what it skips and lints on", () => {
    const dir = tempTree({ "inspect.json": '[{"Id": "sha256:4b5e57f6eb2f", "RepoTags": ["nginx:1.27"]}]\n' });
    const r = runCli([D27, "--docker-inspect", join(dir, "inspect.json"), "-f", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `iptlint: ${join(dir, "inspect.json")}:1: note: skipped an object that is an image: only docker network inspect and docker inspect of containers are read\n` +
        `iptlint: ${join(dir, "inspect.json")}: note: holds no network and no container; nothing is named from it\n`,
    );
    expect(r.stdout).toContain("IPT203 tcp 127.0.0.1:5432 → 172.18.0.3:5432 on br-5e0f6a2c9d31 is published on loopback");
  });

  it("escapes control characters in names from the JSON", () => {
    const json = readFileSync(join(ROOT, "fixtures/docker/inspect/docker27-host.json"), "utf8").replace('"Name": "/shop-db-1"', '"Name": "/db\\u001b[2J\\u0007"').replace('"Image": "postgres:16.6"', '"Image": "pg\\u009b31m"');
    const dir = tempTree({ "inspect.json": json });
    for (const format of ["compact", "json", "stylish"]) {
      const r = runCli([D27, "--docker-inspect", join(dir, "inspect.json"), "-f", format]);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain(format === "json" ? "db\\\\x1b[2J\\\\x07 (pg\\\\x9b31m)" : "db\\x1b[2J\\x07 (pg\\x9b31m)");
    }
    const exposure = runCli(["exposure", D27, "--docker-inspect", join(dir, "inspect.json"), "-f", "json"]);
    expect(exposure.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(exposure.stdout).toContain('"name": "db\\\\x1b[2J\\\\x07"');
  });
});

describe("exposure and trace --docker-inspect", () => {
  it("exposure names the container under each published port", () => {
    const r = runCli(["exposure", D27, ...D27_JSON]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("tcp 0.0.0.0:8080 → 172.17.0.2:80 on docker0 (published; DNAT line 16)\n  container web (nginx:1.27) on network bridge\n");
    expect(r.stdout).toContain("tcp 127.0.0.1:5432 → 172.18.0.3:5432 on br-5e0f6a2c9d31 (published; DNAT line 18)\n  container shop-db-1 (postgres:16.6) on network shop_default\n");
    expect(runCli(["exposure", D27]).stdout).not.toContain("container ");
  });

  it("exposure JSON gives the container's name, image and network", () => {
    const r = runCli(["exposure", D27, ...D27_JSON, "-f", "json"]);
    const targets = (JSON.parse(r.stdout) as { files: { targets: { port: string; container?: object }[] }[] }).files[0]!.targets;
    expect(targets.map((t) => t.container ?? null)).toEqual([
      { address: "172.17.0.2", port: "80", bridge: "docker0", name: "web", image: "nginx:1.27", network: "bridge" },
      { address: "172.18.0.3", port: "5432", bridge: "br-5e0f6a2c9d31", name: "shop-db-1", image: "postgres:16.6", network: "shop_default" },
      null,
    ]);
  });

  it("trace names the container a packet is forwarded to, and the one a dropped packet was going to", () => {
    const through = runCli(["trace", D27, ...D27_JSON, "--src", "10.1.2.3", "--dst", "203.0.113.10", "--dport", "8080"]);
    expect(through.code).toBe(0);
    expect(through.stdout).toMatch(/\nverdict: forwarded out of docker0 \(network bridge\) to web \(nginx:1\.27\) at 172\.17\.0\.2:80\n$/);
    const dropped = runCli(["trace", D27, ...D27_JSON, "--src", "192.0.2.3", "--dst", "203.0.113.10", "--dport", "8080"]);
    expect(dropped.stdout).toMatch(/\nverdict: dropped by filter DOCKER-USER line 51: .*, on its way to web \(nginx:1\.27\) at 172\.17\.0\.2:80\n$/);
    const plain = runCli(["trace", D27, "--src", "10.1.2.3", "--dst", "203.0.113.10", "--dport", "8080"]);
    expect(plain.stdout).toMatch(/\nverdict: forwarded out of docker0 to 172\.17\.0\.2:80\n$/);
  });

  it("trace names a container source, and gives the names in JSON", () => {
    const r = runCli(["trace", D27, ...D27_JSON, "--src", "172.18.0.3", "--in", "br-5e0f6a2c9d31", "--dst", "172.17.0.2", "--dport", "80"]);
    expect(r.stdout.split("\n")[0]).toBe("packet: tcp shop-db-1 (postgres:16.6) at 172.18.0.3:40000 → web (nginx:1.27) at 172.17.0.2:80, in on br-5e0f6a2c9d31 (network shop_default), NEW");
    const json = JSON.parse(runCli(["trace", D27, ...D27_JSON, "--src", "10.1.2.3", "--dst", "203.0.113.10", "--dport", "8080", "-f", "json"]).stdout) as {
      outcomes: { fate: string; out: string; outNetwork?: string; container?: object }[];
    };
    expect(json.outcomes.map((o) => [o.fate, o.out, o.outNetwork, o.container])).toEqual([["forwarded", "docker0", "bridge", { name: "web", image: "nginx:1.27", network: "bridge" }]]);
  });
});

describe("--live asks docker", () => {
  const dump = readFileSync(join(ROOT, F28), "utf8");
  const networks = readFileSync(join(ROOT, "fixtures/docker/inspect/f-28.3-networks.json"), "utf8");
  const containers = readFileSync(join(ROOT, "fixtures/docker/inspect/f-28.3-containers.json"), "utf8");
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

  function saveStub(dir: string): void {
    writeIn(dir, "iptables-save", `#!/bin/sh\nprintf '%s' ${quote(dump)}\n`, 0o755);
  }

  /** A docker that logs its arguments and answers the four read-only queries. */
  function dockerStub(dir: string): string {
    const log = join(dir, "docker.log");
    writeIn(
      dir,
      "docker",
      `#!/bin/sh
echo "$*" >> ${quote(log)}
case "$1 $2" in
  "network ls") printf '%s\\n' 7a1c3e5f9b2d e2b4d6f8a0c1 f1e3d5c7b9a0 6f8a0c2e4b13 a4c6e8f0b2d5 d7f9b1c3e5a2 ;;
  "network inspect") printf '%s' ${quote(networks)} ;;
  "ps -q") printf '%s\\n' 0a1b2c3d4e5f 1b2c3d4e5f6a ;;
  "inspect --type") printf '%s' ${quote(containers)} ;;
  *) echo "unexpected docker $*" >&2; exit 3 ;;
esac
`,
      0o755,
    );
    return log;
  }

  it("names containers with docker's JSON, asking only read-only commands", () => {
    const dir = tempTree();
    saveStub(dir);
    const log = dockerStub(dir);
    const r = runCli(["--live", "-f", "compact"], { env: { PATH: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("IPT202 tcp 0.0.0.0:3306 → app-db-1 (mysql:8.4) at 172.18.0.2:3306 on br-6f8a0c2e4b13 (network app)");
    expect(readFileSync(log, "utf8").split("\n")).toEqual([
      "network ls -q",
      "network inspect 7a1c3e5f9b2d e2b4d6f8a0c1 f1e3d5c7b9a0 6f8a0c2e4b13 a4c6e8f0b2d5 d7f9b1c3e5a2",
      "ps -q",
      "inspect --type container 0a1b2c3d4e5f 1b2c3d4e5f6a",
      "",
    ]);
  });

  it("uses --docker-inspect files instead of asking docker", () => {
    const dir = tempTree();
    saveStub(dir);
    const log = dockerStub(dir);
    const r = runCli(["--live", "-f", "compact", "--docker-inspect", join(ROOT, "fixtures/docker/inspect/f-28.3-containers.json")], { env: { PATH: dir } });
    expect(r.stdout).toContain("app-db-1 (mysql:8.4)");
    expect(() => readFileSync(log, "utf8")).toThrow();
  });

  it("goes on without names, said once, when docker is not on PATH", () => {
    const dir = tempTree();
    saveStub(dir);
    const r = runCli(["--live", "-f", "compact"], { env: { PATH: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("iptlint: no docker command on PATH: findings name no containers or networks (give --docker-inspect FILE for names)\n");
    expect(r.stdout).toContain("IPT202 tcp 0.0.0.0:3306 → 172.18.0.2:3306 on br-6f8a0c2e4b13 publishes MySQL");
  });

  it("goes on without names, said once, when the user may not use docker", () => {
    const dir = tempTree();
    saveStub(dir);
    writeIn(
      dir,
      "docker",
      `#!/bin/sh\necho 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/networks": dial unix /var/run/docker.sock: connect: permission denied' >&2\nexit 1\n`,
      0o755,
    );
    const r = runCli(["--live", "-f", "compact"], { env: { PATH: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^iptlint: docker network ls -q was refused \(permission denied while trying to connect to the Docker daemon socket.*\): run iptlint as a user who may use docker \(root or the docker group\); findings name no containers or networks\n$/);
    expect(r.stdout).toContain("IPT202 tcp 0.0.0.0:3306 → 172.18.0.2:3306 on br-6f8a0c2e4b13 publishes MySQL");
  });

  it("does not ask docker, nor say anything, on a host without Docker's chains", () => {
    const dir = tempTree();
    writeIn(dir, "iptables-save", `#!/bin/sh\nprintf '%s' ${quote("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n")}\n`, 0o755);
    const log = dockerStub(dir);
    const r = runCli(["--live", "-f", "compact"], { env: { PATH: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(() => readFileSync(log, "utf8")).toThrow();
  });

  it("never passes docker's output on as options", () => {
    const dir = tempTree();
    saveStub(dir);
    const log = join(dir, "docker.log");
    writeIn(dir, "docker", `#!/bin/sh\necho "$*" >> ${quote(log)}\ncase "$1" in\n  network) printf '%s\\n' '--format={{.Evil}}' 'WARNING: something' ;;\n  ps) printf '' ;;\nesac\n`, 0o755);
    const r = runCli(["--live", "-f", "compact"], { env: { PATH: dir } });
    expect(r.code).toBe(1);
    expect(readFileSync(log, "utf8")).toBe("network ls -q\nps -q\n");
  });
});
