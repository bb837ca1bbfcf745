/**
 * `ip -j route`: an array of `{type?, dst, gateway?, via?: {family, host}, dev?, table?,
 * protocol?, scope?, prefsrc?, metric?, flags: [], pref?, nexthops?: [{gateway, dev,
 * weight, flags}]}` (iproute2 iproute.c print_route under PRINT_JSON; `type` is left out
 * for unicast, `table` for main).
 */
import type { Family } from "../model/netfilter.js";
import { parseAddress } from "./ip-values.js";
import { jsonElements, type JsonElement } from "./json-elements.js";
import { finishRoutes, newDraft, readDestination, type RouteDraft } from "./route-draft.js";
import { byPosition, ROUTE_TYPES, type HostInputProblem, type Nexthop, type ParsedRoutes, type RouteType } from "./types.js";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `gateway: "…"`, or `via: {family: "inet6", host: "…"}` for a gateway of the other family. */
function gatewayOf(o: Json): { via: string; family?: Family } | string | undefined {
  if (isObject(o.via)) {
    const a = parseAddress(str(o.via.host) ?? "");
    if (!a) return `via host \`${String(o.via.host)}' is not an address`;
    return { via: a.text, family: a.family };
  }
  if (o.gateway === undefined) return undefined;
  const a = parseAddress(str(o.gateway) ?? "");
  return a ? { via: a.text } : `gateway \`${String(o.gateway)}' is not an address`;
}

function readNexthops(list: unknown): Nexthop[] | string {
  const hops: Nexthop[] = [];
  for (const h of Array.isArray(list) ? list : []) {
    if (!isObject(h)) return "a nexthop that is not an object";
    const gw = gatewayOf(h);
    if (typeof gw === "string") return gw;
    hops.push({
      ...(gw ? { via: gw.via } : {}),
      ...(str(h.dev) !== undefined ? { dev: str(h.dev) } : {}),
      ...(typeof h.weight === "number" ? { weight: h.weight } : {}),
      flags: stringList(h.flags),
    });
  }
  return hops;
}

function fillDraft(d: RouteDraft, o: Json): string | undefined {
  const type = str(o.type) ?? "unicast";
  if (!(ROUTE_TYPES as readonly string[]).includes(type)) return `unknown route type \`${type}'`;
  d.type = type as RouteType;
  const destination = readDestination(str(o.dst) ?? "");
  if (!destination) return `dst \`${String(o.dst)}' is not a route destination`;
  if (destination !== "default") d.destination = destination;
  const gw = gatewayOf(o);
  if (typeof gw === "string") return gw;
  if (gw) {
    d.via = gw.via;
    if (isObject(o.via) && gw.family) d.viaFamily = gw.family;
  }
  if (o.prefsrc !== undefined) {
    const src = parseAddress(str(o.prefsrc) ?? "");
    if (!src) return `prefsrc \`${String(o.prefsrc)}' is not an address`;
    d.src = src.text;
  }
  const hops = readNexthops(o.nexthops);
  if (typeof hops === "string") return hops;
  d.nexthops = hops;
  for (const [key, member] of [["dev", "dev"], ["table", "table"], ["proto", "protocol"], ["scope", "scope"], ["pref", "pref"]] as const) {
    const value = str(o[member]);
    if (value !== undefined) d[key] = value;
  }
  if (typeof o.metric === "number") d.metric = o.metric;
  d.flags = stringList(o.flags);
  return undefined;
}

function readRoute(drafts: RouteDraft[], problems: HostInputProblem[], element: JsonElement): void {
  if (!isObject(element.value)) {
    problems.push({ line: element.line, message: "an array element that is not a route object" });
    return;
  }
  if (Object.keys(element.value).length === 0) return;
  const d = newDraft(element.line);
  const error = fillDraft(d, element.value);
  if (error) problems.push({ line: element.line, message: error });
  else drafts.push(d);
}

export function parseIpRouteJson(text: string): ParsedRoutes {
  const { elements, problems } = jsonElements(text);
  const drafts: RouteDraft[] = [];
  for (const element of elements) readRoute(drafts, problems, element);
  return { routes: finishRoutes(drafts), problems: byPosition(problems) };
}
