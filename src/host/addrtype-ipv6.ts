/**
 * IPv6 addrtype answers, as the kernel computes them (net/netfilter/xt_addrtype.c
 * match_type6 and match_lookup_rt6):
 * - UNSPEC, MULTICAST and UNICAST are address classes (ipv6_addr_type): `::`, ff00::/8,
 *   and everything but `::`, multicast and IPv4-mapped ::ffff:0:0/96;
 * - LOCAL, ANYCAST and UNREACHABLE come from a route lookup: table local first, then main
 *   (the default policy rules). LOCAL: the route is a `local` one; with `--limit-iface-*`
 *   instead the address must be assigned to that device and past duplicate address
 *   detection (nf_ipv6_chk_addr, strict). ANYCAST: an `anycast` route, or the subnet-router
 *   address of a directly connected prefix shorter than /127 (ipv6_anycast_destination).
 *   UNREACHABLE: no route, or a reject route (blackhole, unreachable, prohibit; a `throw`
 *   falls through to the empty default table);
 * - BROADCAST, BLACKHOLE, PROHIBIT, THROW, NAT and XRESOLVE are refused for IPv6 when the
 *   rule is loaded (addrtype_mt_checkentry_v1), so no address has them.
 * When a table is known only in part, each lookup the data allows is tried and the answer
 * is "unknown" unless they agree.
 */
import type { AddressType } from "../engine/host.js";
import type { Tri } from "../engine/tri.js";
import { bestMatches, type FibEntry } from "./fib-entry.js";
import type { FamilyFib } from "./fib.js";
import { parseAddress } from "./ip-values.js";
import { isUsable } from "./kernel-routes.js";
import type { HostInterface, RouteType } from "./types.js";

const REJECT: ReadonlySet<RouteType> = new Set(["blackhole", "unreachable", "prohibit", "throw"]);

/** ::ffff:0:0/96 shifted right by 32: IPv4-mapped addresses are no IPv6 unicast (IPV6_ADDR_MAPPED). */
const MAPPED = 0xffffn;

/** A lookup's possible results: a route, no route, or a result the data cannot tell. */
type Outcome = { readonly kind: "route"; readonly entry: FibEntry } | { readonly kind: "none" } | { readonly kind: "unknown" };

/** Stands for a local route the partial table may be missing. */
const MAYBE_LOCAL: Outcome = { kind: "route", entry: { type: "local", prefix: { family: "ipv6", network: 0n, length: 128, text: "::/128" }, devs: [], gateway: false, metric: 0 } };

function outcomes(fib: FamilyFib, address: bigint): Outcome[] {
  const local = bestMatches(fib.local.entries, address)[0];
  if (local) return [{ kind: "route", entry: local }];
  const out: Outcome[] = fib.local.complete ? [] : [MAYBE_LOCAL];
  const main = bestMatches(fib.main.entries, address)[0];
  if (main && main.type !== "throw") out.push({ kind: "route", entry: main });
  else out.push(fib.main.complete ? { kind: "none" } : { kind: "unknown" });
  return out;
}

function agree(results: readonly Tri[]): Tri {
  return results.every((r) => r === results[0]) ? (results[0] ?? "unknown") : "unknown";
}

function overOutcomes(fib: FamilyFib, address: bigint, test: (o: Outcome & { kind: "route" | "none" }) => boolean): Tri {
  return agree(outcomes(fib, address).map((o) => (o.kind === "unknown" ? "unknown" : test(o))));
}

function isAnycast(entry: FibEntry, address: bigint): boolean {
  if (entry.type === "anycast") return true;
  return entry.type === "unicast" && !entry.gateway && entry.prefix.length < 127 && entry.prefix.network === address;
}

/** nf_ipv6_chk_addr(net, addr, dev, strict): the address is on that device and usable. */
function localOnDevice(fib: FamilyFib, interfaces: readonly HostInterface[], address: bigint, iface: string): Tri {
  const known = interfaces.some((i) => i.addresses.some((a) => a.family === "ipv6"));
  if (known) {
    const dev = interfaces.find((i) => i.name === iface);
    return dev?.addresses.some((a) => a.family === "ipv6" && isUsable(a) && parseAddress(a.address)?.value === address) ?? false;
  }
  const locals = bestMatches(fib.local.entries, address).filter((e) => e.type === "local");
  if (locals.some((e) => e.devs.includes(iface))) return true;
  // Kernels before 4.x put every local IPv6 route on `lo`: the device is not told there.
  if (locals.some((e) => e.devs.includes("lo")) && iface !== "lo") return "unknown";
  return fib.local.complete ? false : "unknown";
}

export function ipv6AddressType(fib: FamilyFib, interfaces: readonly HostInterface[], address: bigint, type: AddressType, iface?: string): Tri {
  const multicast = address >> 120n === 0xffn;
  switch (type) {
    case "UNSPEC":
      return address === 0n;
    case "MULTICAST":
      return multicast;
    case "UNICAST":
      return address !== 0n && !multicast && address >> 32n !== MAPPED;
    case "LOCAL":
      if (iface !== undefined) return localOnDevice(fib, interfaces, address, iface);
      return overOutcomes(fib, address, (o) => o.kind === "route" && o.entry.type === "local");
    case "ANYCAST":
      return overOutcomes(fib, address, (o) => o.kind === "route" && isAnycast(o.entry, address));
    case "UNREACHABLE":
      return overOutcomes(fib, address, (o) => o.kind === "none" || REJECT.has(o.entry.type));
    default:
      return false;
  }
}
