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
 *
 * A packet on one input interface (or a piece of one interface class) is also spared the
 * `-i NAME` rules of other interfaces (nat DOCKER's `-i <br> -j RETURN`, the
 * DOCKER-ISOLATION-STAGE-1 jumps, FORWARD's `-i <br> ! -o <br> -j ACCEPT`: one per bridge on
 * every path), `--dport A:B` ranges that do not hold its port, and exact-address rules for
 * other ports of that address. Skipping a rule must be exactly what the walk would have done
 * with it, so those finer buckets leave out what the walk does not simply pass by: a rule with
 * `-s` (the walk splits the piece by source before the other tests say no), an `-i` name that
 * is not valid (xtables_parse_interface: empty, IFNAMSIZ or longer; the matcher cannot decide
 * it), and any rule for a piece of several classes (it splits at every `-i` test, matching or
 * not, and the classes split off walk on alone).
 */
import type { RuleSpec } from "../ast/nodes.js";
import type { Family } from "../model/netfilter.js";
import type { Chain } from "../model/ruleset.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { IFNAMSIZ } from "../model/values/iface.js";
import { IntervalIndex, type Interval } from "../model/interval-index.js";
import { requiredDestinationPorts } from "./matches/ports.js";

/**
 * The input interface a walk asks about: a name (a packet on one interface, or a piece whose
 * classes are one), "" for a packet without one (generated locally: no `-i NAME` matches it),
 * the class names of a piece of a few classes, or ANY_INPUT for a piece of many (every `-i`
 * rule may split it).
 */
export const ANY_INPUT: unique symbol = Symbol("any input interface");
export type InputKey = string | readonly string[] | typeof ANY_INPUT;

/** Rule indices by what a rule requires of the packet; a rule sits in one bucket. */
class Buckets {
  readonly always: number[] = [];
  readonly byAddress = new Map<bigint, number[]>();
  /** Both an exact `-d` and one `--dport`: Docker's DNATs of ports published on one host address (`-d 127.0.0.1/32 … --dport N`). */
  readonly byAddressPort = new Map<string, number[]>();
  readonly byPort = new Map<string, number[]>();
  /** `--dport A:B` by protocol: Docker's DNATs of published port ranges. */
  readonly byPortRange = new Map<number, Interval<number>[]>();
  readonly byOut = new Map<string, number[]>();
  readonly byIn = new Map<string, number[]>();
}

class ChainIndex {
  /**
   * The buckets for a piece of several interface classes. Such a piece splits at every `-i`
   * test it meets, even at a rule that then does not match, and the classes split off walk on
   * alone; only the rules the walk has always skipped are skipped for it (exact -d, one
   * --dport, plain -o), so that its forks stay as they were, and the `-i NAME` rules of
   * classes it does not hold, which it passes by untouched (the split finds no class).
   */
  private readonly manyInputs = new Buckets();
  /** manyInputs.always with every rule of manyInputs.byIn: for a piece of many classes. */
  private readonly manyAlways: readonly number[];
  /**
   * The buckets for a packet on one interface (or a piece of one class): a rule that does
   * not match it has no effect on it unless the rule has `-s` (see the top), so every other
   * rule is indexed by what it requires.
   */
  private readonly oneInput = new Buckets();
  /** oneInput.byPortRange searchable by port. */
  private readonly ranges = new Map<number, IntervalIndex<number>>();
  private readonly merged = new Map<string, readonly number[]>();

  constructor(chain: Chain, family: Family) {
    const full = family === "ipv4" ? "/32" : "/128";
    chain.rules.forEach((rule, i) => {
      const spec = rule.command.rule;
      const d = spec.destination;
      const text = d?.values[0]?.text;
      const address = d && !d.inverted && text !== undefined && !text.includes(",") ? parseAddressText(text.endsWith(full) ? text.slice(0, -full.length) : text, family) : undefined;
      const exactAddress = address !== undefined && !(text?.includes("/") && !text.endsWith(full));
      const { port, range: firstRange } = destinationPorts(spec, family);
      const out = spec.outInterface;
      const outName = out && !out.inverted ? out.values[0]?.text : undefined;
      const plainOut = outName !== undefined && !outName.endsWith("+");
      const inText = spec.inInterface && !spec.inInterface.inverted ? spec.inInterface.values[0]?.text : undefined;
      const many = this.manyInputs;
      if (exactAddress) push(many.byAddress, address as bigint, i);
      else if (port !== undefined) push(many.byPort, port, i);
      else if (plainOut) push(many.byOut, outName, i);
      // The walk compares the text with the class names (interface-set.ts), valid or not.
      else if (inText !== undefined && !inText.endsWith("+")) push(many.byIn, inText, i);
      else many.always.push(i);
      const inName = exactInterface(spec.inInterface);
      const range = port === undefined ? firstRange : undefined;
      const one = this.oneInput;
      if (spec.source) {
        // As for a piece of several classes: the walk splits by -s before the other tests.
        if (exactAddress) push(one.byAddress, address as bigint, i);
        else if (port !== undefined) push(one.byPort, port, i);
        else if (plainOut) push(one.byOut, outName, i);
        else one.always.push(i);
      } else if (exactAddress && port !== undefined) push(one.byAddressPort, `${address}|${port}`, i);
      else if (exactAddress) push(one.byAddress, address as bigint, i);
      else if (port !== undefined) push(one.byPort, port, i);
      else if (range) push(one.byPortRange, range.protocol, { from: range.ports.from, to: range.ports.to, value: i });
      else if (plainOut) push(one.byOut, outName, i);
      else if (inName !== undefined) push(one.byIn, inName, i);
      else one.always.push(i);
    });
    for (const [protocol, list] of this.oneInput.byPortRange) this.ranges.set(protocol, new IntervalIndex(list));
    const many = this.manyInputs;
    this.manyAlways = many.byIn.size === 0 ? many.always : [...many.always, ...[...many.byIn.values()].flat()].sort((x, y) => x - y);
  }

  /** Indices of the rules that may match a packet to `dst` (protocol and port, output and input interface), ascending. */
  candidates(dst: bigint, proto: number, dport: number | undefined, out: string | undefined, input: InputKey): readonly number[] {
    const one = typeof input === "string";
    const b = one ? this.oneInput : this.manyInputs;
    const base = this.base(b, input === ANY_INPUT ? this.manyAlways : b.always, dst, proto, dport, out);
    // The input interface's own rules are merged in per call, not kept: there is one list per
    // class and packet, and most are asked for once (a bridge class split off on its way).
    if (input === ANY_INPUT) return base;
    const byIn = one ? b.byIn.get(input) : input.flatMap((name) => b.byIn.get(name) ?? []);
    if (!byIn?.length) return base;
    return mergeSorted(base, one ? byIn : [...byIn].sort((x, y) => x - y));
  }

  inputRules(name: string): readonly number[] {
    return this.oneInput.byIn.get(name) ?? [];
  }

  /** The rules for a destination, protocol, port and output interface, input interface aside; kept. */
  private base(b: Buckets, always: readonly number[], dst: bigint, proto: number, dport: number | undefined, out: string | undefined): readonly number[] {
    const one = b === this.oneInput;
    const byAddress = b.byAddress.get(dst);
    const byAddressPort = dport === undefined || b.byAddressPort.size === 0 ? undefined : b.byAddressPort.get(`${dst}|${proto}/${dport}`);
    const byPort = dport === undefined || b.byPort.size === 0 ? undefined : b.byPort.get(`${proto}/${dport}`);
    const byOut = out === undefined ? undefined : b.byOut.get(out);
    const ranges = one ? this.ranges.get(proto) : undefined;
    if (!byAddress && !byAddressPort && !byPort && !byOut && !ranges) return always;
    const key = `${one ? "1" : always === b.always ? "n" : "*"}|${dst}|${proto}/${dport}|${out}`;
    let merged = this.merged.get(key);
    if (!merged) {
      // Without a destination port the port match cannot tell ("unknown"): every range stays.
      const byRange = dport === undefined ? ranges?.overlapping(-Infinity, Infinity) : ranges?.overlapping(dport, dport);
      merged = [...always, ...(byAddress ?? []), ...(byAddressPort ?? []), ...(byPort ?? []), ...(byRange ?? []), ...(byOut ?? [])].sort((x, y) => x - y);
      this.merged.set(key, merged);
    }
    return merged;
  }
}

/** Two ascending lists of distinct rule indices as one. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) out.push(a[i++] as number);
    else out.push(b[j++] as number);
  }
  return out;
}

/** The name of a plain `-i NAME` that only that interface matches; else undefined. */
function exactInterface(option: RuleSpec["inInterface"]): string | undefined {
  const name = option && !option.inverted ? option.values[0]?.text : undefined;
  if (name === undefined || name === "" || name.endsWith("+") || Buffer.byteLength(name, "utf8") >= IFNAMSIZ) return undefined;
  return name;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type RequiredPorts = NonNullable<ReturnType<typeof requiredDestinationPorts>>;

/**
 * What a rule's transport matches require of the destination port (`-m tcp --dport 8080`,
 * `--dport 8000:8010`, not inverted; the match is false for every other protocol and port):
 * `proto/port` of the first that requires one port, and the first requirement of any kind.
 */
function destinationPorts(spec: RuleSpec, family: Family): { readonly port?: string; readonly range?: RequiredPorts } {
  let range: RequiredPorts | undefined;
  for (const match of spec.matches) {
    const required = requiredDestinationPorts(match, family);
    if (!required) continue;
    if (required.ports.from === required.ports.to) return { port: `${required.protocol}/${required.ports.from}`, range: range ?? required };
    range ??= required;
  }
  return range ? { range } : {};
}

const indexes = new WeakMap<Chain, ChainIndex>();

function indexOf(chain: Chain, family: Family): ChainIndex {
  let index = indexes.get(chain);
  if (!index) {
    index = new ChainIndex(chain, family);
    indexes.set(chain, index);
  }
  return index;
}

export function ruleCandidates(chain: Chain, family: Family, dst: bigint, proto: number, dport: number | undefined, out: string | undefined, input: InputKey): readonly number[] {
  return indexOf(chain, family).candidates(dst, proto, dport, out, input);
}

/** The rules a packet on interface `name` looks at for its `-i name` alone (ascending): those only it meets. */
export function inputRules(chain: Chain, family: Family, name: string): readonly number[] {
  return indexOf(chain, family).inputRules(name);
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
