/**
 * A packet as the engine walks it through the hooks: the header fields the matches read,
 * the interfaces it came in and goes out on, and the connection-tracking entry it belongs
 * to. Addresses are bigints (IPv4 in the low 32 bits) so that both families share one type.
 */
import type { Family, Hook, TableName } from "../model/netfilter.js";

/** xt_conntrack / xt_state states; SNAT and DNAT are virtual states of ctstate. */
export type ConntrackState = "NEW" | "ESTABLISHED" | "RELATED" | "INVALID" | "UNTRACKED";

/** The conntrack entry as the packet sees it (nf_conn tuples). */
export interface Connection {
  readonly state: ConntrackState;
  /** ORIGINAL for the packet that opened the connection and its direction, REPLY for answers. */
  readonly direction: "ORIGINAL" | "REPLY";
  /** Original-direction tuple: before any NAT of the first packet. */
  readonly origSrc: bigint;
  readonly origDst: bigint;
  readonly origSport?: number;
  readonly origDport?: number;
  /** Reply-direction tuple's source and destination (after NAT of the original direction). */
  readonly replySrc: bigint;
  readonly replyDst: bigint;
  readonly replySport?: number;
  readonly replyDport?: number;
  /** The connection's destination was rewritten by DNAT / source by SNAT or MASQUERADE. */
  readonly dnat: boolean;
  readonly snat: boolean;
  /** CONNMARK value. */
  readonly mark: number;
}

export interface Packet {
  readonly family: Family;
  readonly src: bigint;
  readonly dst: bigint;
  /** IP protocol number (6 tcp, 17 udp, 1 icmp, 58 ipv6-icmp, 132 sctp, …). */
  readonly proto: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** TCP flags as a bitmask: FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32, ECE 64, CWR 128. */
  readonly tcpFlags?: number;
  /** Non-first fragment (`-f`). */
  readonly fragment: boolean;
  /** Total length in bytes, when a length match needs one. */
  readonly length?: number;
  /** Input interface; undefined for locally generated packets (OUTPUT, POSTROUTING of them). */
  readonly in?: string;
  /** Output interface; undefined before the routing decision (PREROUTING, INPUT). */
  readonly out?: string;
  /** nfmark (MARK target, -m mark). */
  readonly mark: number;
  readonly conn: Connection;
}

/** Where a packet is being evaluated: the hook and table of the chain the rule sits in. */
export interface Place {
  readonly hook: Hook;
  readonly table: TableName;
}

/** TCP flag bits as the kernel's tcphdr orders them (and xt_tcpudp's --tcp-flags reads them). */
export const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };
