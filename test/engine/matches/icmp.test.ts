import { describe } from "vitest";
import { itDecides } from "../helpers.js";

const echoRequest = { proto: 1, icmpType: 8, icmpCode: 0, sport: undefined, dport: undefined } as const;
const portUnreachable = { proto: 1, icmpType: 3, icmpCode: 3, sport: undefined, dport: undefined } as const;

describe("icmp (xt_tcpudp.c icmp_match)", () => {
  itDecides([
    ["-p icmp --icmp-type echo-request", echoRequest, true],
    ["-p icmp --icmp-type 8", echoRequest, true],
    ["-p icmp --icmp-type 8/0", echoRequest, true],
    ["-p icmp --icmp-type 8/1", echoRequest, false],
    ["-p icmp --icmp-type echo-reply", echoRequest, false],
    ["-p icmp ! --icmp-type echo-request", echoRequest, false],
    ["-p icmp ! --icmp-type echo-reply", echoRequest, true],
    ["-p icmp --icmp-type destination-unreachable", portUnreachable, true],
    ["-p icmp --icmp-type port-unreachable", portUnreachable, true],
    ["-p icmp --icmp-type host-unreachable", portUnreachable, false],
    ["-p icmp --icmp-type any", echoRequest, true],
    ["-p icmp ! --icmp-type any", echoRequest, false], // type 0xFF matches everything, so ! nothing
    ["-p icmp --icmp-type any", { ...echoRequest, icmpType: undefined }, true],
    ["-p icmp --icmp-type echo-request", { ...echoRequest, icmpType: undefined }, "unknown"],
    ["-p icmp --icmp-type port-unreachable", { ...portUnreachable, icmpCode: undefined }, "unknown"],
    ["-p icmp --icmp-type destination-unreachable", { ...portUnreachable, icmpCode: undefined }, true],
    ["-p icmp ! --icmp-type echo-reply", { ...echoRequest, fragment: true }, false], // fragments: false before !
  ]);
});

describe("icmp6 (ip6_tables.c icmp6_match)", () => {
  const v6 = { family: "ipv6", proto: 58, sport: undefined, dport: undefined } as const;
  itDecides([
    ["-p ipv6-icmp --icmpv6-type echo-request", { ...v6, icmpType: 128, icmpCode: 0 }, true],
    ["-p icmpv6 --icmpv6-type 128", { ...v6, icmpType: 128, icmpCode: 0 }, true],
    ["-p icmpv6 --icmpv6-type neighbour-solicitation", { ...v6, icmpType: 135, icmpCode: 0 }, true],
    ["-p icmpv6 ! --icmpv6-type neighbour-solicitation", { ...v6, icmpType: 135, icmpCode: 0 }, false],
    ["-p icmpv6 --icmpv6-type 255", { ...v6, icmpType: 128, icmpCode: 0 }, false], // no "any" shortcut in IPv6
    ["-p icmpv6 --icmpv6-type port-unreachable", { ...v6, icmpType: 1, icmpCode: 4 }, true],
    ["-p icmpv6 -m icmp6 --icmpv6-type 1/3", { ...v6, icmpType: 1, icmpCode: 4 }, false],
    ["-p icmpv6 -m icmpv6 --icmpv6-type 1/4", { ...v6, icmpType: 1, icmpCode: 4 }, true], // alias of icmp6
  ]);
});
