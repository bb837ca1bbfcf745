/**
 * The Docker view with Docker's own names (--docker-inspect): each bridge gets its network,
 * each container address and published port the container Docker says it belongs to. Only
 * adds optional fields; what the rules read from the dump is unchanged.
 */
import type { Family } from "../model/netfilter.js";
import type { DockerNames } from "./names.js";
import type { Bridge, ContainerIdentity, DockerView, NetworkIdentity, PublishedPort } from "./types.js";

function bridgeNetwork(b: Bridge, names: DockerNames): NetworkIdentity | undefined {
  return names.networkOfBridge(b.name) ?? b.subnets.map((s) => names.networkOfSubnet(s.cidr, b.family)).find((n) => n !== undefined);
}

/** The container at the port's address; else the one container whose binding publishes the host port. */
function portOwner(p: PublishedPort, names: DockerNames, family: Family): ContainerIdentity | undefined {
  const at = names.containerAt(p.containerAddress, family);
  if (at) return at;
  if (p.hostPort === undefined || p.dnat === undefined) return undefined;
  const publishing = names.publishing(p.protocol, p.hostPort, p.hostAddress, family);
  return publishing.length === 1 ? publishing[0] : undefined;
}

export function withDockerNames(view: DockerView, names: DockerNames): DockerView {
  const family = view.family;
  const bridges = view.bridges.map((b): Bridge => {
    const network = bridgeNetwork(b, names);
    const endpoints = b.endpoints.map((e) => {
      const owner = names.containerAt(e.address, family);
      return owner ? { ...e, owner } : e;
    });
    return { ...b, endpoints, ...(network ? { network } : {}) };
  });
  const byBridge = new Map(bridges.filter((b) => b.network).map((b) => [b.name, b.network as NetworkIdentity]));
  const ports = view.ports.map((p): PublishedPort => {
    const owner = portOwner(p, names, family);
    const network = (p.bridge !== undefined ? byBridge.get(p.bridge) ?? names.networkOfBridge(p.bridge) : undefined) ?? names.networkOfAddress(p.containerAddress, family);
    return { ...p, ...(owner ? { owner } : {}), ...(network ? { network } : {}) };
  });
  return { ...view, bridges, ports };
}
