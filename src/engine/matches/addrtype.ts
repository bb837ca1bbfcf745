/**
 * `-m addrtype` revision 1 (kernel xt_addrtype.c addrtype_mt_v1). `--src-type` and
 * `--dst-type` are two tests, each inverted by its own `!` (XT_ADDRTYPE_INVERT_SOURCE /
 * _DEST), and a list inside one option is one test:
 * - IPv4 match_type: an address has exactly one route type (inet_dev_addr_type), so the list
 *   matches when the address's type is any listed one;
 * - IPv6 match_type6: MULTICAST, UNICAST and UNSPEC in the list must *all* hold, and when
 *   LOCAL, ANYCAST or UNREACHABLE are listed one of *those* must hold too. BROADCAST,
 *   BLACKHOLE and the rest cannot be loaded for IPv6 (addrtype_mt_checkentry_v1).
 * `--limit-iface-in/out` restrict the lookup to the packet's in/out device; without a device
 * (a local packet has no in) the kernel looks the address up on every device.
 */
import type { ExtensionNode, OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { ADDRESS_TYPES } from "../../model/extensions/matches/addrtype.js";
import { prefixKeywordList } from "../../model/values/keywords.js";
import type { AddressType, HostFacts } from "../host.js";
import type { MatchContext } from "../match-types.js";
import { triAnd, triInvert, triOr, type Tri } from "../tri.js";
import { allOf, cachedEvaluator, firstValue, UNDECIDABLE, type CompiledMatch } from "./compile.js";

const typeList = prefixKeywordList({ names: ADDRESS_TYPES, badElement: (rest) => rest });

type Lookup = (host: HostFacts, address: bigint, type: AddressType) => Tri;

function anyOf(types: readonly AddressType[], address: bigint, host: HostFacts, lookup: Lookup): Tri {
  let result: Tri = false;
  for (const t of types) {
    result = triOr(result, lookup(host, address, t));
    if (result === true) return true;
  }
  return result;
}

/** IPv6 match_type6, with the address-class tests and the route lookups as HostFacts answers. */
function matchType6(types: readonly AddressType[], address: bigint, host: HostFacts, lookup: Lookup): Tri {
  let result: Tri = true;
  for (const t of types.filter((x) => x === "MULTICAST" || x === "UNICAST" || x === "UNSPEC")) {
    result = triAnd(result, lookup(host, address, t));
    if (result === false) return false;
  }
  const routed = types.filter((x) => x === "LOCAL" || x === "ANYCAST" || x === "UNREACHABLE");
  return routed.length === 0 ? result : triAnd(result, anyOf(routed, address, host, lookup));
}

function compileTypes(option: OptionNode, family: Family, device: (ctx: MatchContext) => string | undefined): CompiledMatch {
  const r = typeList(firstValue(option) ?? "", { family });
  if (!r.ok) return UNDECIDABLE;
  const types = r.value as AddressType[];
  const read = option.name === "src-type" ? (ctx: MatchContext) => ctx.packet.src : (ctx: MatchContext) => ctx.packet.dst;
  const combine = family === "ipv4" ? anyOf : matchType6;
  return (ctx) => {
    const iface = device(ctx);
    const lookup: Lookup = (host, address, t) => host.addressType(address, t, iface);
    return triInvert(combine(types, read(ctx), ctx.host, lookup), option.inverted);
  };
}

function compileAddrtype(extension: ExtensionNode, family: Family): CompiledMatch {
  const names = new Set(extension.options.map((o) => o.name));
  const device = names.has("limit-iface-in")
    ? (ctx: MatchContext) => ctx.packet.in
    : names.has("limit-iface-out")
      ? (ctx: MatchContext) => ctx.packet.out
      : () => undefined;
  const known = ["src-type", "dst-type", "limit-iface-in", "limit-iface-out"];
  if ([...names].some((n) => !known.includes(n))) return UNDECIDABLE;
  return allOf(extension.options.filter((o) => o.name === "src-type" || o.name === "dst-type").map((o) => compileTypes(o, family, device)));
}

export const addrtypeEvaluator = cachedEvaluator(compileAddrtype);
