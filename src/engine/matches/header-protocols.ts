/**
 * Matches on the header of one IP protocol: esp (kernel xt_esp.c), IPv4 ah (ipt_ah.c) and
 * mh (ip6t_mh.c). Each is registered with .proto, so the kernel loads it only behind
 * `-p PROTO`; its match function returns false for a non-first fragment and otherwise
 * compares header fields (SPI, MH type) the packet model does not carry. With no option
 * the defaults cover every value (spis 0:0xFFFFFFFF, types 0:255) and the match holds.
 * IPv6 ah (ip6t_ah.c) searches the extension-header chain for an AH header instead, which
 * Packet.proto (the upper-layer protocol) does not show: undecidable.
 */
import type { ExtensionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { cachedEvaluator, UNDECIDABLE, type CompiledMatch } from "./compile.js";

function headerMatch(protocol: number) {
  return (extension: ExtensionNode): CompiledMatch => {
    const decided = extension.options.length === 0;
    return ({ packet }) => (packet.proto !== protocol || packet.fragment ? false : decided || "unknown");
  };
}

export const espEvaluator = cachedEvaluator(headerMatch(50));

export const mhEvaluator = cachedEvaluator(headerMatch(135));

const ah4 = headerMatch(51);

export const ahEvaluator = cachedEvaluator((extension: ExtensionNode, family: Family) => (family === "ipv4" ? ah4(extension) : UNDECIDABLE));
