/**
 * What the engine knows about the host beyond the dump: its interfaces and addresses, and
 * its routes. From `--addr FILE` (ip -j addr / ip addr) and `--routes FILE` (ip route) when
 * given (src/host/), otherwise inferred from the rules (bridge subnets, loopback) with every
 * other destination taken as remote.
 */
import type { Family } from "../model/netfilter.js";
import type { Tri } from "./tri.js";

/** addrtype's types (xt_addrtype.h XT_ADDRTYPE_*, the kernel's RTN_* route types). */
export type AddressType = "UNSPEC" | "UNICAST" | "LOCAL" | "BROADCAST" | "ANYCAST" | "MULTICAST" | "BLACKHOLE" | "UNREACHABLE" | "PROHIBIT" | "THROW" | "NAT" | "XRESOLVE";

export interface HostFacts {
  readonly family: Family;
  /**
   * Whether `address` has this addrtype on this host. `iface` restricts the lookup to one
   * device (addrtype --limit-iface-in/out); "unknown" when the host's addresses are not known.
   */
  addressType(address: bigint, type: AddressType, iface?: string): Tri;
  /** The device a packet to `address` leaves on, or undefined for local delivery / unknown. */
  routeDevice(address: bigint): string | undefined;
  /** The host's own address on a device (MASQUERADE's source), when known. */
  addressOn(iface: string): bigint | undefined;
  /** Whether an ipset holds the address; undefined or "unknown" when its members are not known. */
  setContains?(name: string, address: bigint): Tri;
}
