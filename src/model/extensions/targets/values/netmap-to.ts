/**
 * NETMAP --to ADDR[/MASK] (libipt_NETMAP.c / libip6t_NETMAP.c, XTTYPE_HOSTMASK in 1.8.9):
 * the address may be a host name (resolved at load time), the mask a prefix length or an
 * address-form mask. oracle: `10.0.0.0/33` and `10.0.0.0/255.0.0.1` → accepted (an
 * address-form mask, not checked for contiguity); `/abc`, `/` → NETMAP: bad value for
 * option "--to", neither a valid network mask nor valid CIDR (0-32); IPv6 `/129` → … (0-128).
 * Canonical: `10.1.2.3/8` → `10.0.0.0/8`, `10.0.0.1` → `10.0.0.1/32`,
 * `10.0.0.0/255.255.0.0` → `10.0.0.0/16`.
 */
import type { ValueCheck } from "../../types.js";
import { parseHost, parseIPv4, parseIPv6 } from "../../../values/address.js";
import { parseUint } from "../../../values/number.js";
import { bad, ok } from "../../../values/result.js";

export const netmapTo: ValueCheck = (text, ctx) => {
  const slash = text.lastIndexOf("/");
  const host = parseHost(slash === -1 ? text : text.slice(0, slash), ctx.family);
  if (slash === -1) return host.ok ? ok({ host: host.value }) : host;
  const maskText = text.slice(slash + 1);
  const bits = ctx.family === "ipv4" ? 32 : 128;
  const asAddress = ctx.family === "ipv4" ? parseIPv4(maskText) : parseIPv6(maskText);
  const mask = parseUint(maskText, 0, bits) ?? asAddress;
  if (mask === undefined) {
    return bad(`NETMAP: bad value for option "--to", neither a valid network mask nor valid CIDR (0-${bits}).`);
  }
  return host.ok ? ok({ host: host.value, mask }) : host;
};
