import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeInspects, parseDockerInspect } from "../../src/docker/inspect.js";
import { DockerNames } from "../../src/docker/names.js";
import { lintText } from "../../src/lint.js";
import rule from "../../src/rules/docker-inspect-not-in-rules.js";
import { ROOT } from "../helpers/cli-run.js";
import { testLintRule } from "../helpers/rule-tester.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const namesOf = (...texts: string[]) => new DockerNames(mergeInspects(texts.map((t) => parseDockerInspect(t).inspect)));

const D27 = read("fixtures/docker/docker27-host.rules");
const D27_JSON = read("fixtures/docker/inspect/docker27-host.json");
const D27_NAMES = namesOf(D27_JSON);
const F28 = read("fixtures/docker/eras/f-28.3-problems.rules");
const F28_NAMES = namesOf(read("fixtures/docker/inspect/f-28.3-networks.json"), read("fixtures/docker/inspect/f-28.3-containers.json"));

const WEB_DNAT = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n";
const DB_DNAT = "-A DOCKER -d 127.0.0.1/32 ! -i br-5e0f6a2c9d31 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.18.0.3:5432\n";
/** nat's `:DOCKER - [0:0]` in docker27-host.rules. */
const NAT_DOCKER_LINE = 8;

const portMessage = (who: string, what: string, port: string) =>
  `docker inspect says ${who} publishes ${what} to its port ${port}, but nat DOCKER has no DNAT for it: the rules were flushed or restored from an older save after the container started, so the port does not reach the container (or this dump is older than the inspect output)`;

/** shop_default's rules, all of them, out of the Docker 27 host. */
function withoutShopNetwork(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.includes("br-5e0f6a2c9d31") && !l.includes("172.18.0."))
    .join("\n");
}

/** The Docker 27 host with nat's DOCKER chain and the jumps to it flushed. */
function withoutNatDocker(text: string): string {
  const [nat, filter] = text.split("*filter\n") as [string, string];
  return `${nat.split("\n").filter((l) => !/^:DOCKER |^-A DOCKER |-j DOCKER$/.test(l)).join("\n")}*filter\n${filter}`;
}

testLintRule(rule, {
  valid: [
    { name: "every published port and network of the Docker 27 host has its rules", dump: D27, options: { dockerNames: D27_NAMES } },
    { name: "nothing to compare without inspect output", dump: D27.replace(WEB_DNAT, "") },
    { name: "the Docker 28 host: the routed-less app network and the internal keys network are all there", dump: F28, options: { dockerNames: F28_NAMES } },
    { name: "no DNAT is expected when nat has no DOCKER chain (docker-chains-missing says so)", dump: withoutNatDocker(D27), options: { dockerNames: D27_NAMES } },
    { name: "an IPv6 dump: IPv4 bindings and IPv4-only networks are not judged", dump: read("fixtures/docker/eras/f-28.5-clean.save6"), options: { dockerNames: F28_NAMES } },
  ],
  invalid: [
    {
      name: "a published port whose DNAT is gone",
      dump: D27.replace(WEB_DNAT, ""),
      options: { dockerNames: D27_NAMES },
      findings: [{ line: NAT_DOCKER_LINE, column: 2, endColumn: 8, message: portMessage("web (nginx:1.27)", "tcp 0.0.0.0:8080", "80") }],
    },
    {
      name: "a loopback-published port whose DNAT is gone",
      dump: D27.replace(DB_DNAT, ""),
      options: { dockerNames: D27_NAMES },
      findings: [{ line: NAT_DOCKER_LINE, column: 2, endColumn: 8, message: portMessage("shop-db-1 (postgres:16.6)", "tcp 127.0.0.1:5432", "5432") }],
    },
    {
      name: "a bridge network no rule names",
      dump: withoutShopNetwork(D27),
      options: { dockerNames: namesOf(D27_JSON.replace(/"5432\/tcp": \[[^\]]*\]/g, '"5432/tcp": null')) },
      findings: [
        {
          line: withoutShopNetwork(D27).split("\n").indexOf("*filter") + 1,
          column: 2,
          endColumn: 8,
          message:
            "docker network inspect lists network shop_default (bridge br-5e0f6a2c9d31, 172.18.0.0/16), but no rule names br-5e0f6a2c9d31: its isolation, masquerading and forwarding rules are missing, flushed or restored from an older save after the network was created (or this dump is older than the inspect output)",
        },
      ],
    },
  ],
});

describe("docker-inspect-not-in-rules", () => {
  it("names the container (or network) in the finding's docker field", () => {
    const f = lintText(D27.replace(WEB_DNAT, ""), { dockerNames: D27_NAMES }).findings.find((x) => x.code === "IPT221");
    expect(f?.docker).toEqual([{ container: "web", image: "nginx:1.27" }]);
  });

  it("skips ports of an internal or routed network and IPv6 loopback bindings", () => {
    const shopInternal = namesOf(D27_JSON.replace(/("Name": "shop_default",[\s\S]*?"Internal": )false/, "$1true"));
    expect(shopInternal.inspect.networks.find((n) => n.name === "shop_default")?.internal).toBe(true);
    expect(lintText(D27.replace(DB_DNAT, ""), { dockerNames: shopInternal }).findings.filter((x) => x.code === "IPT221")).toEqual([]);
    const routed = namesOf(D27_JSON.replace('"com.docker.network.bridge.name": "docker0",', '"com.docker.network.bridge.name": "docker0", "com.docker.network.bridge.gateway_mode_ipv4": "routed",'));
    expect(lintText(D27.replace(WEB_DNAT, ""), { dockerNames: routed }).findings.filter((x) => x.code === "IPT221")).toEqual([]);
    const v6loopback = namesOf(D27_JSON.replaceAll('"HostIp": "127.0.0.1"', '"HostIp": "::1"'));
    expect(lintText(D27.replace(DB_DNAT, ""), { dockerNames: v6loopback }).findings.filter((x) => x.code === "IPT221")).toEqual([]);
  });
});
