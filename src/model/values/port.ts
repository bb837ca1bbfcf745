/**
 * Ports as iptables 1.8.9 parses them. There are three parsers with different rules:
 * - xtables_parse_port (libxtables/xtables.c), used by tcp, sctp and multiport: a number
 *   0..65535 (base 0, "0x16" is 22) or a service name looked up for the rule's protocol;
 * - XTTYPE_PORTRC (xtoptions.c xtopt_parse_mport), used by udp, dccp and conntrack: decimal
 *   numbers truncated to 16 bits ("65536" is 0) or a service name of any protocol;
 * - multiport's own list parser (libxt_multiport.c parse_multi_ports_v1).
 */
import type { ValueCheck } from "../extensions/types.js";
import { parseUint, strtoul, UINT16_MAX, UINT64_MAX } from "./number.js";
import { bad, ok, type ValueResult } from "./result.js";
import { serviceToAnyPort, serviceToPort } from "./services.js";

/** Protocols whose service names the port parsers may look up. */
export const PORT_PROTOCOLS = ["tcp", "udp", "udplite", "sctp", "dccp"] as const;

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** XT_MULTI_PORTS: a multiport list holds at most 15 ports, a range taking two. */
export const XT_MULTI_PORTS = 15;

/**
 * xtables_parse_port(text, protocol): numeric first, then getservbyname(text, protocol).
 * With protocol undefined any protocol's service name is accepted (used where the
 * protocol is only known later; the extension's final check then looks again).
 */
export function parsePort(text: string, protocol: string | undefined): number | undefined {
  const n = parseUint(text, 0, UINT16_MAX);
  if (n !== undefined) return n;
  return protocol === undefined ? serviceToAnyPort(text) : serviceToPort(text, protocol);
}

function invalidPort(text: string): ValueResult<never> {
  return bad(`invalid port/service \`${text}' specified`);
}

/** One port for the given protocol (or any), as xtables_parse_port. */
export function portFor(protocol: string | undefined): ValueCheck {
  return (text) => {
    const port = parsePort(text, protocol);
    return port === undefined ? invalidPort(text) : ok(port);
  };
}

/** One port, number 0..65535 or a service name of any protocol. */
export const port: ValueCheck = portFor(undefined);

/**
 * `PORT`, `A:B`, `:B`, `A:` as parse_tcp_ports (libxt_tcp.c) and parse_sctp_ports
 * (libxt_sctp.c): split at the first ':', names looked up for `protocol`, min > max refused.
 */
export function portRangeFor(protocol: string): ValueCheck {
  return (text) => {
    const colon = text.indexOf(":");
    if (colon < 0) {
      const p = parsePort(text, protocol);
      return p === undefined ? invalidPort(text) : ok<PortRange>({ from: p, to: p });
    }
    const [lo, hi] = [text.slice(0, colon), text.slice(colon + 1)];
    const from = lo === "" ? 0 : parsePort(lo, protocol);
    if (from === undefined) return invalidPort(lo);
    const to = hi === "" ? UINT16_MAX : parsePort(hi, protocol);
    if (to === undefined) return invalidPort(hi);
    if (from > to) return bad("invalid portrange (min > max)");
    return ok<PortRange>({ from, to });
  };
}

/** The tcp match's `--sport`/`--dport` value. */
export const portRange: ValueCheck = portRangeFor("tcp");

/**
 * XTTYPE_PORTRC (xtopt_parse_mport): up to two ':'-separated parts; an empty part is 0
 * (first) or 65535 (second); a part is a decimal number stored in 16 bits (so "65536"
 * becomes 0, as the oracle shows) or any protocol's service name.
 */
export function x6PortRange(ext: string, option: string): ValueCheck {
  return (text) => {
    const parts = text.split(":");
    if (parts.length > 2) {
      return bad(`${ext}: Too many components for option "--${option}" (max: 2)`);
    }
    const values: number[] = [];
    for (const [i, part] of parts.entries()) {
      const v = part === "" ? (i === 0 ? 0 : UINT16_MAX) : x6Port(part);
      if (v === undefined) return bad(`Port "${part}" does not resolve to anything.`);
      values.push(v);
    }
    const from = values[0]!;
    return ok<PortRange>({ from, to: values[1] ?? from });
  };
}

/**
 * xtables_getportbyname asks glibc's getaddrinfo(NULL, text), which reads a number with
 * strtoul(…, 10) into an int: the value is cut to 32 bits, a negative int is no port at all
 * ("Port \"4294967295\" does not resolve to anything.", also "-1" and "2147483648"), and the
 * port is the low 16 bits ("65536" is 0, "4294967296" too). Checked with the oracle.
 */
function x6Port(text: string): number | undefined {
  const r = strtoul(text, 10);
  if (r.end > 0 && r.end === text.length) {
    const value = r.negative && !r.overflow ? (UINT64_MAX + 1n - r.value) % (UINT64_MAX + 1n) : r.value;
    const asInt = BigInt.asIntN(32, value);
    return asInt < 0n ? undefined : Number(asInt % 65536n);
  }
  return serviceToAnyPort(text);
}

/**
 * multiport's list (parse_multi_ports_v1): comma-separated ports and `A:B` ranges, a range
 * counting as two entries, at most XT_MULTI_PORTS entries, a range needing A < B.
 * `protocol` undefined: names of any protocol pass (the final check looks again with -p).
 */
export function portListFor(protocol: string | undefined): ValueCheck {
  return (text) => {
    const ports: number[] = [];
    const items = text.split(",");
    for (const item of items) {
      if (ports.length >= XT_MULTI_PORTS) return bad("too many ports specified");
      const colon = item.indexOf(":");
      if (colon >= 0 && ports.length === XT_MULTI_PORTS - 1) return bad("too many ports specified");
      const first = colon >= 0 ? item.slice(0, colon) : item;
      const lo = parsePort(first, protocol);
      if (lo === undefined) return invalidPort(first);
      ports.push(lo);
      if (colon < 0) continue;
      const second = item.slice(colon + 1);
      const hi = parsePort(second, protocol);
      if (hi === undefined) return invalidPort(second);
      if (lo >= hi) return bad("invalid portrange specified");
      ports.push(hi);
    }
    return ok(ports);
  };
}

/**
 * The ranges of a multiport list the parser already accepted (`22,80,8000:8010`), single
 * ports as one-port ranges; undefined when an item does not read.
 */
export function multiportRanges(text: string): PortRange[] | undefined {
  const ranges: PortRange[] = [];
  for (const item of text.split(",")) {
    const colon = item.indexOf(":");
    const from = parsePort(colon < 0 ? item : item.slice(0, colon), undefined);
    const to = colon < 0 ? from : parsePort(item.slice(colon + 1), undefined);
    if (from === undefined || to === undefined) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

/** The multiport `--sports`/`--dports`/`--ports` value (protocol checked at final check). */
export const portList: ValueCheck = portListFor(undefined);

/**
 * XTTYPE_PORT (xtopt_parse_port → xtables_getportbyname → getaddrinfo(NULL, name)): glibc
 * takes a service that strtoul base 10 reads whole as a number, kept in an int and
 * truncated to 16 bits; other words are service names of any protocol. oracle (TPROXY
 * --on-port): `65537` saves as 1, `""` as 0, `+5` as 5, `010` as 10; `-1`, `0x10`, `7 `,
 * 99999999999999999999 fail with 'Port "X" does not resolve to anything.'.
 */
export const serviceOrTruncatedPort: ValueCheck = (text) => {
  const n = strtoul(text, 10);
  if (n.end === text.length) {
    const asInt = n.overflow ? -1 : n.negative ? -Number(n.value & 0xffffffffn) | 0 : Number(n.value & 0xffffffffn) | 0;
    if (asInt >= 0) return ok(asInt & 0xffff);
  } else {
    const named = serviceToAnyPort(text);
    if (named !== undefined) return ok(named);
  }
  return bad(`Port "${text}" does not resolve to anything.`);
};
