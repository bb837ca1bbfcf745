/**
 * Host facts when the user gives no `--addr`/`--routes`: inferred from the rules. The
 * host has loopback, a gateway address on each Docker bridge (Docker gives the bridge the
 * subnet's first host address unless --gateway says otherwise), routes each bridge subnet to
 * its bridge, and reaches everything else through one external interface, whose address is
 * an address no rule names (a documentation address, so that it cannot be mistaken for a
 * real one). Every answer is definite: what the dump does not say is taken as "remote".
 */
import type { DockerView } from "../docker/types.js";
import type { Family } from "../model/netfilter.js";
import type { Ruleset } from "../model/ruleset.js";
import { AddressSet, prefixRange } from "./address-set.js";
import { parseAddressText } from "./addresses.js";
import { parseCidrSet } from "./cidr.js";
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

export function inferredHost(ruleset: Ruleset, docker: DockerView, externalInterface: string): InferredHost {
  const family = ruleset.family;
  const assigned: Assigned[] = [];
  for (const bridge of docker.bridges) {
    for (const subnet of bridge.subnets) {
      const [base, len] = subnet.cidr.split("/") as [string, string];
      const address = parseAddressText(base, family);
      if (address === undefined) continue;
      const [low] = prefixRange(address, Number(len), family);
      assigned.push({ iface: bridge.name, network: AddressSet.prefix(family, address, Number(len)), address: low + 1n });
    }
  }
  const extBridges = assigned.filter((a) => docker.bridges.find((b) => b.name === a.iface)?.mode.value !== "internal").map((a) => a.network);
  for (const bridge of docker.bridges) {
    // Routed bridges show no subnet, only their containers' addresses (filter ACCEPT -d).
    if (bridge.mode.value === "internal") continue;
    for (const e of bridge.endpoints) {
      const a = parseAddressText(e.address.replace(/\/\d+$/, ""), family);
      if (a !== undefined) extBridges.push(AddressSet.single(family, a));
    }
  }
  // A container the rules name is on its bridge even when the bridge's subnet is not shown (routed mode).
  const endpointRoutes = docker.bridges.flatMap((b) => b.endpoints.map((e) => ({ iface: b.name, address: parseAddressText(e.address.replace(/\/\d+$/, ""), family) })));
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
      return assigned.find((a) => a.network.contains(address))?.iface ?? endpointRoutes.find((e) => e.address === address)?.iface ?? externalInterface;
    },
    /**
     * Docker 28+ keeps the subnets of its non-internal bridges in docker-ext-bridges-v4/v6
     * (moby libnetwork/drivers/bridge, iptables_ipset). A subnet the rules do not show may be
     * in the set too, so an address outside every known subnet stays unknown.
     */
    setContains(name: string, address: bigint): Tri {
      if (name !== (family === "ipv4" ? "docker-ext-bridges-v4" : "docker-ext-bridges-v6")) return "unknown";
      return extBridges.some((b) => b.contains(address)) ? true : "unknown";
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
