/**
 * Docker's per-bridge rules grouped by the bridge they name, read once per ruleset: bridge
 * discovery and settings (bridges.ts) ask each bridge for its MASQUERADE, internal drops,
 * icc rule, filter DOCKER rules and raw drops, and scanning the whole chain for every one of
 * hundreds of bridges is quadratic. Every list keeps chain order, so "the first rule that …"
 * is the same rule the scan found.
 */
import { rawDirectAccessDrops } from "./eras.js";
import { type FactIndex, type RuleFacts, negated, plain } from "./facts.js";

export interface BridgeRules {
  /** nat POSTROUTING `-s <subnet> ! -o <br> -j MASQUERADE|SNAT`, by `<br>`. */
  readonly subnetMasquerades: ReadonlyMap<string, readonly RuleFacts[]>;
  /** nat POSTROUTING `-o <br> … --src-type LOCAL -j MASQUERADE`, by `<br>`. */
  readonly hairpinMasquerades: ReadonlyMap<string, readonly RuleFacts[]>;
  /** Internal-network DROPs (`! -s <subnet> -o <br>`, `! -d <subnet> -i <br>`) of the isolation chains, by `<br>`. */
  readonly internalDrops: ReadonlyMap<string, readonly RuleFacts[]>;
  /** FORWARD, then DOCKER-FORWARD, rules with a plain `-i <br>`, by `<br>`. */
  readonly forwardByIn: ReadonlyMap<string, readonly RuleFacts[]>;
  /** filter DOCKER rules with a plain `-o <br>`, by `<br>`. */
  readonly filterDocker: ReadonlyMap<string, readonly RuleFacts[]>;
  /** raw direct-access drops, by the `! -i <br>` they carry. */
  readonly rawDrops: ReadonlyMap<string, readonly RuleFacts[]>;
}

/** `-s <subnet> ! -o <br> -j MASQUERADE|SNAT` (§1 "Outbound NAT"). */
export function isSubnetMasquerade(f: RuleFacts): boolean {
  return (f.target === "MASQUERADE" || f.target === "SNAT") && f.src !== undefined && !f.src.inverted && negated(f.out) !== undefined && f.dst === undefined;
}

/** `-o <br> -m addrtype --src-type LOCAL -j MASQUERADE` (§1 "Hairpin", userland-proxy off). */
export function isHairpinMasquerade(f: RuleFacts): boolean {
  return f.target === "MASQUERADE" && plain(f.out) !== undefined && f.srcType === "LOCAL";
}

/** The isolation chains whose DROPs mark internal networks (§2 B, D, F; G: DOCKER-INTERNAL). */
const INTERNAL_DROP_CHAINS = ["DOCKER-ISOLATION", "DOCKER-ISOLATION-STAGE-1", "DOCKER-INTERNAL"];

/** The bridges an internal-network DROP names: `! -s <subnet> -o <br>` and/or `! -d <subnet> -i <br>`. */
function internalDropBridges(f: RuleFacts): Set<string> {
  const names = new Set<string>();
  if (f.target !== "DROP") return names;
  const out = plain(f.out);
  const into = plain(f.in);
  if (f.src?.inverted && out !== undefined) names.add(out);
  if (f.dst?.inverted && into !== undefined) names.add(into);
  return names;
}

const cache = new WeakMap<FactIndex, BridgeRules>();

export function bridgeRules(index: FactIndex): BridgeRules {
  let rules = cache.get(index);
  if (rules) return rules;
  const postrouting = index.chain("nat", "POSTROUTING");
  rules = {
    subnetMasquerades: groupBy(postrouting.filter(isSubnetMasquerade), (f) => [negated(f.out) as string]),
    hairpinMasquerades: groupBy(postrouting.filter(isHairpinMasquerade), (f) => [plain(f.out) as string]),
    internalDrops: groupBy(
      INTERNAL_DROP_CHAINS.flatMap((c) => index.chain("filter", c)),
      (f) => internalDropBridges(f),
    ),
    forwardByIn: groupBy([...index.chain("filter", "FORWARD"), ...index.chain("filter", "DOCKER-FORWARD")], (f) => optional(plain(f.in))),
    filterDocker: groupBy(index.chain("filter", "DOCKER"), (f) => optional(plain(f.out))),
    rawDrops: groupBy(rawDirectAccessDrops(index), (f) => optional(negated(f.in))),
  };
  cache.set(index, rules);
  return rules;
}

function optional(name: string | undefined): string[] {
  return name === undefined ? [] : [name];
}

/** Facts under each of their keys, in the order given. */
function groupBy(facts: readonly RuleFacts[], keys: (f: RuleFacts) => Iterable<string>): Map<string, RuleFacts[]> {
  const map = new Map<string, RuleFacts[]>();
  for (const f of facts) {
    for (const key of keys(f)) {
      const list = map.get(key);
      if (list) list.push(f);
      else map.set(key, [f]);
    }
  }
  return map;
}
