/**
 * The words after a route's destination, as iproute2's iproute.c print_route writes them:
 * `via [inet|inet6] GW`, `dev D`, `table T`, `proto P`, `scope S`, `src A`, `metric N`,
 * then route metrics (`mtu [lock] N`, `advmss N`, …), IPv6's `expires Ns` and `pref P`,
 * flags without a value (`onlink`, `linkdown`, `dead`, …), and for a multipath route one
 * `nexthop via GW dev D weight W [flags]` per path (on their own indented lines, or inline
 * with `ip -o route`). A word this reader does not know is kept as a flag: iproute2 adds
 * keywords over time, and none of the ones it reads here changes meaning because of them.
 */
import type { Family } from "../model/netfilter.js";
import { parseAddress } from "./ip-values.js";
import type { Word } from "./text-lines.js";
import type { HostInputProblem, Nexthop } from "./types.js";
import type { RouteDraft } from "./route-draft.js";

/** Keywords followed by one value that this reader keeps or skips. */
const VALUED = new Set([
  "dev", "table", "proto", "scope", "src", "metric", "pref", "expires", "error", "tos", "dsfield", "realm", "realms", "nhid", "from",
  "advmss", "hoplimit", "initcwnd", "initrwnd", "rtt", "rttvar", "rto_min", "ssthresh", "cwnd", "window", "reordering", "features",
  "quickack", "fastopen_no_cookie", "ttl-propagate", "uid", "weight", "mtu", "congctl",
]);
/** Route metrics that ip prints with `lock` in front of the value when locked. */
const LOCKABLE = new Set(["mtu", "advmss", "hoplimit", "initcwnd", "initrwnd", "rtt", "rttvar", "rto_min", "ssthresh", "cwnd", "window", "reordering", "congctl"]);

export interface WordReader {
  readonly ws: readonly Word[];
  i: number;
  readonly line: number;
  readonly problems: HostInputProblem[];
}

function problem(r: WordReader, w: Word | undefined, message: string): false {
  r.problems.push({ line: r.line, ...(w ? { column: w.column } : {}), message });
  return false;
}

/** `via [inet|inet6] ADDR`: the gateway, and its family when written. */
function readVia(r: WordReader): { via: string; family?: Family } | undefined {
  let w = r.ws[++r.i];
  let family: Family | undefined;
  if (w?.text === "inet" || w?.text === "inet6") {
    family = w.text === "inet6" ? "ipv6" : "ipv4";
    w = r.ws[++r.i];
  }
  const gateway = w ? parseAddress(w.text) : undefined;
  if (!w || !gateway || (family !== undefined && gateway.family !== family)) {
    problem(r, w ?? r.ws[r.i - 1], w ? `\`${w.text}' is not a gateway address` : "`via` without a gateway (is the line cut short?)");
    return undefined;
  }
  return { via: gateway.text, ...(family ? { family } : {}) };
}

/** The value after a VALUED keyword (skipping `lock`); undefined and a problem when missing. */
function readValue(r: WordReader): string | undefined {
  const key = r.ws[r.i]!;
  if (LOCKABLE.has(key.text) && r.ws[r.i + 1]?.text === "lock") r.i++;
  const w = r.ws[++r.i];
  if (!w) problem(r, key, `\`${key.text}' without a value (is the line cut short?)`);
  return w?.text;
}

function readNexthop(r: WordReader): Nexthop | undefined {
  const hop: { via?: string; dev?: string; weight?: number; flags: string[] } = { flags: [] };
  for (r.i++; r.i < r.ws.length && r.ws[r.i]!.text !== "nexthop"; r.i++) {
    const key = r.ws[r.i]!.text;
    if (key === "\\") continue;
    if (key === "via") {
      const via = readVia(r);
      if (!via) return undefined;
      hop.via = via.via;
    } else if (VALUED.has(key)) {
      const value = readValue(r);
      if (value === undefined) return undefined;
      if (key === "dev") hop.dev = value;
      if (key === "weight" && /^[0-9]+$/.test(value)) hop.weight = Number(value);
    } else {
      hop.flags.push(key);
    }
  }
  r.i--;
  return hop;
}

function keep(d: RouteDraft, key: string, value: string, r: WordReader): boolean {
  switch (key) {
    case "dev":
    case "table":
    case "proto":
    case "scope":
    case "pref":
      d[key] = value;
      return true;
    case "src": {
      const a = parseAddress(value);
      if (!a) return problem(r, r.ws[r.i], `\`${value}' is not a source address`);
      d.src = a.text;
      return true;
    }
    case "metric":
      if (!/^[0-9]+$/.test(value)) return problem(r, r.ws[r.i], `\`${value}' is not a metric`);
      d.metric = Number(value);
      return true;
    default:
      return true;
  }
}

/** Reads the words from r.i on into the draft; false when one of them was broken. */
export function readRouteWords(r: WordReader, d: RouteDraft): boolean {
  for (; r.i < r.ws.length; r.i++) {
    const key = r.ws[r.i]!.text;
    // `ip -o route` folds a multipath route's nexthop lines into one with backslashes.
    if (key === "\\") continue;
    if (key === "via") {
      const via = readVia(r);
      if (!via) return false;
      d.via = via.via;
      if (via.family) d.viaFamily = via.family;
    } else if (key === "nexthop") {
      const hop = readNexthop(r);
      if (!hop) return false;
      d.nexthops.push(hop);
    } else if (VALUED.has(key)) {
      const value = readValue(r);
      if (value === undefined || !keep(d, key, value, r)) return false;
    } else {
      d.flags.push(key);
    }
  }
  return true;
}
