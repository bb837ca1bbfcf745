/**
 * Host facts when the user gives no `--addr`/`--routes`: inferred from the rules. The
 * host has loopback, the addresses the hints give it (src/docker/host-hints.ts: a gateway
 * address on each bridge, with the bridge's subnet routed to it, host routes to the
 * containers the rules name), and reaches everything else through one external interface,
 * whose address is an address no rule names (a documentation address, so that it cannot be
 * mistaken for a real one). Every answer is definite: what the dump does not say is taken
 * as "remote".
 */
import type { HostHints } from "../docker/host-hints.js";
import type { Family } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";
import { AddressSet } from "../model/ip/address-set.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { AddressType, HostFacts } from "./host.js";
import type { Tri } from "./tri.js";

interface Assigned {
  readonly iface: string;
  readonly network: AddressSet;
  readonly address: bigint;
}
const EXTERNAL_CANDIDATES: Readonly<Record<Family, readonly string[]>> = {
  ipv4: ["203.0.113.10", "198.51.100.10", "192.0.2.10", "100.64.0.10"],
  ipv6: ["2001:db8::10", "2001:db8:ffff::10", "3fff::10"],
};

export interface InferredHost extends HostFacts {
  readonly external: { readonly iface: string; readonly address: bigint };
  readonly inferred: true;
}

/** Every `-d` network any rule names: the external address must lie outside all of them. */
function namedDestinations(ruleset: Ruleset): AddressSet {
  // One normalisation at the end: a union per rule would be quadratic on kube-proxy dumps.
  const ranges: (readonly [bigint, bigint])[] = [];
  for (const table of ruleset.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const text = rule.command.rule.destination?.values[0]?.text;
        const named = text === undefined ? undefined : parseCidrSet(text, ruleset.family);
        if (named && !named.isAll()) ranges.push(...named.ranges);
      }
    }
  }
  return AddressSet.of(ruleset.family, ranges);
}

export function inferredHost(ruleset: Ruleset, hints: HostHints, externalInterface: string): InferredHost {
  const family = ruleset.family;
  const assigned: Assigned[] = hints.addresses.map((a) => ({ iface: a.iface, address: a.address, network: AddressSet.prefix(family, a.network.address, a.network.prefixLength) }));
  const knownMembers = new Map([...hints.setMembers].map(([name, prefixes]) => [name, AddressSet.of(family, prefixes.flatMap((p) => AddressSet.prefix(family, p.address, p.prefixLength).ranges))]));
  const taken = namedDestinations(ruleset);
  const externalText = EXTERNAL_CANDIDATES[family].find((c) => !taken.contains(parseAddressText(c, family) as bigint)) ?? EXTERNAL_CANDIDATES[family][0]!;
  const externalAddress = parseAddressText(externalText, family) as bigint;
  const loopback = family === "ipv4" ? AddressSet.prefix(family, 0x7f000000n, 8) : AddressSet.single(family, 1n);
  const localOn = (iface: string | undefined): AddressSet => {
    let set = AddressSet.empty(family);
    if (!iface || iface === "lo") set = set.union(loopback);
    if (!iface || iface === externalInterface) set = set.union(AddressSet.single(family, externalAddress));
    for (const a of assigned) if (!iface || iface === a.iface) set = set.union(AddressSet.single(family, a.address));
    return set;
  };
  const allLocal = localOn(undefined);
  const multicast = family === "ipv4" ? AddressSet.prefix(family, 0xe0000000n, 4) : AddressSet.prefix(family, 0xffn << 120n, 8);
  const broadcast = family === "ipv4" ? bridgeBroadcasts(assigned).union(AddressSet.single(family, 0xffffffffn)) : AddressSet.empty(family);
  return {
    family,
    inferred: true,
    external: { iface: externalInterface, address: externalAddress },
    addressType(address: bigint, type: AddressType, iface?: string): Tri {
      switch (type) {
        case "LOCAL":
          return (iface ? localOn(iface) : allLocal).contains(address);
        case "MULTICAST":
          return multicast.contains(address);
        case "BROADCAST":
          return broadcast.contains(address);
        case "UNICAST":
          return !multicast.contains(address) && !broadcast.contains(address) && !allLocal.contains(address);
        default:
          return false;
      }
    },
    routeDevice(address: bigint): string | undefined {
      if (allLocal.contains(address)) return undefined;
      return assigned.find((a) => a.network.contains(address))?.iface ?? hints.routes.find((r) => r.address === address)?.iface ?? externalInterface;
    },
    /** Hinted members are in the set; the hints may not know them all, so others stay unknown. */
    setContains(name: string, address: bigint): Tri {
      return knownMembers.get(name)?.contains(address) ? true : "unknown";
    },
    addressOn(iface: string): bigint | undefined {
      if (iface === "lo") return family === "ipv4" ? 0x7f000001n : 1n;
      if (iface === externalInterface) return externalAddress;
      return assigned.find((a) => a.iface === iface)?.address;
    },
  };
}

function bridgeBroadcasts(assigned: readonly Assigned[]): AddressSet {
  let set = AddressSet.empty("ipv4");
  for (const a of assigned) {
    const last = a.network.ranges[0]?.[1];
    if (last !== undefined) set = set.union(AddressSet.single("ipv4", last));
  }
  return set;
}
