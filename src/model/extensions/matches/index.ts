/** Every match extension iptlint knows, in the order iptables users meet them most. */
import type { ExtensionSpec } from "../types.js";
import { addrtypeMatch } from "./addrtype.js";
import { ah6Match, ahMatch } from "./ah.js";
import { cgroupMatch } from "./cgroup.js";
import { commentMatch } from "./comment.js";
import { connbytesMatch } from "./connbytes.js";
import { connlimitMatch } from "./connlimit.js";
import { connmarkMatch } from "./connmark.js";
import { conntrackMatch } from "./conntrack.js";
import { devgroupMatch } from "./devgroup.js";
import { dscpMatch } from "./dscp.js";
import { dstMatch } from "./dst.js";
import { ecnMatch } from "./ecn.js";
import { espMatch } from "./esp.js";
import { fragMatch } from "./frag.js";
import { hashlimitMatch } from "./hashlimit.js";
import { hbhMatch } from "./hbh.js";
import { helperMatch } from "./helper.js";
import { hlMatch } from "./hl.js";
import { icmpMatch } from "./icmp.js";
import { icmp6Match } from "./icmp6.js";
import { iprangeMatch } from "./iprange.js";
import { ipv6headerMatch } from "./ipv6header.js";
import { lengthMatch } from "./length.js";
import { limitMatch } from "./limit.js";
import { macMatch } from "./mac.js";
import { markMatch } from "./mark.js";
import { mhMatch } from "./mh.js";
import { multiportMatch } from "./multiport.js";
import { ownerMatch } from "./owner.js";
import { physdevMatch } from "./physdev.js";
import { pkttypeMatch } from "./pkttype.js";
import { policyMatch } from "./policy.js";
import { quotaMatch } from "./quota.js";
import { recentMatch } from "./recent.js";
import { rpfilterMatch } from "./rpfilter.js";
import { rtMatch } from "./rt.js";
import { sctpMatch } from "./sctp.js";
import { setMatch } from "./set.js";
import { socketMatch } from "./socket.js";
import { stateMatch } from "./state.js";
import { statisticMatch } from "./statistic.js";
import { stringMatch } from "./string.js";
import { tcpMatch } from "./tcp.js";
import { tcpmssMatch } from "./tcpmss.js";
import { timeMatch } from "./time.js";
import { tosMatch } from "./tos.js";
import { ttlMatch } from "./ttl.js";
import { u32Match } from "./u32.js";
import { udpMatch } from "./udp.js";

export const MATCHES: readonly ExtensionSpec[] = [
  macMatch,
  stateMatch,
  tcpMatch,
  multiportMatch,
  udpMatch,
  conntrackMatch,
  addrtypeMatch,
  icmpMatch,
  icmp6Match,
  commentMatch,
  limitMatch,
  recentMatch,
  hlMatch,
  ownerMatch,
  setMatch,
  iprangeMatch,
  markMatch,
  pkttypeMatch,
  hashlimitMatch,
  policyMatch,
  connlimitMatch,
  sctpMatch,
  rtMatch,
  ttlMatch,
  timeMatch,
  physdevMatch,
  connmarkMatch,
  stringMatch,
  rpfilterMatch,
  statisticMatch,
  lengthMatch,
  tosMatch,
  dscpMatch,
  helperMatch,
  espMatch,
  ahMatch,
  ah6Match,
  fragMatch,
  ipv6headerMatch,
  hbhMatch,
  dstMatch,
  mhMatch,
  u32Match,
  socketMatch,
  devgroupMatch,
  cgroupMatch,
  connbytesMatch,
  ecnMatch,
  quotaMatch,
  tcpmssMatch,
];
