/**
 * What the DOCKER-USER rules (IPT209, IPT210) share: reading a rule's match options, its
 * destination ports in any spelling, and whether a rule lets the replies of established
 * connections through. DOCKER-USER is jumped to first from FORWARD (docker-firewall.md §2
 * eras C–G), before Docker's own `--ctstate RELATED,ESTABLISHED -j ACCEPT` (FORWARD ≤28.0.0,
 * DOCKER-CT from 28.0.1), and it sees packets after DNAT (§4 pitfall 1).
 */
import type { RuleFacts } from "../../docker/facts.js";

export interface MatchOption {
  readonly match: string;
  readonly option: string;
  readonly inverted: boolean;
  readonly value: string;
}

/** Every match option of a rule, as `match.option` with its value. */
export function matchOptions(f: RuleFacts): MatchOption[] {
  return f.rule.command.rule.matches.flatMap((m) =>
    m.options.map((o) => ({ match: m.name, option: o.name, inverted: o.inverted, value: o.values.map((w) => w.text).join(" ") })),
  );
}

const DPORT_OPTIONS = new Set(["tcp.dport", "udp.dport", "sctp.dport", "dccp.dport", "multiport.dports", "multiport.ports"]);

/** The rule's destination-port option (`--dport 8080`, `-m multiport --dports 80,8080`), if any. */
export function destinationPorts(f: RuleFacts): MatchOption | undefined {
  return matchOptions(f).find((o) => DPORT_OPTIONS.has(`${o.match}.${o.option}`));
}

/** States of `-m conntrack --ctstate` / `-m state --state`, upper-case, with their inversion. */
export function stateOption(f: RuleFacts): MatchOption | undefined {
  return matchOptions(f).find((o) => (o.match === "conntrack" && o.option === "ctstate") || (o.match === "state" && o.option === "state"));
}

/** Whether a state condition admits packets of established connections. */
export function admitsEstablished(state: MatchOption): boolean {
  const listed = state.value.toUpperCase().split(",").includes("ESTABLISHED");
  return listed !== state.inverted;
}

/**
 * `-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT|RETURN` (the docs' first DOCKER-USER
 * rule, docker/docs PR #21708; `-m state --state` in older docs): the replies leave
 * DOCKER-USER here. Interfaces may narrow it (replies come in on the external interface and
 * go out on a bridge), addresses and protocols may not.
 */
export function isEstablishedPass(f: RuleFacts): boolean {
  if (f.target !== "ACCEPT" && f.target !== "RETURN") return false;
  const state = stateOption(f);
  if (!state || !admitsEstablished(state) || f.src || f.dst || f.proto) return false;
  return matchOptions(f).every((o) => o.match === "comment" || (o.match === state.match && o.option === state.option));
}
