/**
 * What the Docker view tells about the host's own addresses and routes, for the engine to
 * infer a host when the user gives no `--addr`/`--routes` (src/engine/inferred-host.ts):
 * plain numbers, no Docker names past this module.
 */
import { prefixRange } from "../model/ip/address-set.js";
import { ADDRESS_BITS, parseAddressText } from "../model/ip/addresses.js";
import type { Family } from "../model/netfilter.js";
import type { DockerView } from "./types.js";

export interface HintedPrefix {
  readonly address: bigint;
  readonly prefixLength: number;
}

export interface InterfaceAddress {
  readonly iface: string;
  /** The host's address on the interface. */
  readonly address: bigint;
  /** The network the interface's prefix route covers. */
  readonly network: HintedPrefix;
}

export interface HostHints {
  readonly addresses: readonly InterfaceAddress[];
  /** Host routes the rules imply: a container address lives on its bridge. */
  readonly routes: readonly { readonly iface: string; readonly address: bigint }[];
  /** ipsets whose members are known in part: an address outside them is not known to be out. */
  readonly setMembers: ReadonlyMap<string, readonly HintedPrefix[]>;
}

/** Docker 28+ keeps the subnets of its non-internal bridges here (moby libnetwork/drivers/bridge, iptables_ipset). */
const EXT_BRIDGES_SET: Readonly<Record<Family, string>> = { ipv4: "docker-ext-bridges-v4", ipv6: "docker-ext-bridges-v6" };

export function hostHints(docker: DockerView, family: Family): HostHints {
  const addresses: InterfaceAddress[] = [];
  const routes: { iface: string; address: bigint }[] = [];
  const extBridges: HintedPrefix[] = [];
  for (const bridge of docker.bridges) {
    const external = bridge.mode.value !== "internal";
    for (const subnet of bridge.subnets) {
      const [base, len] = subnet.cidr.split("/") as [string, string];
      const address = parseAddressText(base, family);
      if (address === undefined) continue;
      const network = { address, prefixLength: Number(len) };
      // Docker gives the bridge the subnet's first host address unless --gateway says otherwise.
      addresses.push({ iface: bridge.name, address: prefixRange(address, network.prefixLength, family)[0] + 1n, network });
      if (external) extBridges.push(network);
    }
    // Routed bridges show no subnet, only their containers' addresses (filter ACCEPT -d).
    for (const endpoint of bridge.endpoints) {
      const address = parseAddressText(endpoint.address.replace(/\/\d+$/, ""), family);
      if (address === undefined) continue;
      routes.push({ iface: bridge.name, address });
      if (external) extBridges.push({ address, prefixLength: ADDRESS_BITS[family] });
    }
  }
  return { addresses, routes, setMembers: new Map([[EXT_BRIDGES_SET[family], extBridges]]) };
}
