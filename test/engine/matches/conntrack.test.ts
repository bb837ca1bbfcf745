import { describe } from "vitest";
import { itDecides } from "../helpers.js";

const established = { conn: { state: "ESTABLISHED" } } as const;
const invalid = { conn: { state: "INVALID" } } as const;
const untracked = { conn: { state: "UNTRACKED" } } as const;
const dnatted = { conn: { state: "NEW", dnat: true, origDst: "203.0.113.5", replySrc: "172.17.0.2" } } as const;
const reply = { conn: { state: "ESTABLISHED", direction: "REPLY" } } as const;

describe("conntrack --ctstate (SNAT/DNAT are status bits of the entry)", () => {
  itDecides([
    ["-m conntrack --ctstate NEW", {}, true],
    ["-m conntrack --ctstate RELATED,ESTABLISHED", {}, false],
    ["-m conntrack --ctstate RELATED,ESTABLISHED", established, true],
    ["-m conntrack ! --ctstate RELATED,ESTABLISHED", {}, true],
    ["-m conntrack ! --ctstate NEW", {}, false],
    ["-m conntrack --ctstate INVALID", invalid, true],
    ["-m conntrack --ctstate UNTRACKED", untracked, true],
    ["-m conntrack --ctstate INVALID", untracked, false],
    ["-m conntrack --ctstate DNAT", dnatted, true],
    ["-m conntrack --ctstate DNAT", {}, false],
    ["-m conntrack ! --ctstate DNAT", dnatted, false],
    ["-m conntrack --ctstate SNAT", { conn: { snat: true } }, true],
    ["-m conntrack --ctstate DNAT", { conn: { state: "INVALID", dnat: true } }, false], // no entry, no NAT bits
    ["-m conntrack --ctstate new", {}, true], // case-insensitive prefixes
  ]);
});

describe("conntrack without an entry (INVALID, UNTRACKED): `return match_flags & STATE`", () => {
  itDecides([
    ["-m conntrack --ctproto tcp", invalid, false],
    ["-m conntrack ! --ctproto tcp", invalid, false],
    ["-m conntrack --ctdir REPLY", untracked, false],
    // the state matched, so the other options are never looked at
    ["-m conntrack --ctstate INVALID --ctproto udp", invalid, true],
    ["-m conntrack --ctstate INVALID --ctexpire 10:20", invalid, true],
    ["-m conntrack --ctstate NEW --ctexpire 10:20", invalid, false],
  ]);
});

describe("conntrack tuple options (each with its own !)", () => {
  itDecides([
    ["-m conntrack --ctproto tcp", {}, true],
    ["-m conntrack --ctproto 6", {}, true],
    ["-m conntrack --ctproto udp", {}, false],
    ["-m conntrack ! --ctproto udp", {}, true],
    // an ICMP error RELATED to a connection carries that connection's entry
    ["-m conntrack --ctproto tcp", { proto: 1, conn: { state: "RELATED" } }, "unknown"],
    ["-m conntrack --ctorigsrc 192.0.2.0/24", {}, true],
    ["-m conntrack ! --ctorigsrc 192.0.2.0/24", {}, false],
    ["-m conntrack --ctorigdst 203.0.113.5", dnatted, true],
    ["-m conntrack --ctorigdst 198.51.100.20", dnatted, false],
    ["-m conntrack --ctstate DNAT --ctorigdst 203.0.113.5", dnatted, true],
    ["-m conntrack --ctreplsrc 172.17.0.0/16", dnatted, true],
    ["-m conntrack ! --ctreplsrc 172.17.0.0/16", dnatted, false],
    ["-m conntrack --ctrepldst 192.0.2.10", {}, true],
    ["-m conntrack --ctorigdstport 80", {}, true],
    ["-m conntrack --ctorigdstport 8000:8080", {}, false],
    ["-m conntrack ! --ctorigdstport 8000:8080", {}, true],
    ["-m conntrack --ctorigsrcport 1024:", {}, true],
    ["-m conntrack --ctreplsrcport 80", {}, true],
    ["-m conntrack --ctrepldstport 40000", {}, true],
    ["-m conntrack --ctorigdstport 80", { conn: { origDport: undefined } }, "unknown"],
  ]);
});

describe("conntrack --ctdir, --ctstatus, --ctexpire", () => {
  itDecides([
    ["-m conntrack --ctdir ORIGINAL", {}, true],
    ["-m conntrack --ctdir REPLY", {}, false],
    ["-m conntrack --ctdir REPLY", reply, true],
    ["-m conntrack --ctdir original", reply, false],
    ["-m conntrack --ctstatus SEEN_REPLY", {}, false], // NEW: no reply yet
    ["-m conntrack --ctstatus SEEN_REPLY", established, true],
    ["-m conntrack ! --ctstatus SEEN_REPLY", established, false],
    ["-m conntrack --ctstatus ASSURED", established, "unknown"],
    ["-m conntrack --ctstatus ASSURED,SEEN_REPLY", established, true],
    ["-m conntrack --ctstatus ASSURED,EXPECTED", {}, false],
    ["-m conntrack --ctstatus CONFIRMED", {}, "unknown"], // a retransmitted SYN is NEW and confirmed
    ["-m conntrack --ctstatus NONE", established, false], // an empty mask never matches
    ["-m conntrack ! --ctstatus NONE", established, true],
    ["-m conntrack --ctstatus EXPECTED", { conn: { state: "RELATED" } }, "unknown"],
    ["-m conntrack --ctexpire 10:20", established, "unknown"],
    ["-m conntrack --ctexpire 10:20 --ctproto udp", established, false],
  ]);
});

describe("state (xt_state.c)", () => {
  itDecides([
    ["-m state --state NEW", {}, true],
    ["-m state --state ESTABLISHED,RELATED", {}, false],
    ["-m state --state ESTABLISHED,RELATED", established, true],
    ["-m state ! --state NEW", {}, false],
    ["-m state ! --state NEW", invalid, true],
    ["-m state --state INVALID", invalid, true],
    ["-m state --state UNTRACKED", untracked, true],
    ["-m state --state est", established, true],
  ]);
});
