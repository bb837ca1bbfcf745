/**
 * Small pieces shared by the matches' save functions: picking given options, the `! `
 * prefix, joining words, and printing numbers, ranges and addresses the way libxtables'
 * printers do (xtables_ipaddr_to_numeric, xtables_ip6addr_to_numeric, xtables_ipmask_to_numeric).
 */
import type { ParsedHostMask } from "../../values/address.js";
import { parseHostMask } from "../../values/address.js";
import type { Family } from "../../netfilter.js";
import { parseUnsigned, x6UintRange } from "../../values/number.js";
import type { GivenOption, SaveContext } from "../types.js";
import { given, parsed } from "../save-text.js";
import { formatIPv6, maskBytes, prefixLength } from "../../../format/address.js";

/** `! ` when the option was inverted (iptables prints " !" before the option). */
export function bang(option: GivenOption | undefined): string {
  return option?.inverted ? "! " : "";
}

/** `[! ]--NAME VALUE` for a given option, "" when absent. */
export function flagged(ctx: SaveContext, name: string, format: (o: GivenOption) => string): string {
  const o = given(ctx, name);
  return o === undefined ? "" : `${bang(o)}--${name}${spaced(format(o))}`;
}

function spaced(text: string): string {
  return text === "" ? "" : ` ${text}`;
}

/** `A` when both ends are equal, else `A:B` (the usual "%u:%u" of save functions). */
export function range(from: number | bigint, to: number | bigint, separator = ":"): string {
  return from === to ? `${from}` : `${from}${separator}${to}`;
}

/**
 * An XTTYPE_UINT*RC word (`A`, `A:B`, `:B`, `A:`) as `{from, to}`, `max` filling an open end:
 * re-read with the option's own parser (every caller's option is an x6UintRange).
 */
export function uintRange(text: string, max: bigint | number): { from: bigint; to: bigint } {
  return parsed(x6UintRange("save", "range", max), text, "ipv4");
}

/** A range printed unless it is the full `0:max` (esp, ah, frag, rt…); "" for full. */
export function rangeUnlessFull(o: GivenOption | undefined, max: bigint | number): string {
  if (o === undefined) return "";
  const r = uintRange(o.values[0]!, max);
  return r.from === 0n && r.to === BigInt(max) ? "" : `${bang(o)}--${o.name} ${range(r.from, r.to)}`;
}

/** An unsigned number as xtables_strtoui read it (base 0), printed in decimal. */
export function decimal(text: string, max: bigint | number = 0xffffffffn): string {
  return `${parseUnsigned(text, 0, max) ?? text}`;
}

/** inet_ntop(AF_INET). */
export function formatIPv4(bytes: readonly number[]): string {
  return bytes.slice(0, 4).join(".");
}

export function formatAddress(bytes: readonly number[], family: Family): string {
  return family === "ipv4" ? formatIPv4(bytes) : formatIPv6(bytes);
}

/** xtables_ipmask_to_cidr / ip6mask_to_cidr: the prefix length, or -1 when not contiguous. */
export function maskToCidr(bytes: readonly number[]): number {
  return prefixLength(bytes) ?? -1;
}

/**
 * ADDR[/MASK] as `xtables_ipaddr_to_numeric(addr) + xtables_ipmask_to_numeric(mask)`:
 * no suffix for a full mask, `/N` for a prefix. The address is printed as given (not
 * masked) unless `applyMask`. XTTYPE_HOSTMASK/PLENMASK options keep only a prefix length:
 * a non-contiguous mask comes back full (oracle: `--ctorigsrc 1.2.3.4/255.0.255.0` is saved
 * as `1.2.3.4`); `-s`-style masks (`keepMask`) print it dotted.
 */
export function formatHostMask(host: ParsedHostMask, family: Family, opts: HostMaskOptions = {}): string {
  if (host.host.kind === "hostname") return host.host.hostname;
  const mask = maskBytes(host.mask, family);
  const addr = opts.applyMask ? host.host.bytes.map((b, i) => b & mask[i]!) : host.host.bytes;
  const cidr = maskToCidr(mask);
  const full = mask.length * 8;
  const suffix =
    cidr === full || (cidr < 0 && !opts.keepMask) ? "" : cidr >= 0 ? `/${cidr}` : `/${formatAddress(mask, family)}`;
  return formatAddress(addr, family) + suffix;
}

export interface HostMaskOptions {
  readonly applyMask?: boolean;
  readonly keepMask?: boolean;
}

/** Re-reads an `ADDR[/MASK]` word and prints it canonically. */
export function canonicalHostMask(text: string, family: Family, opts: HostMaskOptions = {}): string {
  const r = parseHostMask(text, family);
  return r.ok ? formatHostMask(r.value, family, opts) : text;
}
