import { describe, expect, it } from "vitest";
import { itDecides, fakeHost, FILTER_FORWARD, FILTER_OUTPUT, decide } from "../helpers.js";
import type { Family } from "../../../src/model/netfilter.js";

// The host owns 198.51.100.20 (on eth0) and 127.0.0.1 (on lo); 198.51.100.255 is eth0's broadcast.
const host = (family: Family) =>
  fakeHost({
    family,
    types:
      family === "ipv4"
        ? { LOCAL: ["198.51.100.20", "127.0.0.1"], BROADCAST: ["198.51.100.255"], UNICAST: ["192.0.2.10"] }
        : { LOCAL: ["2001:db8:1::20"], UNICAST: ["2001:db8:1::20", "2001:db8::10"], MULTICAST: ["ff02::1"] },
    perInterface: { eth0: { LOCAL: ["198.51.100.20"] }, lo: { LOCAL: ["127.0.0.1"] } },
  });

describe("addrtype IPv4 (xt_addrtype.c match_type: one type per address, a list is OR)", () => {
  itDecides(
    [
      ["-m addrtype --dst-type LOCAL", {}, true],
      ["-m addrtype --dst-type LOCAL", { dst: "203.0.113.1" }, false],
      ["-m addrtype ! --dst-type LOCAL", {}, false],
      ["-m addrtype ! --dst-type LOCAL", { dst: "203.0.113.1" }, true],
      ["-m addrtype --dst-type BROADCAST,LOCAL", { dst: "198.51.100.255" }, true],
      ["-m addrtype ! --dst-type BROADCAST,MULTICAST", { dst: "198.51.100.255" }, false],
      ["-m addrtype --src-type UNICAST --dst-type LOCAL", {}, true],
      ["-m addrtype --src-type LOCAL --dst-type LOCAL", {}, false],
      ["-m addrtype ! --src-type LOCAL --dst-type LOCAL", {}, true], // each option has its own !
      ["-m addrtype --dst-type loc", {}, true], // prefixes, any case, as parse_type reads them
      ["-m addrtype --dst-type LOCAL --limit-iface-in", {}, true],
      ["-m addrtype --dst-type LOCAL --limit-iface-in", { dst: "127.0.0.1" }, false], // 127.0.0.1 is lo's, packet came in on eth0
      ["-m addrtype --dst-type LOCAL", { dst: "127.0.0.1" }, true],
    ],
    host,
  );
  itDecides([["-m addrtype --dst-type LOCAL", {}, "unknown"]], (family) => fakeHost({ family, unknown: true }));
  itDecides([["-m addrtype --dst-type LOCAL --limit-iface-out", { out: "eth0" }, true]], host, FILTER_FORWARD);
  itDecides([["-m addrtype --dst-type LOCAL --limit-iface-out", { in: undefined, out: "lo", dst: "198.51.100.20" }, false]], host, FILTER_OUTPUT);
});

describe("addrtype IPv6 (match_type6: classes AND, then LOCAL/ANYCAST/UNREACHABLE OR)", () => {
  const v6 = { family: "ipv6" } as const;
  itDecides(
    [
      ["-m addrtype --dst-type LOCAL", v6, true],
      ["-m addrtype --dst-type UNICAST", v6, true],
      ["-m addrtype --dst-type UNICAST,LOCAL", v6, true],
      ["-m addrtype --dst-type MULTICAST,UNICAST", v6, false], // both classes are required
      ["-m addrtype --dst-type UNICAST,ANYCAST", v6, false], // unicast, but neither local nor anycast
      ["-m addrtype --dst-type LOCAL,ANYCAST", v6, true],
      ["-m addrtype ! --dst-type MULTICAST", v6, true],
      ["-m addrtype --dst-type MULTICAST", { ...v6, dst: "ff02::1" }, true],
      ["-m addrtype --src-type LOCAL", v6, false],
    ],
    host,
  );
});

describe("addrtype undecidable parts", () => {
  it("stays unknown when a listed type is unknown and no other type holds", () => {
    const partly = fakeHost();
    const facts = { ...partly, addressType: (_a: bigint, t: string) => (t === "LOCAL" ? ("unknown" as const) : false) };
    expect(decide("-m addrtype --dst-type LOCAL,BROADCAST", {}, facts)).toBe("unknown");
    expect(decide("-m addrtype ! --dst-type LOCAL,BROADCAST", {}, facts)).toBe("unknown");
  });
});
