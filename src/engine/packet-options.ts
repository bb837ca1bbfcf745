/**
 * `iptlint trace` options (--src, --dst, --proto, --sport, --dport, --in, --state) as a
 * packet, with messages that say which option is wrong.
 */
import type { Family } from "../model/netfilter.js";
import { protocolNumber } from "../model/values/protocol.js";
import { parsePort } from "../model/values/port.js";
import { parseAddressText } from "../model/ip/addresses.js";
import type { ConntrackState } from "./packet.js";
import type { PacketSpec } from "./pipeline.js";

export interface TraceOptions {
  readonly src?: string;
  readonly dst?: string;
  readonly proto?: string;
  readonly sport?: string;
  readonly dport?: string;
  readonly in?: string;
  readonly state?: string;
}

const STATES: readonly ConntrackState[] = ["NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"];

export function familyOfAddress(text: string | undefined): Family | undefined {
  if (text === undefined) return undefined;
  return text.includes(":") ? "ipv6" : "ipv4";
}

export function packetSpec(o: TraceOptions, family: Family): { spec?: Omit<PacketSpec, "src"> & { src: bigint }; error?: string } {
  if (!o.src || !o.dst) return { error: "trace needs --src ADDR and --dst ADDR" };
  const src = parseAddressText(o.src, family);
  if (src === undefined) return { error: `--src ${o.src}: not an ${family === "ipv4" ? "IPv4" : "IPv6"} address` };
  const dst = parseAddressText(o.dst, family);
  if (dst === undefined) return { error: `--dst ${o.dst}: not an ${family === "ipv4" ? "IPv4" : "IPv6"} address` };
  const protoName = (o.proto ?? "tcp").toLowerCase();
  const proto = /^\d+$/.test(protoName) ? Number(protoName) : protocolNumber(protoName === "icmpv6" ? "ipv6-icmp" : protoName);
  if (proto === undefined || proto > 255) return { error: `--proto ${o.proto}: unknown protocol (tcp, udp, sctp, icmp, or a number)` };
  const hasPorts = [6, 17, 132, 33, 136].includes(proto);
  const port = (text: string | undefined): number | undefined | null => {
    if (text === undefined) return undefined;
    const p = parsePort(text, protoName);
    return p === undefined ? null : p;
  };
  const dport = port(o.dport);
  const sport = port(o.sport);
  if (dport === null) return { error: `--dport ${o.dport}: not a port number or service name` };
  if (sport === null) return { error: `--sport ${o.sport}: not a port number or service name` };
  if (hasPorts && dport === undefined) return { error: `trace needs --dport for ${protoName}` };
  const state = (o.state ?? "NEW").toUpperCase() as ConntrackState;
  if (!STATES.includes(state)) return { error: `--state ${o.state}: one of ${STATES.join(", ")}` };
  return {
    spec: {
      src,
      dst,
      proto,
      ...(hasPorts ? { sport: sport ?? 40000, dport: dport as number } : {}),
      in: o.in ?? "",
      state,
    },
  };
}
