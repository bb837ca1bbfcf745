/**
 * Address helpers for matching container addresses to bridge subnets and NAT targets to
 * filter rules. Addresses come from iptables-save, so they are canonical already
 * (src/format/address.ts); parsing goes through the same value parsers the checks use.
 */
import { AddressSet } from "../model/ip/address-set.js";
import { isLoopbackAddress, parseAddressText } from "../model/ip/addresses.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { Family } from "../model/netfilter.js";
import type { PortRange } from "../model/values/port.js";
import type { Bridge } from "./types.js";

/** The family of an address as Docker prints it (inspect's HostIp, IPAddress, Subnet): IPv6 has colons. */
export function addressFamily(address: string): Family {
  return address.includes(":") ? "ipv6" : "ipv4";
}

/** `192.0.2.2/32` → `192.0.2.2`; a shorter prefix is kept (`10.0.0.0/8`). */
export function hostOf(cidr: string): string {
  return cidr.replace(/\/(32|128)$/, "");
}

/** The addresses of `cidr` (`ADDR[/LEN]`), none when it is not one. */
function cidrSet(cidr: string, family: Family): AddressSet {
  return parseCidrSet(cidr, family) ?? AddressSet.empty(family);
}

/** Whether `address` (no prefix, or a full-length one) lies in `cidr`. */
export function inSubnet(address: string, cidr: string, family: Family): boolean {
  const a = parseAddressText(hostOf(address), family);
  return a !== undefined && cidrSet(cidr, family).contains(a);
}

/** Whether every address of `inner` lies in `outer` (an unreadable `inner` does not). */
export function subnetWithin(inner: string, outer: string, family: Family): boolean {
  const set = parseCidrSet(inner, family);
  return set !== undefined && set.subtract(cidrSet(outer, family)).isEmpty();
}

/** Whether two CIDRs share an address. */
export function subnetsOverlap(a: string, b: string, family: Family): boolean {
  return !cidrSet(a, family).intersect(cidrSet(b, family)).isEmpty();
}

/**
 * DNAT `--to-destination`: `ADDR[:PORT[-PORT]]`, IPv6 `[ADDR]:PORT` or a bare `ADDR`
 * (libxt_DNAT.c parse_to / parse_to6). A range of addresses keeps its first one.
 */
export function parseNatTarget(text: string, family: Family): { address: string; port?: string } {
  if (family === "ipv6") {
    const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(text);
    if (bracket) return { address: firstOfRange(bracket[1] as string), ...(bracket[2] ? { port: bracket[2] } : {}) };
    return { address: firstOfRange(text) };
  }
  const colon = text.indexOf(":");
  if (colon < 0) return { address: firstOfRange(text) };
  return { address: firstOfRange(text.slice(0, colon)), port: text.slice(colon + 1) };
}

function firstOfRange(text: string): string {
  return text.split("-")[0] as string;
}

/** Port or range in one spelling (`8000-8010` as DNAT writes it, `8000:8010` as --dport does). */
export function portKey(port: string | undefined): string {
  return (port ?? "").replace("-", ":");
}

/** Low and high end of a port or range in any spelling ("80", "8000:8010", "8000-8010"); undefined when not numbers. */
export function portBounds(port: string): PortRange | undefined {
  const [from, to = from] = port.split(/[:-]/).map(Number) as [number, number?];
  return Number.isInteger(from) && Number.isInteger(to) ? { from, to: to as number } : undefined;
}

/** The "all addresses" host address of the family. */
export function anyAddress(family: Family): string {
  return family === "ipv4" ? "0.0.0.0" : "::";
}

export function isLoopback(address: string, family: Family): boolean {
  const a = parseAddressText(hostOf(address), family);
  return a !== undefined && isLoopbackAddress(a, family);
}

/**
 * `count` addresses of containers on the bridge, to send probe packets to: the endpoints
 * Docker's rules name when there are enough, else the subnet's hosts from the second on
 * (Docker's IPAM gives the gateway the first host address and containers the next ones);
 * undefined when the bridge shows neither.
 */
export function containerAddresses(bridge: Bridge, count: number): bigint[] | undefined {
  const known = bridge.endpoints.map((e) => parseAddressText(e.address.split("/")[0] as string, bridge.family)).filter((a): a is bigint => a !== undefined);
  if (known.length >= count) return known.slice(0, count);
  const subnet = bridge.subnets[0]?.cidr;
  const base = subnet === undefined ? undefined : parseCidrSet(subnet, bridge.family)?.ranges[0]?.[0];
  return base === undefined ? undefined : Array.from({ length: count }, (_, i) => base + 2n + BigInt(i));
}
