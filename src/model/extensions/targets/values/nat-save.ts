/**
 * How the NAT targets print their ranges (extensions/libxt_NAT.c sprint_range /
 * print_range, iptables 1.8.9): ports in decimal, a one-port range as one port, the
 * address range as `MIN-MAX` (one address when both ends are equal), IPv6 addresses in
 * inet_ntop form and in brackets when ports follow, and no address at all (`:80`) when
 * parse_to took only the ports (`:80`, `ab:80`).
 * oracle: `1.2.3.4:0x50-0120` → `1.2.3.4:80`; `[fd00:0::2]:80` → `[fd00::2]:80`;
 * `[fd00::2]` → `fd00::2`; `1.2.3.4-1.2.3.4` → `1.2.3.4`; `[]:80` → `:80`.
 */
import type { Family } from "../../../netfilter.js";
import type { SaveContext } from "../../types.js";
import { formatIPv6 } from "../../../../format/address.js";
import { parseIPv6 } from "../../../values/address.js";
import { natPorts, natRange, type NatPorts, type NatRange } from "./nat-range.js";
import { parsed, valueOf } from "../../save-text.js";

/**
 * What a "/base" port offset (`80-90/85`) becomes. DNAT is loaded as revision 2, which
 * keeps it; SNAT and MASQUERADE are loaded as revision 1, which has no field for it but
 * keeps the NF_NAT_RANGE_PROTO_OFFSET flag, so iptables-save prints the empty field.
 * oracle: DNAT `1.2.3.4:80-90/85` → `1.2.3.4:80-90/85`; SNAT → `1.2.3.4:80-90/0`;
 * MASQUERADE `--to-ports 80-90/85` → `80-90/0`; `80-80/85` → `80/0` (SNAT), `80/85` (DNAT).
 */
export type PortBase = "kept" | "zero";

export function natPortsText(ports: NatPorts, base: PortBase): string {
  const range = ports.max === ports.min ? String(ports.min) : `${ports.min}-${ports.max}`;
  if (ports.base === undefined) return range;
  return `${range}/${base === "kept" ? ports.base : 0}`;
}

/** parse_to reads IPv4 ends with inet_pton, so the text is already canonical. */
function addressText(text: string, family: Family): string {
  if (family === "ipv4") return text;
  const bytes = parseIPv6(text);
  return bytes === undefined ? text : formatIPv6(bytes);
}

export function natRangeText(range: NatRange, family: Family, base: PortBase): string {
  const ports = range.ports === undefined ? "" : `:${natPortsText(range.ports, base)}`;
  if (range.addresses === undefined) return ports;
  const min = addressText(range.addresses.min, family);
  const max = addressText(range.addresses.max, family);
  const addresses = min === max ? min : `${min}-${max}`;
  return family === "ipv6" && ports !== "" ? `[${addresses}]${ports}` : `${addresses}${ports}`;
}

/** `--OPTION PORTS` of MASQUERADE / REDIRECT, or "" when not given. */
export function savePortsOption(ctx: SaveContext, option: string, base: PortBase): string {
  const text = valueOf(ctx, option);
  if (text === undefined) return "";
  return `--${option} ${natPortsText(parsed<NatPorts>(natPorts, text, ctx.family), base)}`;
}

/** `--OPTION RANGE` of DNAT / SNAT, or "" when not given. */
export function saveRangeOption(ctx: SaveContext, option: string, base: PortBase): string {
  const text = valueOf(ctx, option);
  if (text === undefined) return "";
  return `--${option} ${natRangeText(parsed<NatRange>(natRange, text, ctx.family), ctx.family, base)}`;
}
