/**
 * A route as the lookups need it: its prefix as numbers, its type, the devices it leaves
 * on and whether it has a gateway. Built from parsed routes (route-entry below) and from
 * the routes the kernel derives from addresses (kernel-routes.ts).
 */
import type { Family } from "../model/netfilter.js";
import { parseAddress, parsePrefix, prefixContains, prefixOf, type IpPrefix } from "./ip-values.js";
import type { Route, RouteType } from "./types.js";

export interface FibEntry {
  readonly type: RouteType;
  readonly prefix: IpPrefix;
  /** `dev`, or the devices of a multipath route's paths, in order. */
  readonly devs: readonly string[];
  readonly gateway: boolean;
  /** 0 when not printed (IPv4's default priority). */
  readonly metric: number;
  /** The preferred source address, when known. */
  readonly src?: bigint;
}

export function routeEntry(route: Route): FibEntry | undefined {
  const prefix = route.destination === "default" ? prefixOf(0n, 0, route.family) : parsePrefix(route.destination);
  if (!prefix || prefix.family !== route.family) return undefined;
  const hops = route.nexthops ?? [];
  const devs = route.dev !== undefined ? [route.dev] : hops.flatMap((h) => (h.dev !== undefined ? [h.dev] : []));
  const src = route.src === undefined ? undefined : parseAddress(route.src);
  return {
    type: route.type,
    prefix,
    devs,
    gateway: route.via !== undefined || hops.some((h) => h.via !== undefined),
    metric: route.metric ?? 0,
    ...(src && src.family === route.family ? { src: src.value } : {}),
  };
}

/**
 * The kernel's choice in one table: the longest prefix holding the address, then the lowest
 * metric (fib6 and fib_trie order routes of one prefix by priority). Every entry tied on
 * both is returned: their devices differ (IPv6's `multicast ff00::/8` exists once per
 * device), so the caller can tell when the choice is not the table's to make.
 */
export function bestMatches(entries: readonly FibEntry[], address: bigint): FibEntry[] {
  let best: FibEntry[] = [];
  for (const e of entries) {
    if (!prefixContains(e.prefix, address)) continue;
    const top = best[0];
    if (!top || e.prefix.length > top.prefix.length || (e.prefix.length === top.prefix.length && e.metric < top.metric)) best = [e];
    else if (e.prefix.length === top.prefix.length && e.metric === top.metric) best.push(e);
  }
  return best;
}

/** The one device the tied entries leave on, or undefined when none or several. */
export function singleDevice(entries: readonly FibEntry[]): string | undefined {
  const devs = new Set(entries.flatMap((e) => e.devs));
  return devs.size === 1 ? [...devs][0] : undefined;
}

export function entriesOf(routes: readonly Route[], family: Family, table: string): FibEntry[] {
  return routes.filter((r) => r.family === family && r.table === table).flatMap((r) => routeEntry(r) ?? []);
}
