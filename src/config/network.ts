/**
 * Networks in the configuration: an IPv4 or IPv6 address, optionally with a prefix length.
 * Stricter than iptables' own -s parsing (which takes "10" as 10.0.0.0 and masks host bits
 * away silently): a config file is written by hand, so a typo should be an error, not a
 * different network.
 */
import { formatAddress } from "../model/ip/address-set.js";
import { ADDRESS_BITS, addressToBigint, cidrContains, prefixMask } from "../model/ip/addresses.js";
import type { Family } from "../model/netfilter.js";
import { inetPton4, parseIPv6 } from "../model/values/address.js";
import { bad, ok, type ValueResult } from "../model/values/result.js";

export interface Network {
  readonly family: Family;
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** An address alone; IPv6 literals contain ':', everything else is read as IPv4. */
export function parseAddress(text: string): ValueResult<{ family: Family; bytes: number[] }> {
  if (text.includes(":")) {
    const bytes = parseIPv6(text);
    return bytes ? ok({ family: "ipv6", bytes }) : bad(`"${text}" is not an IPv6 address`);
  }
  const bytes = inetPton4(text);
  return bytes ? ok({ family: "ipv4", bytes }) : bad(`"${text}" is not an IPv4 address (four decimal numbers 0-255)`);
}

/** `ADDR` or `ADDR/PREFIX`; host bits under the prefix must be zero. */
export function parseNetwork(text: string): ValueResult<Network> {
  const slash = text.indexOf("/");
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address.ok) return address;
  const { family, bytes } = address.value;
  const full = ADDRESS_BITS[family];
  if (slash < 0) return ok({ family, bytes, prefix: full });
  const prefixText = text.slice(slash + 1);
  const prefix = /^(0|[1-9][0-9]{0,2})$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix <= full)) return bad(`"${text}" has an invalid prefix length (0-${full} for ${family === "ipv4" ? "IPv4" : "IPv6"})`);
  const value = addressToBigint(bytes);
  const network = value & prefixMask(prefix, family);
  if (network !== value) return bad(`"${text}" has host bits set under /${prefix}; the network is ${formatAddress(network, family)}/${prefix}`);
  return ok({ family, bytes, prefix });
}

/** Whether every address of `inner` lies in `outer` (same family only). */
export function networkContains(outer: Network, inner: Network): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return cidrContains(addressToBigint(outer.bytes), outer.prefix, addressToBigint(inner.bytes), outer.family);
}
