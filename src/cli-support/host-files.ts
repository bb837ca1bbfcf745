/**
 * `--addr FILE` and `--routes FILE` (`ip addr` / `ip route` output, text or JSON) turned into
 * what the engine and the lint rules take: the host's facts for one family, its external
 * interface (the default route's device), and the container subnets the routes send back to
 * this host (masquerade-missing's quiet case, like --routed-subnet).
 */
import type { Dump } from "../ast/nodes.js";
import { dockerView } from "../docker/view.js";
import type { GivenHost } from "../engine/analysis.js";
import { defaultRouteDevice, hostFactsFrom } from "../host/host-facts.js";
import { routeCovers } from "../host/routes-cover.js";
import type { HostInterface, Route } from "../host/types.js";
import type { Family } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";

export interface HostFiles {
  readonly interfaces?: readonly HostInterface[];
  readonly routes?: readonly Route[];
}

export function hasHostFiles(files: HostFiles): boolean {
  return files.interfaces !== undefined || files.routes !== undefined;
}

export function givenHost(files: HostFiles, family: Family): GivenHost {
  const facts = hostFactsFrom({ ...(files.interfaces ? { interfaces: files.interfaces } : {}), ...(files.routes ? { routes: files.routes } : {}) }, family);
  const external = files.routes ? defaultRouteDevice(files.routes, family) : undefined;
  return { facts, ...(external !== undefined ? { externalInterface: external } : {}) };
}

/**
 * The bridges' subnets (or, where no rule names a subnet, their containers' addresses) that
 * a route in `routes` sends back to this host: routed upstream, so they need no masquerading.
 */
export function subnetsRoutedBack(ruleset: Ruleset, dump: Dump, routes: readonly Route[]): string[] {
  const out: string[] = [];
  for (const bridge of dockerView(ruleset, dump).bridges) {
    const known = bridge.subnets.length > 0 ? bridge.subnets.map((s) => s.cidr) : bridge.endpoints.map((e) => e.address);
    for (const cidr of known) if (routeCovers(routes, cidr, { bridge: bridge.name }) && !out.includes(cidr)) out.push(cidr);
  }
  return out;
}
