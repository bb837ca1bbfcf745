/**
 * `-m pkttype` (kernel xt_pkttype.c): `(type == info->pkttype) ^ invert`, with type taken
 * from skb->pkt_type, which the link layer sets on reception (eth_type_trans compares the
 * destination MAC). The packet model has no link layer, so the type is decided only where
 * the IP header settles it:
 * - a locally generated packet keeps the PACKET_HOST (0) of a freshly allocated skb in
 *   OUTPUT and POSTROUTING (only the looped-back copy of a multicast is retyped, later);
 * - a received packet to a unicast IP address was sent to this host's MAC: PACKET_HOST;
 * - a received broadcast or multicast IP packet is whatever its MAC says: undecidable;
 * - PACKET_OTHERHOST never reaches iptables: ip_rcv_core drops it, and br_netfilter turns
 *   it into PACKET_HOST before calling the IP hooks.
 */
import type { ExtensionNode } from "../../ast/nodes.js";
import { isLimitedBroadcast, isMulticastAddress } from "../../model/ip/addresses.js";
import type { MatchContext } from "../match-types.js";
import { triInvert, type Tri } from "../tri.js";
import { cachedEvaluator, firstValue, UNDECIDABLE, type CompiledMatch } from "./compile.js";

type PacketType = "host" | "broadcast" | "multicast" | "otherhost";

/** Whether the packet's destination is a unicast address; unknown for a possible subnet broadcast. */
function unicastDestination(ctx: MatchContext): Tri {
  const { dst, family } = ctx.packet;
  if (isMulticastAddress(dst, family) || isLimitedBroadcast(dst, family)) return false;
  if (family === "ipv6") return true;
  const broadcast = ctx.host.addressType(dst, "BROADCAST");
  return broadcast === "unknown" ? "unknown" : !broadcast;
}

function isType(wanted: PacketType, ctx: MatchContext): Tri {
  if (wanted === "otherhost") return false;
  if (ctx.packet.in === undefined) return wanted === "host";
  const unicast = unicastDestination(ctx);
  if (unicast === true) return wanted === "host";
  return "unknown";
}

function compilePkttype(extension: ExtensionNode): CompiledMatch {
  const option = extension.options[0];
  if (extension.options.length !== 1 || option?.name !== "pkt-type") return UNDECIDABLE;
  const name = (firstValue(option) ?? "").toLowerCase();
  // libxt_pkttype.c supported_types: "host" and "unicast" are both PACKET_HOST
  const wanted: PacketType | undefined = name === "unicast" || name === "host" ? "host" : (["broadcast", "multicast", "otherhost"] as const).find((t) => t === name);
  if (wanted === undefined) return UNDECIDABLE;
  return (ctx) => triInvert(isType(wanted, ctx), option.inverted);
}

export const pkttypeEvaluator = cachedEvaluator(compilePkttype);
