/**
 * IPv4 addrtype answers, as the kernel computes them (net/ipv4/fib_frontend.c
 * __inet_dev_addr_type, called by xt_addrtype's match_type):
 * - 0.0.0.0/8 and 255.255.255.255 are BROADCAST, 224.0.0.0/4 MULTICAST, before any lookup;
 * - otherwise the address is looked up in table local only (RT_TABLE_LOCAL). A match gives
 *   its route type, unless `--limit-iface-*` names a device other than the route's first
 *   path's device; no match gives UNICAST;
 * - a blackhole, unreachable, prohibit, throw or nat route makes the lookup fail
 *   (fib_props[type].error), which also leaves UNICAST. So BLACKHOLE, UNREACHABLE, PROHIBIT,
 *   THROW, NAT and XRESOLVE never match an IPv4 address, whatever the routes: a
 *   `blackhole 10.66.0.0/16` route in main leaves 10.66.0.1 UNICAST (checked with
 *   iproute2 6.1 and iptables 1.8.9 in a network namespace).
 * The host's main table is merged into table local while no policy rule exists
 * (fib_trie's table aliasing), so a main route more specific than a local one could win
 * the lookup there; that needs a route like `127.1.0.0/16 via …`, and is left out.
 */
import type { AddressType } from "../engine/host.js";
import type { Tri } from "../engine/tri.js";
import { bestMatches } from "./fib-entry.js";
import type { FamilyFib } from "./fib.js";
import type { RouteType } from "./types.js";

/** Route types whose lookup fails (fib_props[].error < 0): the address stays UNICAST. */
const FAILING: ReadonlySet<RouteType> = new Set(["blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"]);

/** The types a lookup can give; any other is false for every IPv4 address. */
const LOOKUP_TYPES: ReadonlySet<AddressType> = new Set(["UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST"]);

/**
 * What a table local known only in part may hide for an address it has no match for: the
 * routes the kernel makes from addresses (local, broadcast), else none (UNICAST). Anycast
 * and multicast routes in table local only come from an administrator (a table made from
 * addresses leaves them out too).
 */
const HIDDEN_TYPES: ReadonlySet<AddressType> = new Set(["UNICAST", "LOCAL", "BROADCAST"]);

function classType(address: bigint): AddressType | undefined {
  if (address >> 24n === 0n || address === 0xffffffffn) return "BROADCAST";
  if (address >> 28n === 0xen) return "MULTICAST";
  return undefined;
}

/** The address's one type, or undefined when table local is known only in part and has no match. */
function addressTypeOf(fib: FamilyFib, address: bigint, iface: string | undefined): AddressType | undefined {
  const byClass = classType(address);
  if (byClass) return byClass;
  const hit = bestMatches(fib.local.entries, address)[0];
  if (hit) {
    if (FAILING.has(hit.type)) return "UNICAST";
    if (iface !== undefined && hit.devs[0] !== iface) return "UNICAST";
    return hit.type.toUpperCase() as AddressType;
  }
  return fib.local.complete ? "UNICAST" : undefined;
}

export function ipv4AddressType(fib: FamilyFib, address: bigint, type: AddressType, iface?: string): Tri {
  if (!LOOKUP_TYPES.has(type)) return false;
  const actual = addressTypeOf(fib, address, iface);
  if (actual === undefined) return HIDDEN_TYPES.has(type) ? "unknown" : false;
  return actual === type;
}
