/**
 * The declared intent: which ports may be reachable from where. Rules that find an exposure
 * ask `intentAllows` whether the user declared it, and report it only when not.
 */
import type { PortRange } from "../model/values/port.js";
import { networkContains, parseAddress, parseNetwork, type Network } from "./network.js";
import type { Intent, PublicPort } from "./types.js";

export interface Exposure {
  /** The published port, or a range that must be covered as a whole. */
  readonly port: number | PortRange;
  readonly protocol: string;
  /** The sources that can reach it, as a CIDR network or address ("0.0.0.0/0": anyone over IPv4). */
  readonly source: string;
  /** The host address it is published on; undefined means every address of the host. */
  readonly host?: string;
}

/**
 * Whether one declared public port covers the exposure: same protocol, the whole port range,
 * every source (inside one of its `from` networks, or any when `from` is empty), and the
 * host address when the entry names one (an exposure on every address is wider than that).
 */
export function intentAllows(intent: Intent | undefined, exposure: Exposure): boolean {
  const source = parseNetwork(exposure.source);
  if (!intent || !source.ok) return false;
  const range = typeof exposure.port === "number" ? { from: exposure.port, to: exposure.port } : exposure.port;
  return intent.public.some((entry) => entry.protocol === exposure.protocol.toLowerCase() && entry.port.from <= range.from && range.to <= entry.port.to && coversSource(entry, source.value) && coversHost(entry, exposure.host));
}

function coversSource(entry: PublicPort, source: Network): boolean {
  if (entry.from.length === 0) return true;
  return entry.from.some((text) => {
    const allowed = parseNetwork(text);
    return allowed.ok && networkContains(allowed.value, source);
  });
}

function coversHost(entry: PublicPort, host: string | undefined): boolean {
  if (entry.host === undefined) return true;
  if (host === undefined) return false;
  const a = parseAddress(entry.host);
  const b = parseAddress(host);
  return a.ok && b.ok && a.value.family === b.value.family && a.value.bytes.every((byte, i) => byte === b.value.bytes[i]);
}
