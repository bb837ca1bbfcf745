/**
 * The transport matches: tcp, udp, udplite (kernel xt_tcpudp.c), sctp (xt_sctp.c) and dccp
 * (xt_dccp.c). Each checks each given option on its own, `!` inverting that option only:
 * port_match() is `(port >= min && port <= max) ^ invert`, so `! --dport 80` matches every
 * other port of a packet of the protocol. All of them return false for a non-first fragment
 * (`if (par->fragoff != 0) return false;`, before any inversion) since it has no header.
 */
import type { ExtensionNode, OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { portRangeFor, x6PortRange, type PortRange } from "../../model/values/port.js";
import type { ValueCheck } from "../../model/extensions/types.js";
import { tcpFlagList } from "../../model/values/tcpflags.js";
import type { Packet } from "../packet.js";
import { cachedEvaluator, fieldInRange, firstValue, optionwise, undecidableOption, type CompiledMatch, type OptionCompiler } from "./compile.js";

/** A port option whose value the extension's own parser reads (names, `A:B`, `:B`, `A:`). */
function portOption(parse: ValueCheck, read: (packet: Packet) => number | undefined): OptionCompiler {
  return (option, family) => {
    const r = parse(firstValue(option) ?? "", { family });
    if (!r.ok) return undefined;
    const { from, to } = r.value as PortRange;
    return fieldInRange(read, from, to);
  };
}

const sport = (p: Packet) => p.sport;
const dport = (p: Packet) => p.dport;

/**
 * The match returns false before reading any option when the packet is not of its
 * protocol (the kernel refuses the rule without `-p PROTO`, so the base match already said
 * no) or is a non-first fragment.
 */
function transportMatch(protocol: number, handlers: Readonly<Record<string, OptionCompiler>>) {
  return cachedEvaluator((extension: ExtensionNode, family: Family): CompiledMatch => {
    const options = optionwise(handlers, extension, family);
    return (ctx) => (ctx.packet.proto !== protocol || ctx.packet.fragment ? false : options(ctx));
  });
}

/** `--tcp-flags MASK COMP`: `(flags & MASK) == COMP` on byte 13 of the TCP header. */
function tcpFlagsTest(mask: number, comp: number): CompiledMatch {
  return ({ packet }) => (packet.tcpFlags === undefined ? "unknown" : (packet.tcpFlags & mask) === comp);
}

const tcpFlags: OptionCompiler = (option: OptionNode, family) => {
  const [maskWord, compWord] = option.values;
  const mask = tcpFlagList(maskWord?.text ?? "", { family });
  const comp = tcpFlagList(compWord?.text ?? "", { family });
  return mask.ok && comp.ok ? tcpFlagsTest(mask.value as number, comp.value as number) : undefined;
};

/** libxt_tcp.c: `--syn` is `--tcp-flags FIN,SYN,RST,ACK SYN`. */
const SYN_ONLY = tcpFlagsTest(0x01 | 0x02 | 0x04 | 0x10, 0x02);

const tcpPort = portRangeFor("tcp");
const sctpPort = portRangeFor("sctp");

/** XTTYPE_PORTRC options (udp, dccp) name themselves in messages only; any name parses alike. */
const x6Port = x6PortRange("port", "port");

export const tcpEvaluator = transportMatch(6, {
  sport: portOption(tcpPort, sport),
  dport: portOption(tcpPort, dport),
  syn: () => SYN_ONLY,
  "tcp-flags": tcpFlags,
  // tcp_find_option walks the TCP options, which the packet model does not hold.
  "tcp-option": undecidableOption,
});

const udpHandlers = { sport: portOption(x6Port, sport), dport: portOption(x6Port, dport) };

export const udpEvaluator = transportMatch(17, udpHandlers);

/** xt_tcpudp.c registers udp_mt a second time as "udplite" with .proto = IPPROTO_UDPLITE. */
export const udpliteEvaluator = transportMatch(136, udpHandlers);

export const sctpEvaluator = transportMatch(132, {
  sport: portOption(sctpPort, sport),
  dport: portOption(sctpPort, dport),
  // match_packet walks the SCTP chunks, which the packet model does not hold.
  "chunk-types": undecidableOption,
});

/**
 * libxt_dccp.c: XTTYPE_PORTRC ports. The registry has no dccp entry yet, so its option
 * names are the words as written: both the long names and the aliases are listed.
 */
/** How each transport match reads `--dport`, and the protocol it requires of the packet. */
const DESTINATION_PORT: Readonly<Record<string, { readonly protocol: number; readonly parse: ValueCheck }>> = {
  tcp: { protocol: 6, parse: tcpPort },
  udp: { protocol: 17, parse: x6Port },
  udplite: { protocol: 136, parse: x6Port },
  sctp: { protocol: 132, parse: sctpPort },
  dccp: { protocol: 33, parse: x6Port },
};

/**
 * The ports a transport match's `--dport` (not inverted) requires, read as its evaluator
 * reads them, with the protocol the match requires (it is false for any other); undefined
 * when the match is not a transport match or sets no such port.
 */
export function requiredDestinationPorts(extension: ExtensionNode, family: Family): { readonly protocol: number; readonly ports: PortRange } | undefined {
  const reader = Object.hasOwn(DESTINATION_PORT, extension.name) ? DESTINATION_PORT[extension.name] : undefined;
  const option = extension.options.find((o) => o.name === "dport" || o.name === "destination-port");
  if (!reader || !option || option.inverted) return undefined;
  const r = reader.parse(firstValue(option) ?? "", { family });
  return r.ok ? { protocol: reader.protocol, ports: r.value as PortRange } : undefined;
}

export const dccpEvaluator = transportMatch(33, {
  sport: portOption(x6Port, sport),
  "source-port": portOption(x6Port, sport),
  dport: portOption(x6Port, dport),
  "destination-port": portOption(x6Port, dport),
  "dccp-types": undecidableOption,
  "dccp-option": undecidableOption,
});
