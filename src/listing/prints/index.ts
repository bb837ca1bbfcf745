/**
 * Every reader of print() text, and the reading of a row's extension text with them: the
 * matches in the order the rule holds them, then the target's own text, which must take the
 * row to its end. A reader that matches but leaves text no other reader can continue from is
 * undone and the next one tried (a comment may hold ` *\/`; `limit:` starts both limit and
 * hashlimit), so the whole row is read or the row is reported.
 */
import type { Family } from "../../model/netfilter.js";
import type { GenWord, Loss, Piece, Scanner } from "../scanner.js";
import { addrtypePrint, devgroupPrint, iprangePrint, macPrint, physdevPrint, pkttypePrint, policyPrint, setPrint } from "./addresses.js";
import { conntrackPrint, statePrint } from "./conntrack.js";
import { ahPrint, connmarkPrint, dscpPrint, ecnPrint, espPrint, hlPrint, lengthPrint, markPrint, tcpmssPrint, tosPrint, ttlPrint } from "./headers.js";
import { icmp6Print, icmpPrint } from "./icmp.js";
import { dstPrint, fragPrint, hbhPrint, ipv6headerPrint, mhPrint, rtPrint } from "./ipv6.js";
import { dnatTarget, masqueradeTarget, netmapTarget, redirectTarget, snatTarget } from "./nat.js";
import { multiportPrint, sctpPrint, tcpPrint, udpPrint } from "./ports.js";
import { connbytesPrint, connlimitPrint, hashlimitPrint, limitPrint, quotaPrint, recentPrint, statisticPrint } from "./rates.js";
import {
  checksumTarget, classifyTarget, connmarkTarget, ctTarget, dscpTarget, hlTarget, logTarget, markTarget, nflogTarget,
  nfqueueTarget, rejectTarget, silentTarget, tcpmssTarget, tosTarget, tproxyTarget, ttlTarget,
} from "./targets.js";
import { cgroupPrint, commentPrint, helperPrint, ownerPrint, rpfilterPrint, socketPrint, stringPrint, timePrint, u32Print } from "./text.js";
import type { MatchReader, PrintContext, TargetReader } from "./types.js";

export const MATCH_READERS: readonly MatchReader[] = [
  tcpPrint, udpPrint, sctpPrint, multiportPrint, icmpPrint, icmp6Print,
  statePrint, conntrackPrint, addrtypePrint, iprangePrint, macPrint, setPrint, policyPrint, physdevPrint, pkttypePrint, devgroupPrint,
  markPrint, connmarkPrint, tosPrint, dscpPrint, ttlPrint, hlPrint, ecnPrint, lengthPrint, tcpmssPrint, espPrint, ahPrint,
  fragPrint, rtPrint, hbhPrint, dstPrint, ipv6headerPrint, mhPrint,
  limitPrint, hashlimitPrint, quotaPrint, connlimitPrint, connbytesPrint, statisticPrint, recentPrint,
  commentPrint, stringPrint, u32Print, helperPrint, cgroupPrint, ownerPrint, timePrint, rpfilterPrint, socketPrint,
];

/** Standard verdicts and chains print nothing; neither does TRACE. */
export const VERDICTS = ["ACCEPT", "DROP", "RETURN", "QUEUE"];

const TARGET_LIST: readonly TargetReader[] = [
  silentTarget([...VERDICTS, "TRACE"]),
  rejectTarget, logTarget, nflogTarget, nfqueueTarget, markTarget, connmarkTarget, ctTarget, tcpmssTarget, checksumTarget,
  classifyTarget, dscpTarget, tosTarget, ttlTarget, hlTarget, tproxyTarget,
  dnatTarget, snatTarget, masqueradeTarget, redirectTarget, netmapTarget,
];

export const TARGET_READERS: ReadonlyMap<string, TargetReader> = new Map(TARGET_LIST.flatMap((r) => r.names.map((n) => [n, r] as const)));

export interface ReadExtensions {
  readonly matches: GenWord[];
  /** The words after `-j NAME`; undefined when the target's text could not be read. */
  readonly target: GenWord[] | undefined;
}

/**
 * Reads the extension text from the scanner's position to the end. `target` is the target's
 * reader (undefined for a chain: then everything must be matches; null for a target
 * extension iptlint cannot read: what the matches leave is its text).
 */
export function readExtensions(s: Scanner, ctx: PrintContext, target: { reader: TargetReader | null | undefined; piece: Piece }): ReadExtensions | undefined {
  const readers = MATCH_READERS.filter((r) => !r.families || r.families.includes(ctx.family as Family));
  const failed = new Set<number>();
  // Names that made a reading fail (a service name netbase lacks): if no reading succeeds,
  // they are why, and the row reports them instead of "cannot read".
  const dropped: Loss[] = [];
  const undo = (to: number) => {
    for (const l of ctx.losses.splice(to)) if (l.effect === "dropped" && !dropped.some((d) => d.at.start === l.at.start)) dropped.push(l);
  };
  const solve = (pos: number): ReadExtensions | undefined => {
    if (failed.has(pos)) return undefined;
    const losses = ctx.losses.length;
    s.reset(pos);
    if (target.reader) {
      const t = target.reader.read(s, ctx, target.piece);
      if (t) return { matches: [], target: t };
    } else if (s.atEnd()) return { matches: [], target: [] };
    for (const r of readers) {
      s.reset(pos);
      undo(losses);
      const alternatives = r.alternatives ? r.alternatives(s, ctx) : ((w) => (w ? [{ words: w, end: s.pos }] : []))(r.read(s, ctx));
      for (const alt of alternatives) {
        if (alt.end === pos) continue;
        const rest = solve(alt.end);
        if (rest) return { matches: [...alt.words, ...rest.matches], target: rest.target };
      }
    }
    undo(losses);
    if (target.reader === null) {
      // A target iptlint does not know: the rest of the row is its text, which is not read.
      s.reset(pos);
      return { matches: [], target: undefined };
    }
    failed.add(pos);
    return undefined;
  };
  const read = solve(s.pos);
  if (!read) ctx.losses.push(...dropped);
  return read;
}
