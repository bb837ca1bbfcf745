/**
 * Address helpers for matching container addresses to bridge subnets and NAT targets to
 * filter rules. Addresses come from iptables-save, so they are canonical already
 * (src/format/address.ts); parsing goes through the same value parsers the checks use.
 */
import type { Family } from "../model/netfilter.js";
import { parseIPv4, parseIPv6 } from "../model/values/address.js";

function bytesOf(address: string, family: Family): number[] | undefined {
  return family === "ipv4" ? parseIPv4(address) : parseIPv6(address);
}

/** `192.0.2.2/32` → `192.0.2.2`; a shorter prefix is kept (`10.0.0.0/8`). */
export function hostOf(cidr: string): string {
  return cidr.replace(/\/(32|128)$/, "");
}

/** Whether `address` (no prefix, or a full-length one) lies in `cidr`. */
export function inSubnet(address: string, cidr: string, family: Family): boolean {
  const [net, len] = cidr.split("/") as [string, string | undefined];
  const a = bytesOf(hostOf(address), family);
  const n = bytesOf(net, family);
  const bits = len === undefined ? (family === "ipv4" ? 32 : 128) : Number(len);
  if (!a || !n || !Number.isInteger(bits)) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((a[byte] as number) & mask) !== ((n[byte] as number) & mask)) return false;
  }
  return true;
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

/** The "all addresses" host address of the family. */
export function anyAddress(family: Family): string {
  return family === "ipv4" ? "0.0.0.0" : "::";
}

export function isLoopback(address: string, family: Family): boolean {
  return family === "ipv4" ? inSubnet(address, "127.0.0.0/8", family) : hostOf(address) === "::1";
}
