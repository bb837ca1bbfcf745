/**
 * Which rules of a chain a packet must look at. kube-proxy's KUBE-SERVICES holds one
 * `-d <cluster IP>/32 --dport N` rule per service port, Docker's nat DOCKER one `--dport N`
 * rule per published port; walking all of them for every packet class made exposure
 * quadratic. A rule whose `-d` is one full-length address can only match packets to that
 * address, and a rule with `-m P --dport N` (one port, no `!`) only packets of protocol P to that port,
 * so rules are indexed by either, or else by a plain `-o NAME` (Docker's per-bridge FORWARD
 * rules); every other rule is always looked at. Destination, port and output interface do not
 * change while a chain is walked (DNAT and REDIRECT end the chain; routing happens between
 * hooks), so the candidates are fixed per (chain, destination, port, out); in rule order.
 */
import type { RuleSpec } from "../ast/nodes.js";
import type { Family } from "../model/netfilter.js";
import type { Chain } from "../model/ruleset.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { requiredDestinationPorts } from "./matches/ports.js";

class ChainIndex {
  private readonly always: number[] = [];
  private readonly byAddress = new Map<bigint, number[]>();
  private readonly byPort = new Map<string, number[]>();
  private readonly byOut = new Map<string, number[]>();
  private readonly merged = new Map<string, readonly number[]>();

  constructor(chain: Chain, family: Family) {
    const full = family === "ipv4" ? "/32" : "/128";
    chain.rules.forEach((rule, i) => {
      const d = rule.command.rule.destination;
      const text = d?.values[0]?.text;
      const address = d && !d.inverted && text !== undefined && !text.includes(",") ? parseAddressText(text.endsWith(full) ? text.slice(0, -full.length) : text, family) : undefined;
      const exactAddress = address !== undefined && !(text?.includes("/") && !text.endsWith(full));
      const port = exactAddress ? undefined : singleDestinationPort(rule.command.rule, family);
      const out = rule.command.rule.outInterface;
      const outName = out && !out.inverted ? out.values[0]?.text : undefined;
      if (exactAddress) push(this.byAddress, address as bigint, i);
      else if (port !== undefined) push(this.byPort, port, i);
      else if (outName !== undefined && !outName.endsWith("+")) push(this.byOut, outName, i);
      else this.always.push(i);
    });
  }

  /** Indices of the rules that may match a packet to `dst` (protocol and port), ascending. */
  candidates(dst: bigint, proto: number, dport: number | undefined, out: string | undefined): readonly number[] {
    const byAddress = this.byAddress.get(dst);
    const byPort = dport === undefined ? undefined : this.byPort.get(`${proto}/${dport}`);
    const byOut = out === undefined ? undefined : this.byOut.get(out);
    if (!byAddress && !byPort && !byOut) return this.always;
    const key = `${dst}|${proto}/${dport}|${out}`;
    let merged = this.merged.get(key);
    if (!merged) {
      merged = [...this.always, ...(byAddress ?? []), ...(byPort ?? []), ...(byOut ?? [])].sort((a, b) => a - b);
      this.merged.set(key, merged);
    }
    return merged;
  }
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/**
 * `proto/port` of a rule whose transport match requires one destination port (`-m tcp
 * --dport 8080`, not inverted): the match is false for every other protocol and port.
 */
function singleDestinationPort(spec: RuleSpec, family: Family): string | undefined {
  for (const match of spec.matches) {
    const required = requiredDestinationPorts(match, family);
    if (required && required.ports.from === required.ports.to) return `${required.protocol}/${required.ports.from}`;
  }
  return undefined;
}

const indexes = new WeakMap<Chain, ChainIndex>();

export function ruleCandidates(chain: Chain, family: Family, dst: bigint, proto: number, dport: number | undefined, out: string | undefined): readonly number[] {
  let index = indexes.get(chain);
  if (!index) {
    index = new ChainIndex(chain, family);
    indexes.set(chain, index);
  }
  return index.candidates(dst, proto, dport, out);
}

/** The position in `candidates` of the first index ≥ `start` (binary search). */
export function firstAtOrAfter(candidates: readonly number[], start: number): number {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((candidates[mid] as number) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
