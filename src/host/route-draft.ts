/**
 * A route as read, before its family is settled. `ip route` does not print the family:
 * it shows in the addresses, and a route with none (`unreachable default`,
 * `default dev wg0`) takes the family of the routes printed around it, since ip prints a
 * family's routes together (IPv4 first in `ip route show table all`).
 */
import type { Family } from "../model/netfilter.js";
import { parseAddress, parsePrefix } from "./ip-values.js";
import type { Nexthop, Route, RouteType } from "./types.js";

export interface RouteDraft {
  type: RouteType;
  /** Undefined for `default`. */
  destination?: { readonly network: string; readonly length: number; readonly family: Family };
  dev?: string;
  via?: string;
  /** The gateway's family when ip wrote it (`via inet6 fe80::1` on an IPv4 route). */
  viaFamily?: Family;
  src?: string;
  table?: string;
  metric?: number;
  proto?: string;
  scope?: string;
  /** `pref medium`: ip prints a router preference for IPv6 routes only (RTA_PREF). */
  pref?: string;
  flags: string[];
  nexthops: Nexthop[];
  line: number;
}

export function newDraft(line: number): RouteDraft {
  return { type: "unicast", flags: [], nexthops: [], line };
}

/** Destination text: `default`, `ADDR/LEN` or a host address; undefined when neither. */
export function readDestination(text: string): RouteDraft["destination"] | "default" | undefined {
  if (text === "default") return "default";
  const prefix = parsePrefix(text);
  if (!prefix) return undefined;
  const [address] = prefix.text.split("/") as [string];
  return { network: address, length: prefix.length, family: prefix.family };
}

/** The family the route's own words tell, if any. */
function ownFamily(d: RouteDraft): Family | undefined {
  if (d.destination) return d.destination.family;
  if (d.via !== undefined) {
    const gateway = parseAddress(d.via)?.family;
    // An explicit `via inet6` is printed only when it differs from the route's family.
    if (d.viaFamily !== undefined) return d.viaFamily === "ipv6" ? "ipv4" : "ipv6";
    if (gateway) return gateway;
  }
  if (d.src !== undefined) return parseAddress(d.src)?.family;
  for (const hop of d.nexthops) if (hop.via !== undefined) return parseAddress(hop.via)?.family;
  if (d.pref !== undefined) return "ipv6";
  return undefined;
}

/** Local-table types: ip leaves `table local` out under `ip route show table local`. */
const LOCAL_TABLE_TYPES: ReadonlySet<RouteType> = new Set(["local", "broadcast", "anycast"]);

function finish(d: RouteDraft, family: Family): Route {
  const destination = d.destination ? `${d.destination.network}/${d.destination.length}` : "default";
  return {
    family,
    type: d.type,
    destination,
    prefixLength: d.destination?.length ?? 0,
    ...(d.dev !== undefined ? { dev: d.dev } : {}),
    ...(d.via !== undefined ? { via: d.via } : {}),
    ...(d.src !== undefined ? { src: d.src } : {}),
    table: d.table ?? (LOCAL_TABLE_TYPES.has(d.type) ? "local" : "main"),
    ...(d.metric !== undefined ? { metric: d.metric } : {}),
    ...(d.proto !== undefined ? { proto: d.proto } : {}),
    ...(d.scope !== undefined ? { scope: d.scope } : {}),
    flags: d.flags,
    ...(d.nexthops.length > 0 ? { nexthops: d.nexthops } : {}),
    line: d.line,
  };
}

/** Settles every draft's family (its own, else the nearest route's before it, else after it, else IPv4). */
export function finishRoutes(drafts: readonly RouteDraft[]): Route[] {
  const own = drafts.map(ownFamily);
  const firstKnown = own.find((f) => f !== undefined) ?? "ipv4";
  let previous: Family | undefined;
  return drafts.map((d, i) => {
    const family = own[i] ?? previous ?? firstKnown;
    previous = family;
    return finish(d, family);
  });
}
