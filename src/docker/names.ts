/**
 * Docker's names for what the rules only show as numbers (--docker-inspect, --live): bridge →
 * network, subnet → network, container address → container name and image, published host
 * port → the container publishing it. Built once from the inspect JSON (src/docker/inspect.ts)
 * and passed to the Docker view, the lint rules and the engine's reports, which only ask it.
 */
import { AddressSet } from "../model/ip/address-set.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { Family } from "../model/netfilter.js";
import type { DockerInspect, InspectContainer, InspectNetwork, PortBinding } from "./inspect.js";
import { addressFamily, anyAddress, portBounds } from "./net.js";
import type { ContainerIdentity, NetworkIdentity } from "./types.js";

function addressKey(address: string, family: Family): string | undefined {
  const a = parseAddressText(address.replace(/\/\d+$/, ""), family);
  return a === undefined ? undefined : `${family}|${a}`;
}

function identityOf(n: InspectNetwork): NetworkIdentity {
  return { name: n.name, id: n.id, driver: n.driver };
}

/**
 * Whether a binding made the DNAT: Docker writes no `-d` for a binding on every address
 * ("" or the family's any-address) and `-d <HostIp>` for one on a single address.
 */
function bindingFits(hostIp: string, dnatAddress: string | undefined, family: Family): boolean {
  if (dnatAddress === undefined || dnatAddress === anyAddress(family)) return hostIp === "" || hostIp === anyAddress(family);
  return hostIp !== "" && addressFamily(hostIp) === family && addressKey(hostIp, family) === addressKey(dnatAddress, family);
}

/** A host port ("8080") inside a DNAT's port or range ("8080", "8000:8010", "8000-8010"). */
function portWithin(port: string, range: string): boolean {
  const p = Number(port);
  const r = portBounds(range);
  return Number.isInteger(p) && r !== undefined && p >= r.from && p <= r.to;
}

export class DockerNames {
  private readonly networksByBridge = new Map<string, InspectNetwork>();
  private readonly containersByAddress = new Map<string, ContainerIdentity>();
  private readonly bindings: { readonly container: InspectContainer; readonly binding: PortBinding }[] = [];

  constructor(readonly inspect: DockerInspect) {
    for (const n of inspect.networks) if (n.bridge !== undefined && !this.networksByBridge.has(n.bridge)) this.networksByBridge.set(n.bridge, n);
    const byId = new Map(inspect.containers.map((c) => [c.id, c]));
    // docker inspect of the container first: it has the image.
    for (const c of inspect.containers) {
      for (const n of c.networks) {
        for (const a of [n.ipv4, n.ipv6]) if (a !== undefined) this.addContainer(a, { name: c.name, ...(c.image ? { image: c.image } : {}), network: n.network });
      }
      for (const binding of c.published) this.bindings.push({ container: c, binding });
    }
    // Then the networks' Containers maps, for containers not inspected themselves.
    for (const n of inspect.networks) {
      for (const e of n.endpoints) {
        const image = byId.get(e.containerId)?.image;
        for (const a of [e.ipv4, e.ipv6]) if (a !== undefined) this.addContainer(a, { name: byId.get(e.containerId)?.name ?? e.name, ...(image ? { image } : {}), network: n.name });
      }
    }
  }

  private addContainer(address: string, identity: ContainerIdentity): void {
    const key = addressKey(address, addressFamily(address));
    if (key !== undefined && !this.containersByAddress.has(key)) this.containersByAddress.set(key, identity);
  }

  /** The network whose Linux bridge this is. */
  networkOfBridge(bridge: string): NetworkIdentity | undefined {
    const n = this.networksByBridge.get(bridge);
    return n ? identityOf(n) : undefined;
  }

  /** The network with exactly this subnet (a custom bridge name inspect does not give, or a subnet from a rule). */
  networkOfSubnet(cidr: string, family: Family): NetworkIdentity | undefined {
    const set = parseCidrSet(cidr, family);
    if (!set) return undefined;
    const n = this.inspect.networks.find((net) => net.subnets.some((s) => s.family === family && parseCidrSet(s.cidr, family)?.equals(set)));
    return n ? identityOf(n) : undefined;
  }

  /** The network whose subnet holds the address. */
  networkOfAddress(address: string, family: Family): NetworkIdentity | undefined {
    const a = parseAddressText(address.replace(/\/\d+$/, ""), family);
    if (a === undefined) return undefined;
    const n = this.inspect.networks.find((net) => net.driver !== "host" && net.subnets.some((s) => s.family === family && (parseCidrSet(s.cidr, family) ?? AddressSet.empty(family)).contains(a)));
    return n ? identityOf(n) : undefined;
  }

  /** The container with this address. */
  containerAt(address: string, family: Family): ContainerIdentity | undefined {
    const key = addressKey(address, family);
    return key === undefined ? undefined : this.containersByAddress.get(key);
  }

  /**
   * The containers whose published bindings take `protocol` to the host port (or range) on
   * `hostAddress` ("0.0.0.0"/"::" or absent: every address). For a DNAT whose target address
   * inspect does not know (a container on a network not inspected).
   */
  publishing(protocol: string, hostPort: string, hostAddress: string | undefined, family: Family): ContainerIdentity[] {
    const out: ContainerIdentity[] = [];
    for (const { container, binding } of this.bindings) {
      if (binding.protocol !== protocol || binding.hostPort === "" || !portWithin(binding.hostPort, hostPort)) continue;
      if (!bindingFits(binding.hostIp, hostAddress, family)) continue;
      if (!out.some((c) => c.name === container.name)) out.push({ name: container.name, ...(container.image ? { image: container.image } : {}) });
    }
    return out;
  }
}

/** `web (nginx:1.27)`; just `web` when the image is not known. */
export function containerLabel(c: ContainerIdentity): string {
  return c.image ? `${c.name} (${c.image})` : c.name;
}

/** `web (nginx:1.27) on network shop_default`. */
export function containerPhrase(c: ContainerIdentity): string {
  return `${containerLabel(c)}${c.network ? ` on network ${c.network}` : ""}`;
}

/**
 * `br-5e0f6a2c9d31 (network shop_default)`, with `detail` `br-5e0f6a2c9d31 (network
 * shop_default, 172.18.0.0/16)`; without a known network (or one named like its bridge)
 * `br-5e0f6a2c9d31 (172.18.0.0/16)`, as the messages said before names were known.
 */
export function bridgeLabel(bridge: string, network: string | undefined, detail?: string): string {
  const parts = [...(network !== undefined && network !== bridge ? [`network ${network}`] : []), ...(detail !== undefined ? [detail] : [])];
  return parts.length ? `${bridge} (${parts.join(", ")})` : bridge;
}
