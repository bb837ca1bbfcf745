import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import { dockerView } from "../../src/docker/view.js";
import { hostHints } from "../../src/docker/host-hints.js";
import { inferredHost } from "../../src/engine/inferred-host.js";
import { addr } from "./helpers.js";

const DUMP = `*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A POSTROUTING -s 172.18.0.0/16 ! -o br-0123456789ab -j MASQUERADE
-A DOCKER -i br-0123456789ab -j RETURN
COMMIT
`;

describe("inferredHost from the Docker view's hints", () => {
  const { ruleset, dump } = lintText(DUMP);
  const host = inferredHost(ruleset, hostHints(dockerView(ruleset, dump), "ipv4"), "eth0");

  it.each([
    ["172.18.0.1", "br-0123456789ab", true],
    ["172.18.0.1", "eth0", false],
    ["172.18.0.2", undefined, false],
    ["127.0.0.5", "lo", true],
  ] as const)("%s is LOCAL on %s: %s", (address, iface, expected) => {
    expect(host.addressType(addr(address), "LOCAL", iface)).toBe(expected);
  });

  it("routes the bridge subnet to the bridge and the rest to the external interface", () => {
    expect(host.routeDevice(addr("172.18.5.5"))).toBe("br-0123456789ab");
    expect(host.routeDevice(addr("8.8.8.8"))).toBe("eth0");
    expect(host.routeDevice(addr("172.18.0.1"))).toBeUndefined();
  });

  it("knows the subnet is in docker-ext-bridges-v4 and nothing else about any set", () => {
    expect(host.setContains?.("docker-ext-bridges-v4", addr("172.18.3.4"))).toBe(true);
    expect(host.setContains?.("docker-ext-bridges-v4", addr("10.9.9.9"))).toBe("unknown");
    expect(host.setContains?.("other", addr("172.18.3.4"))).toBe("unknown");
  });

  it("gives the external interface a documentation address", () => {
    expect(host.addressOn("eth0")).toBe(addr("203.0.113.10"));
    expect(host.addressOn("br-0123456789ab")).toBe(addr("172.18.0.1"));
  });
});
