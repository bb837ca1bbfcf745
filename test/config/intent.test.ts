import { describe, expect, it } from "vitest";
import { intentAllows, type Exposure } from "../../src/config/intent.js";
import { parseConfig } from "../../src/config/parse.js";

const { config } = parseConfig(
  `intent:
  public:
    - { port: 443 }
    - { port: 8000-8010, protocol: udp }
    - { port: 5432, from: [10.8.0.0/16, "2001:db8:8::/48"] }
    - { port: 9200, host: 192.0.2.10, from: [192.0.2.0/24] }
`,
  "/r/.iptlintrc.yaml",
);

describe("intentAllows", () => {
  it.each<[string, Exposure, boolean]>([
    ["a declared port from anywhere", { port: 443, protocol: "tcp", source: "0.0.0.0/0" }, true],
    ["the same port over IPv6 (no `from`: any source of either family)", { port: 443, protocol: "tcp", source: "::/0" }, true],
    ["the right port with the wrong protocol", { port: 443, protocol: "udp", source: "0.0.0.0/0" }, false],
    ["an undeclared port", { port: 22, protocol: "tcp", source: "0.0.0.0/0" }, false],
    ["a port inside a declared range", { port: 8005, protocol: "UDP", source: "0.0.0.0/0" }, true],
    ["a range inside a declared range", { port: { from: 8000, to: 8010 }, protocol: "udp", source: "0.0.0.0/0" }, true],
    ["a range reaching past a declared range", { port: { from: 8005, to: 8011 }, protocol: "udp", source: "0.0.0.0/0" }, false],
    ["a restricted port reachable from inside its network", { port: 5432, protocol: "tcp", source: "10.8.3.0/24" }, true],
    ["a restricted port reachable from one allowed host", { port: 5432, protocol: "tcp", source: "10.8.0.9" }, true],
    ["a restricted port reachable over IPv6 from its allowed network", { port: 5432, protocol: "tcp", source: "2001:db8:8:1::/64" }, true],
    ["a restricted port reachable from anywhere", { port: 5432, protocol: "tcp", source: "0.0.0.0/0" }, false],
    ["a restricted port reachable from a wider network", { port: 5432, protocol: "tcp", source: "10.0.0.0/8" }, false],
    ["a restricted port reachable from a wider network that starts at the same address", { port: 5432, protocol: "tcp", source: "10.8.0.0/13" }, false],
    ["a host-bound port on its host", { port: 9200, protocol: "tcp", source: "192.0.2.0/25", host: "192.0.2.10" }, true],
    ["a host-bound port published on every address", { port: 9200, protocol: "tcp", source: "192.0.2.0/25" }, false],
    ["a host-bound port on another address", { port: 9200, protocol: "tcp", source: "192.0.2.0/25", host: "192.0.2.11" }, false],
    ["an exposure whose source is not a network", { port: 443, protocol: "tcp", source: "anywhere" }, false],
  ])("%s → %s", (_name, exposure, allowed) => {
    expect(intentAllows(config?.intent, exposure)).toBe(allowed);
  });

  it("allows nothing without a declared intent", () => {
    expect(intentAllows(undefined, { port: 443, protocol: "tcp", source: "0.0.0.0/0" })).toBe(false);
  });
});
