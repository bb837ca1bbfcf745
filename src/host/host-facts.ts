/**
 * HostFacts (src/engine/host.ts) from `--addr` and `--routes`: the interfaces and routes
 * parsed by ip-addr.ts and ip-route.ts. Answers say "unknown" only where the files cannot
 * tell: LOCAL for an address when only main-table routes were given, say.
 */
import type { AddressType, HostFacts } from "../engine/host.js";
import type { Tri } from "../engine/tri.js";
import type { Family } from "../model/netfilter.js";
import { ipv4AddressType } from "./addrtype-ipv4.js";
import { ipv6AddressType } from "./addrtype-ipv6.js";
import { bestMatches, singleDevice, type FibEntry } from "./fib-entry.js";
import { familyFib, type FamilyFib, type HostInputs } from "./fib.js";
import { parseAddress } from "./ip-values.js";
import { isUsable } from "./kernel-routes.js";
import type { HostAddress, HostInterface, Route, RouteType } from "./types.js";

export type { HostInputs } from "./fib.js";

/** Types after which the packet goes nowhere: dropped, refused, or on to an empty table. */
const NO_DEVICE: ReadonlySet<RouteType> = new Set(["local", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"]);

/**
 * Where a packet to the address leaves: table local first (local delivery: no device; a
 * broadcast address leaves on its device), then main, as the default policy rules look
 * them up. Other tables need policy rules (`ip rule`) that the files do not hold. Ties
 * between devices (multipath over several devices, IPv6's per-device multicast routes)
 * leave it undecided.
 */
function routeDeviceIn(fib: FamilyFib, address: bigint): string | undefined {
  for (const table of [fib.local, fib.main]) {
    const best = bestMatches(table.entries, address);
    if (best.length === 0) continue;
    return NO_DEVICE.has(best[0]!.type) ? undefined : singleDevice(best);
  }
  return undefined;
}

/**
 * The address MASQUERADE would take on the device: IPv4's inet_select_addr picks the first
 * primary address of universe scope, IPv6 source selection prefers a global address that is
 * not deprecated; link-local and host-scope addresses only when there is nothing else.
 */
function preferredAddress(addresses: readonly HostAddress[]): HostAddress | undefined {
  const usable = addresses.filter((a) => isUsable(a) && !(a.flags ?? []).includes("secondary"));
  const global = usable.filter((a) => (a.scope === undefined || a.scope === "global") && !(a.flags ?? []).includes("deprecated") && !a.address.startsWith("fe80:"));
  return global[0] ?? usable[0] ?? addresses[0];
}

/** From routes alone: the `src` of a route out the device, else a local route on it. */
function addressFromRoutes(fib: FamilyFib, iface: string): bigint | undefined {
  const onDevice = (e: FibEntry): boolean => e.devs[0] === iface;
  const fromMain = fib.main.entries.find((e) => onDevice(e) && e.src !== undefined && !e.gateway);
  if (fromMain?.src !== undefined) return fromMain.src;
  const locals = fib.local.entries.filter((e) => onDevice(e) && e.type === "local" && e.prefix.length === (fib.family === "ipv4" ? 32 : 128));
  const notLinkLocal = locals.find((e) => fib.family === "ipv4" || e.prefix.network >> 118n !== 0x3fan);
  return (notLinkLocal ?? locals[0])?.prefix.network;
}

export function hostFactsFrom(input: HostInputs, family: Family): HostFacts {
  const fib = familyFib(input, family);
  const interfaces: readonly HostInterface[] = input.interfaces ?? [];
  return {
    family,
    addressType(address: bigint, type: AddressType, iface?: string): Tri {
      return family === "ipv4" ? ipv4AddressType(fib, address, type, iface) : ipv6AddressType(fib, interfaces, address, type, iface);
    },
    routeDevice(address: bigint): string | undefined {
      return routeDeviceIn(fib, address);
    },
    addressOn(iface: string): bigint | undefined {
      const dev = interfaces.find((i) => i.name === iface);
      const own = dev?.addresses.filter((a) => a.family === family) ?? [];
      const chosen = preferredAddress(own);
      if (chosen) return parseAddress(chosen.address)?.value;
      return dev ? undefined : addressFromRoutes(fib, iface);
    },
  };
}

/** The device of main's default route with the lowest metric: the host's way out, when the routes tell. */
export function defaultRouteDevice(routes: readonly Route[], family: Family): string | undefined {
  const defaults = routes.filter((r) => r.family === family && r.table === "main" && r.type === "unicast" && r.prefixLength === 0);
  const lowest = Math.min(...defaults.map((r) => r.metric ?? 0));
  const best = defaults.filter((r) => (r.metric ?? 0) === lowest);
  const devs = new Set(best.flatMap((r) => (r.dev !== undefined ? [r.dev] : (r.nexthops ?? []).flatMap((h) => (h.dev !== undefined ? [h.dev] : [])))));
  return devs.size === 1 ? [...devs][0] : undefined;
}
