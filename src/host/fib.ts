/**
 * The two routing tables the engine's questions need, for one family, from what the user
 * gave: table local (the host's own addresses and broadcast addresses) and table main.
 * A table listed in `--routes` is taken as it is and whole. Otherwise it is made from the
 * addresses in `--addr` the way the kernel makes it (kernel-routes.ts): table local is then
 * whole too (nothing but addresses puts routes there on a normal host), main is not (only
 * the directly connected prefixes: no default route). With neither, the `src` of main's
 * routes are still host addresses (the kernel refuses a preferred source that is not local,
 * fib_valid_prefsrc): a table local known in part.
 */
import type { Family } from "../model/netfilter.js";
import { entriesOf, type FibEntry } from "./fib-entry.js";
import { prefixOf } from "./ip-values.js";
import { kernelRoutes } from "./kernel-routes.js";
import type { HostInterface, Route } from "./types.js";

export interface Table {
  readonly entries: readonly FibEntry[];
  /** Whether a route missing from `entries` is missing from the host too. */
  readonly complete: boolean;
}

export interface FamilyFib {
  readonly family: Family;
  readonly local: Table;
  readonly main: Table;
}

export interface HostInputs {
  readonly interfaces?: readonly HostInterface[];
  readonly routes?: readonly Route[];
}

function sourcesAsLocal(main: readonly FibEntry[], family: Family): FibEntry[] {
  const width = family === "ipv4" ? 32 : 128;
  return main.flatMap((e) => (e.src === undefined ? [] : [{ type: "local" as const, prefix: prefixOf(e.src, width, family), devs: e.devs.slice(0, 1), gateway: false, metric: 0, src: e.src }]));
}

export function familyFib(input: HostInputs, family: Family): FamilyFib {
  const routes = input.routes ?? [];
  const interfaces = input.interfaces ?? [];
  const givenLocal = entriesOf(routes, family, "local");
  const givenMain = entriesOf(routes, family, "main");
  const hasAddresses = interfaces.some((i) => i.addresses.some((a) => a.family === family));
  const kernel = kernelRoutes(interfaces, family);
  const local: Table =
    givenLocal.length > 0
      ? { entries: givenLocal, complete: true }
      : hasAddresses
        ? { entries: kernel.local, complete: true }
        : { entries: sourcesAsLocal(givenMain, family), complete: false };
  const main: Table = givenMain.length > 0 ? { entries: givenMain, complete: true } : { entries: kernel.main, complete: false };
  return { family, local, main };
}
