/**
 * How NETMAP --to is saved (libipt_NETMAP.c / libip6t_NETMAP.c NETMAP_parse and
 * __NETMAP_print; xtoptions.c xtopt_parse_hostmask): the network address (address & mask)
 * and the prefix length. The mask is a prefix length (xtables_strtoui, base 0) if it reads
 * as one, else a numeric address (getaddrinfo: inet_aton for IPv4); an address mask that is
 * not contiguous has no prefix length, and xtopt_mask then takes the full length, which
 * keeps the address unmasked.
 * oracle: `10.0.0.1` → `10.0.0.1/32`; `10.1.2.3/8` → `10.0.0.0/8`; `10.1.2.3/010` →
 * `10.0.0.0/8`; `10.1.2.3/255.255.0` → `10.1.0.0/16`; `10.1.2.3/4294967040` →
 * `10.1.2.0/24`; `10.0.0.1/255.0.255.0`, `10.1.2.3/40`, `10.1.2.3/192` → `…/32` unmasked;
 * `10.1` → `10.0.0.1/32`; `localhost/24` → `127.0.0.0/24`; IPv6 `fd00::1/ffff:ffff::` →
 * `fd00::/32`, `fd00::1/ffff:0:ffff::` → `fd00::1/128`.
 */
import type { Family } from "../../../netfilter.js";
import type { SaveContext } from "../../types.js";
import { formatIPv6 } from "../../../../format/address.js";
import { parseIPv6 } from "../../../values/address.js";
import { parseUint } from "../../../values/number.js";
import { inetAton } from "../../../values/address.js";
import { valueOf } from "../../save-text.js";

/** getaddrinfo(AI_NUMERICHOST) of the family, plus /etc/hosts' localhost. */
function numericHost(text: string, family: Family): number[] | undefined {
  if (text === "localhost") return family === "ipv4" ? [127, 0, 0, 1] : [...new Array<number>(15).fill(0), 1];
  return family === "ipv4" ? inetAton(text) : parseIPv6(text);
}

/** The prefix length of a contiguous mask, else undefined. */
function contiguousLength(mask: readonly number[]): number | undefined {
  const bits = mask.map((b) => b.toString(2).padStart(8, "0")).join("");
  return /^1*0*$/.test(bits) ? bits.replace(/0+$/, "").length : undefined;
}

function prefixLength(maskText: string, family: Family): number {
  const full = family === "ipv4" ? 32 : 128;
  const length = parseUint(maskText, 0, full);
  if (length !== undefined) return length;
  const mask = numericHost(maskText, family);
  return (mask === undefined ? undefined : contiguousLength(mask)) ?? full;
}

function masked(bytes: readonly number[], length: number): number[] {
  return bytes.map((b, i) => b & ((0xff << (8 - Math.max(0, Math.min(8, length - 8 * i)))) & 0xff));
}

/**
 * `--to NETWORK/LEN`. A host name other than localhost is resolved by iptables at load
 * time, which iptlint cannot do: it is then printed as written.
 */
export function saveNetmapTo(ctx: SaveContext): string {
  const text = valueOf(ctx, "to");
  if (text === undefined) return "";
  const slash = text.indexOf("/");
  const hostText = slash === -1 ? text : text.slice(0, slash);
  const host = numericHost(hostText, ctx.family);
  if (host === undefined) return `--to ${text}`;
  const full = ctx.family === "ipv4" ? 32 : 128;
  const length = slash === -1 ? full : prefixLength(text.slice(slash + 1), ctx.family);
  const network = masked(host, length);
  return `--to ${ctx.family === "ipv4" ? network.join(".") : formatIPv6(network)}/${length}`;
}
