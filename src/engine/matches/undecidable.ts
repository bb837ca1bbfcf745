/**
 * Matches whose answer lies outside the dump and the packet model: the engine follows both
 * outcomes of each. Grouped by what they would need.
 */
import { cachedEvaluator, UNDECIDABLE } from "./compile.js";

export const UNDECIDABLE_MATCHES: readonly string[] = [
  // time and counters: the rate, the clock, the byte and packet counts so far
  "limit", "hashlimit", "recent", "statistic", "time", "quota", "connlimit", "connbytes", "nfacct",
  // state held outside iptables: ipsets, IPsec policies, IPVS, sockets, cgroups, clusters
  "policy", "ipvs", "socket", "cgroup", "cluster", "connlabel", "cpu",
  // payload and header fields the packet model does not carry
  "string", "u32", "bpf", "osf", "tos", "dscp", "ecn", "ttl", "hl", "tcpmss",
  "frag", "hbh", "rt", "dst", "ipv6header", "ipcomp", "l2tp",
  // the link layer and the bridge: MAC addresses, bridge ports (whether br_netfilter sees the
  // packet as bridged is not in the dump), device groups and routing realms
  "mac", "eui64", "physdev", "devgroup", "realm",
  // the reverse-path lookup needs the host's full routing table and rp_filter rules
  "rpfilter",
];

export const undecidableEvaluator = cachedEvaluator(() => UNDECIDABLE);
