/**
 * The routes the kernel makes from the host's addresses, for when `--addr` is given
 * without a routing table that lists them:
 * - IPv4, net/ipv4/fib_frontend.c fib_add_ifaddr: `local ADDR/32` in table local; on an up
 *   device also `broadcast BRD` for an explicit broadcast address (not 255.255.255.255), and
 *   for a primary address (not `secondary`) with a real prefix the prefix route in main
 *   (`PREFIX dev D proto kernel scope link src ADDR`; on loopback it is `local PREFIX` in
 *   table local, which is why all of 127.0.0.0/8 is local) unless `noprefixroute`, and for
 *   prefixes shorter than /31 `broadcast` of the prefix's last address.
 * - IPv6, net/ipv6/addrconf.c: `local ADDR/128` in table local once duplicate address
 *   detection is over (a `tentative` or `dadfailed` address has none), and the prefix route
 *   `PREFIX dev D proto kernel metric 256` in main unless `noprefixroute`.
 * A device whose flags ip printed without UP keeps only the `local` routes: the others are
 * added when it comes up (checked with iproute2 6.1 on a bridge never brought up and one
 * taken down). The `-br` and `-o` forms print no flags: taken as up.
 */
import type { Family } from "../model/netfilter.js";
import { ADDRESS_BITS } from "../model/ip/addresses.js";
import { parseAddress, parsePrefix, prefixLast, prefixOf, type IpPrefix } from "./ip-values.js";
import type { FibEntry } from "./fib-entry.js";
import type { HostAddress, HostInterface, RouteType } from "./types.js";

export interface KernelRoutes {
  readonly local: FibEntry[];
  readonly main: FibEntry[];
}

function entry(type: RouteType, prefix: IpPrefix, dev: string, src?: bigint, metric = 0): FibEntry {
  return { type, prefix, devs: [dev], gateway: false, metric, ...(src !== undefined ? { src } : {}) };
}

export function isDeviceUp(iface: HostInterface): boolean {
  return iface.flags.length === 0 || iface.flags.includes("UP");
}

export function isLoopback(iface: HostInterface): boolean {
  return iface.flags.length > 0 ? iface.flags.includes("LOOPBACK") : iface.name === "lo";
}

/** Usable as a local address: IPv6 addresses under duplicate address detection are not yet. */
export function isUsable(a: HostAddress): boolean {
  const flags = a.flags ?? [];
  return !flags.includes("tentative") && !flags.includes("dadfailed");
}

function addIPv4(out: KernelRoutes, iface: HostInterface, a: HostAddress): void {
  const value = parseAddress(a.address)!.value;
  const flags = a.flags ?? [];
  out.local.push(entry("local", prefixOf(value, 32, "ipv4"), iface.name, value));
  if (!isDeviceUp(iface)) return;
  const brd = a.broadcast === undefined ? undefined : parseAddress(a.broadcast)?.value;
  if (brd !== undefined && brd !== 0xffffffffn) out.local.push(entry("broadcast", prefixOf(brd, 32, "ipv4"), iface.name, value));
  if (flags.includes("secondary")) return;
  const prefix = a.peer !== undefined ? parsePrefix(a.peer) : prefixOf(value, a.prefixLength, "ipv4");
  if (!prefix || prefix.network >> 24n === 0n || (prefix.network === value && prefix.length === 32)) return;
  if (!flags.includes("noprefixroute")) {
    if (isLoopback(iface)) out.local.push(entry("local", prefix, iface.name, value));
    else out.main.push(entry("unicast", prefix, iface.name, value));
  }
  if (prefix.length < 31) out.local.push(entry("broadcast", prefixOf(prefixLast(prefix), 32, "ipv4"), iface.name, value));
}

function addIPv6(out: KernelRoutes, iface: HostInterface, a: HostAddress): void {
  if (!isUsable(a)) return;
  const value = parseAddress(a.address)!.value;
  out.local.push(entry("local", prefixOf(value, 128, "ipv6"), iface.name));
  if (!isDeviceUp(iface)) return;
  const prefix = a.peer !== undefined ? parsePrefix(a.peer) : prefixOf(value, a.prefixLength, "ipv6");
  if (prefix && prefix.length < ADDRESS_BITS.ipv6 && !(a.flags ?? []).includes("noprefixroute")) out.main.push(entry("unicast", prefix, iface.name, undefined, 256));
}

export function kernelRoutes(interfaces: readonly HostInterface[], family: Family): KernelRoutes {
  const out: KernelRoutes = { local: [], main: [] };
  for (const iface of interfaces) {
    for (const a of iface.addresses) {
      if (a.family !== family) continue;
      if (family === "ipv4") addIPv4(out, iface, a);
      else addIPv6(out, iface, a);
    }
  }
  return out;
}
