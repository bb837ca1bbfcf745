/**
 * Every match the engine can ask about a packet, by extension name (the name after `-m`, or
 * the protocol of an implicit `-p tcp` match). A name absent here is undecidable.
 */
import type { MatchEvaluator } from "../match-types.js";
import { addrtypeEvaluator } from "./addrtype.js";
import { cachedEvaluator, ALWAYS } from "./compile.js";
import { conntrackEvaluator, stateEvaluator } from "./conntrack.js";
import { ahEvaluator, espEvaluator, mhEvaluator } from "./header-protocols.js";
import { helperEvaluator } from "./helper.js";
import { icmp6Evaluator, icmpEvaluator } from "./icmp.js";
import { iprangeEvaluator } from "./iprange.js";
import { lengthEvaluator } from "./length.js";
import { connmarkEvaluator, markEvaluator } from "./marks.js";
import { multiportEvaluator } from "./multiport.js";
import { ownerEvaluator } from "./owner.js";
import { pkttypeEvaluator } from "./pkttype.js";
import { dccpEvaluator, sctpEvaluator, tcpEvaluator, udpEvaluator, udpliteEvaluator } from "./ports.js";
import { setEvaluator } from "./set.js";
import { UNDECIDABLE_MATCHES, undecidableEvaluator } from "./undecidable.js";

/** xt_comment.c comment_mt: `return true;`. */
const commentEvaluator = cachedEvaluator(() => ALWAYS);

export const MATCH_EVALUATORS: ReadonlyMap<string, MatchEvaluator> = new Map<string, MatchEvaluator>([
  ["tcp", tcpEvaluator],
  ["udp", udpEvaluator],
  ["udplite", udpliteEvaluator],
  ["sctp", sctpEvaluator],
  ["dccp", dccpEvaluator],
  ["icmp", icmpEvaluator],
  ["icmp6", icmp6Evaluator],
  ["multiport", multiportEvaluator],
  ["addrtype", addrtypeEvaluator],
  ["conntrack", conntrackEvaluator],
  ["state", stateEvaluator],
  ["mark", markEvaluator],
  ["connmark", connmarkEvaluator],
  ["comment", commentEvaluator],
  ["iprange", iprangeEvaluator],
  ["length", lengthEvaluator],
  ["pkttype", pkttypeEvaluator],
  ["owner", ownerEvaluator],
  ["helper", helperEvaluator],
  ["esp", espEvaluator],
  ["ah", ahEvaluator],
  ["mh", mhEvaluator],
  ["set", setEvaluator],
  ...UNDECIDABLE_MATCHES.map((name): [string, MatchEvaluator] => [name, undecidableEvaluator]),
]);
