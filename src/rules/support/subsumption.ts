/**
 * "E matches every packet R matches" (E ⊇ R), decided soundly and conservatively: true only
 * when each condition of E is implied by R's conditions. A condition iptlint cannot compare
 * (a host name, a rate limit, an extension it does not know) makes E cover nothing, so a
 * rule is never called dead when something unknown could keep it alive.
 */
import type { Conditions, IfacePattern } from "./conditions.js";
import { portsWithin } from "./conditions.js";

export function covers(e: Conditions, r: Conditions): boolean {
  if (!e.canCover || !r.judgeable) return false;
  // Cheapest tests first: the address sets allocate.
  return (
    sortedSubset(e.others, r.others) &&
    protocolCovers(e, r) &&
    fragmentCovers(e, r) &&
    e.portProtocols.every((allowed) => r.proto !== undefined && !r.proto.inverted && allowed.includes(r.proto.num)) &&
    ifaceCovers(e.in, r.in) &&
    ifaceCovers(e.out, r.out) &&
    portsWithin(r.sport, e.sport) &&
    portsWithin(r.dport, e.dport) &&
    e.ctstates.every((es) => r.ctstates.some((rs) => [...rs].every((s) => es.has(s)))) &&
    r.src.subtract(e.src).isEmpty() &&
    r.dst.subtract(e.dst).isEmpty()
  );
}

/** ip_packet_match: `(proto != p) ^ invert`, with protocol 0 (`all`) no test at all. */
function protocolCovers(e: Conditions, r: Conditions): boolean {
  if (!e.proto) return true;
  if (!r.proto) return false;
  if (!e.proto.inverted) return !r.proto.inverted && r.proto.num === e.proto.num;
  return r.proto.inverted ? r.proto.num === e.proto.num : r.proto.num !== e.proto.num;
}

function fragmentCovers(e: Conditions, r: Conditions): boolean {
  if (e.fragment === true && r.fragment !== true) return false;
  return !e.nonFragment || r.nonFragment;
}

/**
 * Interface names as sets: `eth0` is one name, `eth+` every name starting with `eth` (and
 * `+` every name, the empty one of a packet without that device included).
 */
function patternWithin(inner: IfacePattern, outer: IfacePattern): boolean {
  return outer.wildcard ? inner.name.startsWith(outer.name) : !inner.wildcard && inner.name === outer.name;
}

function patternsOverlap(a: IfacePattern, b: IfacePattern): boolean {
  if (a.wildcard && b.wildcard) return a.name.startsWith(b.name) || b.name.startsWith(a.name);
  if (a.wildcard) return b.name.startsWith(a.name);
  if (b.wildcard) return a.name.startsWith(b.name);
  return a.name === b.name;
}

/** ifname_compare_aligned with IPT_INV_VIA_IN/OUT: E's names ⊇ R's names. */
function ifaceCovers(e: IfacePattern | undefined, r: IfacePattern | undefined): boolean {
  if (!e || (e.wildcard && e.name === "" && !e.inverted)) return true;
  if (!r) return false;
  if (!e.inverted) return !r.inverted && patternWithin(r, e);
  // E is "anything but X": R's names must avoid X (R positive) or R must exclude at least X.
  return r.inverted ? patternWithin(e, r) : !patternsOverlap(e, r);
}

function sortedSubset(small: readonly string[], big: readonly string[]): boolean {
  let j = 0;
  for (const item of small) {
    while (j < big.length && (big[j] as string) < item) j++;
    if (big[j] !== item) return false;
    j++;
  }
  return true;
}
