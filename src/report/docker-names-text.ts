/**
 * Docker's names in the engine's reports (`exposure`, `trace` with --docker-inspect): which
 * container an address is, which network a bridge is. Names come from the user's inspect JSON,
 * which is as untrusted as the dump: everything is escaped here, for text and JSON alike.
 */
import { bridgeLabel, containerLabel, containerPhrase, type DockerNames } from "../docker/names.js";
import type { ContainerIdentity } from "../docker/types.js";
import type { PortContainer } from "../engine/exposure.js";
import { formatAddress } from "../model/ip/address-set.js";
import type { Family } from "../model/netfilter.js";
import { escapeText } from "../text.js";

function identityOf(c: PortContainer): ContainerIdentity | undefined {
  return c.name === undefined ? undefined : { name: c.name, ...(c.image ? { image: c.image } : {}), ...(c.network ? { network: c.network } : {}) };
}

/** `container web (nginx:1.27) on network shop_default`, `network shop_default`, or nothing: the line under an exposure target. */
export function portContainerLine(c: PortContainer | undefined): string | undefined {
  if (!c) return undefined;
  const who = identityOf(c);
  if (who) return `container ${escapeText(containerPhrase(who))}`;
  return c.network !== undefined ? `network ${escapeText(c.network)}` : undefined;
}

/** The container fields of an exposure target for JSON, escaped. */
export function portContainerJson(c: PortContainer): object {
  return {
    ...c,
    ...(c.bridge !== undefined ? { bridge: escapeText(c.bridge) } : {}),
    ...(c.name !== undefined ? { name: escapeText(c.name) } : {}),
    ...(c.image !== undefined ? { image: escapeText(c.image) } : {}),
    ...(c.network !== undefined ? { network: escapeText(c.network) } : {}),
  };
}

/** `web (nginx:1.27) at 172.17.0.2:80` when the address is a container's, else the endpoint as given. */
export function namedEndpoint(endpoint: string, address: bigint, family: Family, names: DockerNames | undefined): string {
  const c = names?.containerAt(formatAddress(address, family), family);
  return c ? `${escapeText(containerLabel(c))} at ${endpoint}` : endpoint;
}

/** `docker0 (network bridge)` for a bridge inspect names; the escaped interface name otherwise. */
export function namedInterface(name: string, names: DockerNames | undefined): string {
  return escapeText(bridgeLabel(name, names?.networkOfBridge(name)?.name));
}

/** `{ name, image, network }` of the container at the address, escaped; undefined when it is none. */
export function containerJsonAt(address: bigint, family: Family, names: DockerNames | undefined): object | undefined {
  const c = names?.containerAt(formatAddress(address, family), family);
  return c ? { name: escapeText(c.name), ...(c.image ? { image: escapeText(c.image) } : {}), ...(c.network ? { network: escapeText(c.network) } : {}) } : undefined;
}

/** The network of a bridge, escaped, for JSON. */
export function networkJsonOf(bridge: string, names: DockerNames | undefined): string | undefined {
  const n = names?.networkOfBridge(bridge);
  return n ? escapeText(n.name) : undefined;
}
