/**
 * Which Docker layout era wrote the dump: docker-firewall.md §3 "Era decision list" (first
 * match wins, filter table), the sub-eras of §2 (B: ≤17.03 vs 17.04+ FORWARD order; F: raw
 * per-port vs per-container drops, DOCKER-USER RETURN until 28.2.1) and the §3 cautions on
 * leftovers of older layouts.
 */
import { DOCKER_USER, isDockerChain } from "./chains.js";
import { type FactIndex, type RuleFacts, isBareReturn, negated, plain } from "./facts.js";
import type { EraId, EraVerdict, Evidence, RuleRef } from "./types.js";

export const ERA_VERSIONS: Readonly<Record<EraId, string>> = {
  A: "≤1.9",
  B: "1.10–17.05",
  C: "17.06–18.04",
  D: "18.05–27.x (also 18.03.1)",
  E: "28.0.0",
  F: "28.0.1–28.5.x",
  G: "29.x (iptables backend)",
  H: "29.x (nftables backend)",
};

const IPTABLES_ERAS: readonly EraId[] = ["A", "B", "C", "D", "E", "F", "G"];

const STAGE_1 = "DOCKER-ISOLATION-STAGE-1";
const STAGE_2 = "DOCKER-ISOLATION-STAGE-2";
const ISOLATION = "DOCKER-ISOLATION";

interface Decision {
  readonly era: EraId;
  readonly evidence: Evidence[];
  readonly versions?: string;
  readonly certain?: boolean;
  readonly note?: string;
}

/** `-m set --match-set docker-ext-bridges-v4|v6` (28.0.0 only, §2 era E). */
function isIpsetRule(f: RuleFacts): boolean {
  return f.matchSet?.startsWith("docker-ext-bridges") ?? false;
}

function declared(index: FactIndex, chain: string): Evidence {
  const line = index.declaredLine("filter", chain);
  return { fact: `chain ${chain} exists`, rules: [], ...(line !== undefined ? { lines: [line] } : {}) };
}

function jumpsTo(index: FactIndex, from: string, to: string): RuleRef[] {
  return index.chain("filter", from).filter((f) => f.targetKind === "chain" && f.target === to).map((f) => f.ref);
}

export function decideEra(index: FactIndex, bridgeNames: ReadonlySet<string>): EraVerdict {
  const has = (name: string): boolean => index.hasChain("filter", name);
  const anyDockerChain = [...index.ruleset.tables.values()].some((t) => [...t.chains.keys()].some((c) => c !== DOCKER_USER && isDockerChain(t.name, c)));
  // Docker's raw-table drops name bridges without any Docker chain (`iptables -t raw -S` alone).
  if (!anyDockerChain && bridgeNames.size === 0) return withoutDockerChains(index);
  if (!index.hasTable("filter") || !IPTABLES_FILTER_CHAINS.some(has)) return undecided(index);
  const decision = decide(index, has);
  return {
    era: decision.era,
    versions: decision.versions ?? ERA_VERSIONS[decision.era],
    certain: decision.certain ?? true,
    evidence: decision.evidence,
    candidates: [decision.era],
    leftovers: leftovers(index, decision.era, bridgeNames),
    ...(decision.note ? { note: decision.note } : {}),
  };
}

const IPTABLES_FILTER_CHAINS = ["DOCKER", ISOLATION, STAGE_1, STAGE_2, "DOCKER-FORWARD", "DOCKER-CT", "DOCKER-BRIDGE", "DOCKER-INTERNAL"];

function decide(index: FactIndex, has: (name: string) => boolean): Decision {
  const forward = index.chain("filter", "FORWARD");
  const ipset = forward.filter(isIpsetRule).map((f) => f.ref);
  if (has("DOCKER-INTERNAL") || (has("DOCKER-FORWARD") && !has(STAGE_1) && !has(STAGE_2))) {
    const evidence = has("DOCKER-INTERNAL") ? [declared(index, "DOCKER-INTERNAL")] : [declared(index, "DOCKER-FORWARD"), { fact: "no DOCKER-ISOLATION-STAGE-* chain (removed in 29.0, moby PR #49981)", rules: [] }];
    return { era: "G", evidence };
  }
  if (has("DOCKER-FORWARD")) return eraF(index, has);
  if (ipset.length > 0) return { era: "E", evidence: [{ fact: "FORWARD matches the ipset docker-ext-bridges (28.0.0 only; moby#49505)", rules: ipset }] };
  if (has(STAGE_1)) return { era: "D", evidence: [declared(index, STAGE_1), { fact: "no DOCKER-FORWARD chain and no docker-ext-bridges ipset rule (28.x)", rules: [] }] };
  if (has(ISOLATION) && has(DOCKER_USER)) return { era: "C", evidence: [declared(index, ISOLATION), declared(index, DOCKER_USER)] };
  if (has(ISOLATION)) return eraB(index);
  return { era: "A", evidence: [declared(index, "DOCKER"), { fact: "no isolation chain and no DOCKER-USER", rules: [] }] };
}

/** §2 era F sub-versions: raw per-port drop (28.0.1–28.1.x) vs per-container drop (28.2.0+); no DOCKER-USER RETURN from 28.2.2. */
function eraF(index: FactIndex, has: (name: string) => boolean): Decision {
  const evidence: Evidence[] = [{ fact: "FORWARD jumps to DOCKER-FORWARD (28.0.1+, moby PR #49518)", rules: jumpsTo(index, "FORWARD", "DOCKER-FORWARD") }, declared(index, STAGE_1)];
  const drops = rawDirectAccessDrops(index);
  const perPort = drops.filter((f) => f.dport !== undefined).map((f) => f.ref);
  const perContainer = drops.filter((f) => f.dport === undefined).map((f) => f.ref);
  const userReturn = index.chain("filter", DOCKER_USER).filter(isBareReturn).map((f) => f.ref);
  let versions = ERA_VERSIONS.F;
  if (perPort.length > 0 && perContainer.length === 0) {
    evidence.push({ fact: "raw direct-access DROP per published port (28.0.1–28.1.x)", rules: perPort });
    versions = "28.0.1–28.1.x";
  } else if (perContainer.length > 0) {
    evidence.push({ fact: "raw direct-access DROP per container, without --dport (28.2.0+)", rules: perContainer });
    versions = "28.2.0–28.5.x";
  }
  if (has(DOCKER_USER) && userReturn.length === 0 && versions !== "28.0.1–28.1.x") {
    evidence.push({ fact: "DOCKER-USER has no -j RETURN (not added since 28.2.2, moby PR #50098)", rules: [] });
    versions = "28.2.2–28.5.x";
  }
  return { era: "F", evidence, versions };
}

/** §2 era B: up to 17.03 `-o <br> -j DOCKER` comes before the conntrack accept; 17.04+ after. */
function eraB(index: FactIndex): Decision {
  const evidence: Evidence[] = [declared(index, ISOLATION), { fact: "no DOCKER-USER chain (added in 17.06)", rules: [] }];
  const forward = index.chain("filter", "FORWARD");
  const firstJump = forward.findIndex((f) => f.target === "DOCKER" && plain(f.out) !== undefined);
  const bridge = firstJump >= 0 ? plain(forward[firstJump]?.out) : undefined;
  const conntrack = forward.findIndex((f) => plain(f.out) === bridge && f.ctstate !== undefined && f.target === "ACCEPT");
  if (firstJump < 0 || conntrack < 0) return { era: "B", evidence };
  const early = firstJump < conntrack;
  evidence.push({ fact: early ? "FORWARD: -o <br> -j DOCKER before the conntrack accept (≤17.03)" : "FORWARD: conntrack accept before -o <br> -j DOCKER (17.04+)", rules: [forward[firstJump]?.ref, forward[conntrack]?.ref].filter((r): r is RuleRef => r !== undefined) });
  return { era: "B", evidence, versions: early ? "1.10–17.03" : "17.04–17.05" };
}


/** raw PREROUTING `-d <ctr> ! -i <br> [... --dport p] -j DROP` (28.0+); not the loopback `! -i lo` drop. */
export function rawDirectAccessDrops(index: FactIndex): RuleFacts[] {
  return index.chain("raw", "PREROUTING").filter((f) => f.target === "DROP" && f.dst !== undefined && !f.dst.inverted && negated(f.in) !== undefined && negated(f.in) !== "lo");
}

/** No Docker chain other than DOCKER-USER: §3 row H, which iptables alone cannot prove. */
function withoutDockerChains(index: FactIndex): EraVerdict {
  const userLine = index.declaredLine("filter", DOCKER_USER);
  if (userLine === undefined) {
    return { era: "none", versions: "", certain: true, evidence: [{ fact: "no Docker chain in the dump", rules: [] }], candidates: [], leftovers: [], note: "Docker is not writing iptables rules here: not installed, --iptables=false, rules flushed, or 29.x with the nftables backend (check `nft list ruleset` for table ip docker-bridges)" };
  }
  const jumps = jumpsTo(index, "FORWARD", DOCKER_USER);
  return {
    era: "H",
    versions: ERA_VERSIONS.H,
    certain: false,
    evidence: [{ fact: "only DOCKER-USER is left of Docker's chains", rules: jumps, lines: [userLine] }],
    candidates: ["H", "C", "D"],
    leftovers: [{ fact: "DOCKER-USER and its FORWARD jump, left over from the iptables backend; still evaluated", rules: jumps, lines: [userLine] }],
    note: "also fits 17.06–19.03 with --iptables=false (DOCKER-USER + jump + RETURN only) and Docker rules flushed by another tool; an `nft list ruleset` with table ip docker-bridges confirms 29.x nftables",
  };
}

/** Docker chains but no filter table (a single-table `iptables -t nat -S`): narrow by what nat and raw show. */
function undecided(index: FactIndex): EraVerdict {
  let candidates = new Set<EraId>(IPTABLES_ERAS);
  const evidence: Evidence[] = [{ fact: index.hasTable("filter") ? "the filter table has no Docker chain: the era is decided there (rules flushed?)" : "no filter table in the input: the era is decided there", rules: [] }];
  const keep = (eras: readonly EraId[], fact: string, rules: RuleRef[]): void => {
    if (rules.length === 0) return;
    candidates = new Set([...candidates].filter((e) => eras.includes(e)));
    evidence.push({ fact, rules });
  };
  const natReturns = index.chain("nat", "DOCKER").filter((f) => f.target === "RETURN" && plain(f.in) !== undefined && f.dst === undefined).map((f) => f.ref);
  keep(["A", "B", "C", "D", "E", "F"], "nat DOCKER -i <br> -j RETURN (gone in 29.0)", natReturns);
  const drops = rawDirectAccessDrops(index);
  keep(["E", "F", "G"], "raw direct-access DROP (28.0+)", drops.map((f) => f.ref));
  keep(["E", "F"], "raw direct-access DROP per port (28.0.0–28.1.x)", drops.filter((f) => f.dport !== undefined).map((f) => f.ref));
  keep(["F", "G"], "raw direct-access DROP per container (28.2.0+)", drops.filter((f) => f.dport === undefined).map((f) => f.ref));
  const linkLocal = index.chain("nat", "DOCKER").filter((f) => f.target === "DNAT" && f.src?.inverted && f.src.value === "fe80::/10").map((f) => f.ref);
  keep(["E", "F", "G"], "IPv6 DNAT with ! -s fe80::/10 (28.0+)", linkLocal);
  const list = IPTABLES_ERAS.filter((e) => candidates.has(e));
  return { era: "unknown", versions: list.map((e) => ERA_VERSIONS[e]).join(", "), certain: false, evidence, candidates: list, leftovers: [] };
}

/** §3 cautions and §2 F ("on upgrade … deletes the old FORWARD per-bridge and ipset rules"): rules of another layout. */
function leftovers(index: FactIndex, era: EraId, bridges: ReadonlySet<string>): Evidence[] {
  const found: Evidence[] = [];
  const has = (name: string): boolean => index.hasChain("filter", name);
  if (era !== "B" && era !== "C" && has(ISOLATION)) found.push({ ...declared(index, ISOLATION), fact: "chain DOCKER-ISOLATION of Docker ≤18.04 (eras B/C)", rules: jumpsTo(index, "FORWARD", ISOLATION) });
  if (era === "G") {
    for (const stage of [STAGE_1, STAGE_2]) if (has(stage)) found.push({ ...declared(index, stage), fact: `chain ${stage} of Docker 18.05–28.x (removed in 29.0)` });
  }
  if (era === "F" || era === "G") {
    const old = index.chain("filter", "FORWARD").filter((f) => isOldForwardRule(f, bridges));
    if (old.length > 0) found.push({ fact: "FORWARD rules of the ≤28.0.0 layout (Docker now puts them in DOCKER-FORWARD)", rules: old.map((f) => f.ref) });
  }
  return found;
}

/** A FORWARD rule Docker ≤28.0.0 wrote: jumps to DOCKER/isolation, the ipset rules, or per-bridge accepts/drops. */
function isOldForwardRule(f: RuleFacts, bridges: ReadonlySet<string>): boolean {
  if (f.target === "DOCKER" || f.target === ISOLATION || f.target === STAGE_1 || isIpsetRule(f)) return true;
  const names = [f.in?.value, f.out?.value].filter((n): n is string => n !== undefined);
  return names.length > 0 && names.every((n) => bridges.has(n)) && (f.target === "ACCEPT" || f.target === "DROP") && f.otherMatches.length === 0;
}
