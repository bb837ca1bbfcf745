/**
 * masquerade-missing's quiet case (issue 4): a bridge subnet left without MASQUERADE still
 * works when the network routes the subnet back to this host, and `--routes FILE` can show
 * that route. The file is either the upstream router's table (`172.17.0.0/16 via
 * 192.168.1.20`) or this host's own.
 *
 * A route counts when it is a unicast route with a gateway (`via`, or multipath `nexthop
 * via`), in any table but local, other than a default route, that holds the whole subnet,
 * and that does not leave through the bridge itself:
 * - on the router, that is the route back to this host; on this host, it sends the subnet
 *   to another router, which is then the one routing it (a routed container network);
 * - the host's own connected route does not count: every Docker host has `172.17.0.0/16
 *   dev docker0 proto kernel scope link`, made by the kernel from the bridge's address
 *   (fib_add_ifaddr). It says the subnet is on the bridge, nothing about the network
 *   beyond this host routing replies back. No gateway-less route counts, for the same
 *   reason: it only says where the subnet is attached;
 * - a gateway on the bridge itself (`via 172.17.0.5 dev docker0`, `options.bridge`) is a
 *   container, not the upstream network;
 * - a default route (prefix length 0) never counts: it sends everything, the subnet
 *   included, away, which is the upstream's way out, not a way back;
 * - blackhole, unreachable, prohibit and throw routes are the opposite of a way back, and
 *   local, broadcast, anycast and multicast routes belong to the host's own addresses.
 * Of several routes that count, the most specific is returned, unless a still more specific
 * route that does not count overlaps the subnet (`blackhole 172.18.0.0/16` under `172.16.0.0/12
 * via …`, or the router's own connected route for it): the longest prefix decides where those
 * addresses go, and it is not back to this host.
 */
import { parsePrefix, prefixOf, prefixWithin, type IpPrefix } from "./ip-values.js";
import type { Route } from "./types.js";

export interface RouteCoverOptions {
  /** The bridge the subnet is on: a gateway reached through it is a container, not the network. */
  readonly bridge?: string;
}

function destinationOf(route: Route): IpPrefix | undefined {
  return route.destination === "default" ? prefixOf(0n, 0, route.family) : parsePrefix(route.destination);
}

function hasGateway(route: Route): boolean {
  return route.via !== undefined || (route.nexthops ?? []).some((h) => h.via !== undefined);
}

function counts(route: Route, options: RouteCoverOptions): boolean {
  if (route.type !== "unicast" || route.table === "local" || route.prefixLength === 0 || !hasGateway(route)) return false;
  const devs = route.dev !== undefined ? [route.dev] : (route.nexthops ?? []).flatMap((h) => (h.dev !== undefined ? [h.dev] : []));
  return options.bridge === undefined || !devs.includes(options.bridge);
}

function overlaps(a: IpPrefix, b: IpPrefix): boolean {
  return prefixWithin(a, b) || prefixWithin(b, a);
}

/** The most specific route that routes the whole of `cidr` (text, `ADDR/LEN` or an address) back. */
export function routeCovers(routes: readonly Route[], cidr: string, options: RouteCoverOptions = {}): Route | undefined {
  const subnet = parsePrefix(cidr.trim());
  if (!subnet) return undefined;
  const candidates = routes.flatMap((route) => {
    const destination = route.family === subnet.family && route.table !== "local" ? destinationOf(route) : undefined;
    return destination ? [{ route, destination }] : [];
  });
  let best: Route | undefined;
  for (const { route, destination } of candidates) {
    if (!counts(route, options) || !prefixWithin(subnet, destination)) continue;
    if (!best || route.prefixLength > best.prefixLength) best = route;
  }
  if (!best) return undefined;
  const shadowed = candidates.some(({ route, destination }) => route.table === best.table && route.prefixLength > best.prefixLength && overlaps(destination, subnet) && !counts(route, options));
  return shadowed ? undefined : best;
}
