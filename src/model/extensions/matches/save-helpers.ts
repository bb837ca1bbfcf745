/**
 * Small pieces shared by the matches' save functions: picking given options, the `! `
 * prefix, joining words, and printing numbers, ranges and addresses the way libxtables'
 * printers do (xtables_ipaddr_to_numeric, xtables_ip6addr_to_numeric, xtables_ipmask_to_numeric).
 */
import type { ParsedHostMask } from "../../values/address.js";
import { parseHostMask } from "../../values/address.js";
import type { Family } from "../../netfilter.js";
import { parseUnsigned } from "../../values/number.js";
import type { GivenOption, SaveContext, ValueCheck } from "../types.js";

/** The last time `name` was given (a repeated option overwrites the earlier value). */
export function given(ctx: SaveContext, name: string): GivenOption | undefined {
  for (let i = ctx.options.length - 1; i >= 0; i--) if (ctx.options[i]!.name === name) return ctx.options[i];
  return undefined;
}

export function has(ctx: SaveContext, name: string): boolean {
  return given(ctx, name) !== undefined;
}

/** The first value word of `name`, or undefined when not given. */
export function valueOf(ctx: SaveContext, name: string): string | undefined {
  return given(ctx, name)?.values[0];
}

/** `! ` when the option was inverted (iptables prints " !" before the option). */
export function bang(option: GivenOption | undefined): string {
  return option?.inverted ? "! " : "";
}

/** Joins the non-empty pieces with one space. */
export function words(...parts: ReadonlyArray<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" ");
}

/** `[! ]--NAME VALUE` for a given option, "" when absent. */
export function flagged(ctx: SaveContext, name: string, format: (o: GivenOption) => string): string {
  const o = given(ctx, name);
  return o === undefined ? "" : `${bang(o)}--${name}${spaced(format(o))}`;
}

function spaced(text: string): string {
  return text === "" ? "" : ` ${text}`;
}

/**
 * The parsed value of a word the parser already accepted; save functions only run on rules
 * that parsed, so a failure here is a bug in the caller.
 */
export function parsed<T>(check: ValueCheck, text: string, family: Family): T {
  const r = check(text, { family });
  if (!r.ok) throw new Error(`save: cannot re-read "${text}": ${r.message}`);
  return r.value as T;
}

/** `A` when both ends are equal, else `A:B` (the usual "%u:%u" of save functions). */
export function range(from: number | bigint, to: number | bigint, separator = ":"): string {
  return from === to ? `${from}` : `${from}${separator}${to}`;
}

/** An XTTYPE_UINT*RC word (`A`, `A:B`, `:B`, `A:`) as `{from, to}`, `max` filling an open end. */
export function uintRange(text: string, max: bigint | number): { from: bigint; to: bigint } {
  const [lo = "", hi] = text.split(":");
  const from = lo === "" ? 0n : (parseUnsigned(lo, 0, max) ?? 0n);
  const to = hi === undefined ? from : hi === "" ? BigInt(max) : (parseUnsigned(hi, 0, max) ?? 0n);
  return { from, to };
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

export function hex(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

/** inet_ntop(AF_INET). */
export function formatIPv4(bytes: readonly number[]): string {
  return bytes.slice(0, 4).join(".");
}

/**
 * glibc inet_ntop(AF_INET6): the longest run (first on ties) of two or more zero words
 * becomes "::"; ::ffff:a.b.c.d and ::a.b.c.d (IPv4-compatible) keep a dotted tail.
 */
export function formatIPv6(bytes: readonly number[]): string {
  const w = Array.from({ length: 8 }, (_, i) => bytes[2 * i]! * 256 + bytes[2 * i + 1]!);
  let best = { base: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > best.len) best = { base: i, len: j - i };
    i = j;
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best.base >= 0 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && w[5] === 0xffff))) {
      return out + formatIPv4(bytes.slice(12, 16));
    }
    out += w[i]!.toString(16);
  }
  if (best.base >= 0 && best.base + best.len === 8) out += ":";
  return out;
}

export function formatAddress(bytes: readonly number[], family: Family): string {
  return family === "ipv4" ? formatIPv4(bytes) : formatIPv6(bytes);
}

/** Mask bytes from a prefix length or a dotted/colon mask. */
export function maskBytes(mask: number | readonly number[] | undefined, family: Family): number[] {
  const size = family === "ipv4" ? 4 : 16;
  if (mask === undefined) return new Array<number>(size).fill(255);
  if (typeof mask !== "number") return [...mask];
  return Array.from({ length: size }, (_, i) => Math.max(0, Math.min(8, mask - 8 * i)))
    .map((bits) => (0xff00 >> bits) & 0xff);
}

/** xtables_ipmask_to_cidr / ip6mask_to_cidr: the prefix length, or -1 when not contiguous. */
export function maskToCidr(bytes: readonly number[]): number {
  const bits = bytes.map((b) => b.toString(2).padStart(8, "0")).join("");
  return /^1*0*$/.test(bits) ? bits.indexOf("0") < 0 ? bits.length : bits.indexOf("0") : -1;
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
