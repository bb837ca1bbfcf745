/**
 * Addresses as iptables 1.8.9 reads `-s`/`-d` and the other host options
 * (libxtables/xtables.c: xtables_ipparse_multiple, xtables_ip6parse_multiple).
 * An IPv4 address is tried as __numeric_to_ipaddr (1-4 dotted parts, each strtoul base 0,
 * missing parts 0: "10" is 10.0.0.0), then through getaddrinfo, whose numeric form is
 * glibc's inet_aton ("1.65536" is 1.1.0.0, "4294967295" is 255.255.255.255). Anything else
 * is a host name; the kernel never sees names (iptables resolves them at load time), so we
 * accept names that DNS could resolve and mark them, and refuse text no resolver can answer
 * with iptables' own "host/network `X' not found".
 */
import type { Family } from "../netfilter.js";
import type { ValueCheck } from "../extensions/types.js";
import { parseUint, strtoul } from "./number.js";
import { bad, ok, type ValueResult } from "./result.js";

export type ParsedHost =
  | { readonly kind: "address"; readonly bytes: readonly number[] }
  | { readonly kind: "hostname"; readonly hostname: string };

export interface ParsedHostMask {
  readonly host: ParsedHost;
  /** Prefix length, or the mask's bytes when given dotted/colon form; undefined: full. */
  readonly mask?: number | readonly number[];
}

/**
 * __numeric_to_ipaddr: 1 to 4 dot-separated parts, each xtables_strtoui(p, 0, 255);
 * a mask (is_mask) needs all four.
 */
function numericToIPv4(text: string, isMask = false): number[] | undefined {
  const parts = text.split(".");
  if (parts.length > 4 || (isMask && parts.length !== 4)) return undefined;
  const bytes = [0, 0, 0, 0];
  for (const [i, part] of parts.entries()) {
    const v = parseUint(part, 0, 255);
    if (v === undefined) return undefined;
    bytes[i] = v;
  }
  return bytes;
}

/**
 * glibc inet_aton (as getaddrinfo's numeric path uses it, without trailing space): one to
 * four numbers in C notation, the last filling the remaining bytes ("10.1" is 10.0.0.1).
 * NETMAP masks, TPROXY --on-ip and connlimit masks read addresses this way too.
 */
export function inetAton(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]/.test(part)) return undefined;
    const r = strtoul(part, 0);
    if (r.end !== part.length || r.overflow || r.value > 0xffffffffn) return undefined;
    values.push(Number(r.value));
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  const lastBits = 8 * (4 - values.length);
  if (lastBits < 32 && last >= 2 ** lastBits) return undefined;
  const bytes = [...values];
  for (let shift = lastBits - 8; shift >= 0; shift -= 8) bytes.push(Math.floor(last / 2 ** shift) % 256);
  return bytes;
}

/** An IPv4 address as iptables accepts it numerically; 4 bytes or undefined. */
export function parseIPv4(text: string): number[] | undefined {
  return numericToIPv4(text) ?? inetAton(text);
}

function hexGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const groups = text.split(":");
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

/** inet_pton(AF_INET6): 16 bytes or undefined. Accepts a trailing dotted IPv4 part. */
export function parseIPv6(text: string): number[] | undefined {
  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return undefined;
  const quad = text.slice(lastColon + 1);
  let body = text;
  let tail: number[] = [];
  if (quad.includes(".")) {
    const bytes = inetPton4(quad);
    if (bytes === undefined) return undefined;
    tail = [bytes[0]! * 256 + bytes[1]!, bytes[2]! * 256 + bytes[3]!];
    // keep a "::" that ends right before the IPv4 part
    body = text.slice(0, text.endsWith("::" + quad) ? lastColon + 1 : lastColon);
  }
  const words = expandIPv6(body, 8 - tail.length);
  if (words === undefined) return undefined;
  return [...words, ...tail].flatMap((w) => [w >> 8, w & 0xff]);
}

/**
 * glibc inet_pton4: exactly four decimal parts 0..255 without leading zeros — stricter
 * than -s/-d; libxt_NAT.c parse_to uses it (oracle: `--to-destination 1.2.3` is refused).
 */
export function inetPton4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function expandIPv6(text: string, wordCount: number): number[] | undefined {
  if (wordCount === 8 && text === "") return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  if (halves.length === 1) {
    const all = hexGroups(text);
    return all !== undefined && all.length === wordCount ? all : undefined;
  }
  const head = hexGroups(halves[0]!);
  const rest = hexGroups(halves[1]!);
  if (head === undefined || rest === undefined) return undefined;
  const zeros = wordCount - head.length - rest.length;
  if (zeros < 1) return undefined;
  return [...head, ...new Array<number>(zeros).fill(0), ...rest];
}

/**
 * Could a resolver answer this name? Letters, digits, '-' and '_' in dot-separated labels
 * of 1..63 characters, at most 253 in all, an optional final dot, and a last label that is
 * not all digits (no top-level domain is numeric, so "1.2.3.4.5" or "10" in an ip6tables
 * rule can never resolve).
 */
export function isResolvableHostName(text: string): boolean {
  const name = text.endsWith(".") ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  if (!labels.every((l) => /^[A-Za-z0-9_-]{1,63}$/.test(l))) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

/** Leading white space is skipped by strtoul and by getaddrinfo alike (oracle: " ::1"). */
function trimLeadingSpace(text: string): string {
  return text.replace(/^[ \t\n\v\f\r]+/, "");
}

/** ipparse_hostnetwork / ip6parse_hostnetwork: the address part of one list item. */
export function parseHost(text: string, family: Family): ValueResult<ParsedHost> {
  const t = trimLeadingSpace(text);
  const bytes = family === "ipv4" ? parseIPv4(text) : parseIPv6(withoutScope(t));
  if (bytes !== undefined) return ok({ kind: "address", bytes });
  if (isResolvableHostName(t)) return ok({ kind: "hostname", hostname: t });
  return bad(`host/network \`${text}' not found`);
}

/** getaddrinfo accepts a `%scope` (interface) suffix on an IPv6 literal (oracle: fe80::1%lo). */
function withoutScope(text: string): string {
  const percent = text.indexOf("%");
  if (percent < 0) return text;
  return /^[A-Za-z0-9_.-]+$/.test(text.slice(percent + 1)) ? text.slice(0, percent) : text;
}

/**
 * parse_ipmask / parse_ip6mask: a dotted (IPv4) or colon (IPv6) mask, else a prefix length
 * via xtables_strtoui(mask, 0, 32|128): base 0, so "08" is refused and "0x8" is 8.
 */
export function parseMask(text: string, family: Family): ValueResult<number | readonly number[]> {
  const full = family === "ipv4" ? numericToIPv4(text, true) : parseIPv6(text);
  if (full !== undefined) return ok(full);
  const bits = parseUint(text, 0, family === "ipv4" ? 32 : 128);
  return bits === undefined ? bad(`invalid mask \`${text}' specified`) : ok(bits);
}

/** One `ADDR[/MASK]` item; the mask is split at the last '/' (strrchr). */
export function parseHostMask(text: string, family: Family): ValueResult<ParsedHostMask> {
  const slash = text.lastIndexOf("/");
  let mask: number | readonly number[] | undefined;
  if (slash >= 0) {
    const m = parseMask(text.slice(slash + 1), family);
    if (!m.ok) return m;
    mask = m.value;
  }
  const host = parseHost(slash >= 0 ? text.slice(0, slash) : text, family);
  if (!host.ok) return host;
  return ok(mask === undefined ? { host: host.value } : { host: host.value, mask });
}

/** `-s`/`-d`: a comma-separated list of ADDR[/MASK], family from the rule's table. */
export const hostOrNetworkList: ValueCheck = (text, ctx) => {
  const items: ParsedHostMask[] = [];
  for (const item of text.split(",")) {
    const r = parseHostMask(item, ctx.family);
    if (!r.ok) return r;
    items.push(r.value);
  }
  return ok(items);
};

/** One ADDR[/MASK], no list (XTTYPE_HOSTMASK: conntrack --ctorigsrc, policy --tunnel-src). */
export const singleAddress: ValueCheck = (text, ctx) => parseHostMask(text, ctx.family);

/** One host, no mask (XTTYPE_HOST: recent --mask, iprange ends). */
export const singleHost: ValueCheck = (text, ctx) => parseHost(text, ctx.family);

