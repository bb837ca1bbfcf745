/**
 * IP protocols as xtables_parse_protocol (libxtables/xtables.c) resolves them: a number
 * 0..255 (base 0), "all", a name or alias of /etc/protocols (glibc getprotobyname,
 * case-sensitive), or one of iptables' built-in xtables_chain_protos. `-p` lower-cases its
 * argument first (xshared.c), the XTTYPE_PROTOCOL options (--ctproto, policy --proto) do not.
 */
import type { ValueCheck } from "../extensions/types.js";
import { parseUint } from "./number.js";
import { bad, ok } from "./result.js";

/** Debian netbase 6.4 /etc/protocols: `name number aliases...`. */
const PROTOCOLS_TEXT = `
ip 0 IP
hopopt 0 HOPOPT
icmp 1 ICMP
igmp 2 IGMP
ggp 3 GGP
ipencap 4 IP-ENCAP
st 5 ST
tcp 6 TCP
egp 8 EGP
igp 9 IGP
pup 12 PUP
udp 17 UDP
hmp 20 HMP
xns-idp 22 XNS-IDP
rdp 27 RDP
iso-tp4 29 ISO-TP4
dccp 33 DCCP
xtp 36 XTP
ddp 37 DDP
idpr-cmtp 38 IDPR-CMTP
ipv6 41 IPv6
ipv6-route 43 IPv6-Route
ipv6-frag 44 IPv6-Frag
idrp 45 IDRP
rsvp 46 RSVP
gre 47 GRE
esp 50 IPSEC-ESP
ah 51 IPSEC-AH
skip 57 SKIP
ipv6-icmp 58 IPv6-ICMP
ipv6-nonxt 59 IPv6-NoNxt
ipv6-opts 60 IPv6-Opts
rspf 73 RSPF CPHB
vmtp 81 VMTP
eigrp 88 EIGRP
ospf 89 OSPFIGP
ax.25 93 AX.25
ipip 94 IPIP
etherip 97 ETHERIP
encap 98 ENCAP
pim 103 PIM
ipcomp 108 IPCOMP
vrrp 112 VRRP
l2tp 115 L2TP
isis 124 ISIS
sctp 132 SCTP
fc 133 FC
mobility-header 135 Mobility-Header
udplite 136 UDPLite
mpls-in-ip 137 MPLS-in-IP
manet 138
hip 139 HIP
shim6 140 Shim6
wesp 141 WESP
rohc 142 ROHC
ethernet 143 Ethernet
mptcp 262 MPTCP
`;

/** xtables_chain_protos (libxtables/xtables.c): names iptables knows without /etc/protocols. */
const CHAIN_PROTOS: ReadonlyArray<readonly [string, number]> = [
  ["tcp", 6],
  ["sctp", 132],
  ["udp", 17],
  ["udplite", 136],
  ["icmp", 1],
  ["icmpv6", 58],
  ["ipv6-icmp", 58],
  ["esp", 50],
  ["ah", 51],
  ["ipv6-mh", 135],
  ["mh", 135],
  ["all", 0],
];

export const PROTOCOL_NUMBERS: ReadonlyMap<string, number> = buildProtocolTable();

function buildProtocolTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const line of PROTOCOLS_TEXT.split("\n")) {
    const [name, num, ...aliases] = line.split(" ");
    if (name === undefined || num === undefined || name === "") continue;
    for (const n of [name, ...aliases]) if (!table.has(n)) table.set(n, Number(num));
  }
  for (const [name, num] of CHAIN_PROTOS) if (!table.has(name)) table.set(name, num);
  return table;
}

/** The protocol number of a name or number as xtables_parse_protocol, case-sensitive. */
export function protocolNumber(name: string): number | undefined {
  const n = parseUint(name, 0, 255);
  if (n !== undefined) return n;
  if (name === "all") return 0;
  return PROTOCOL_NUMBERS.get(name);
}

/** The name iptables-save prints for a protocol number (xtables_chain_protos first). */
export function protocolName(num: number): string | undefined {
  for (const [name, n] of CHAIN_PROTOS) if (n === num && name !== "all") return name;
  for (const [name, n] of PROTOCOL_NUMBERS) if (n === num) return name;
  return undefined;
}

/** XTTYPE_PROTOCOL options (conntrack --ctproto, policy --proto): no lower-casing. */
export const protocolExact: ValueCheck = (text) => {
  const n = protocolNumber(text);
  return n === undefined ? bad(`unknown protocol "${text}" specified`) : ok(n);
};

/** `-p`: iptables lower-cases the word before resolving it ("TCP" works, "icmp6" does not). */
export const protocol: ValueCheck = (text) => {
  const lower = text.toLowerCase();
  const n = protocolNumber(lower);
  return n === undefined ? bad(`unknown protocol "${lower}" specified`) : ok(n);

};
