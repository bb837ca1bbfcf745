/**
 * xt_set.c set_match_v4: `--match-set NAME src|dst[,…]`, true when the packet's address is
 * a member of the set. The dump never holds an ipset's members, so the answer comes from the
 * host facts (HostFacts.setContains: Docker's own docker-ext-bridges-v4/v6, whose members are
 * the subnets of Docker's bridges) or is unknown. Several dimensions, and the counter options,
 * stay unknown.
 */
import type { OptionNode } from "../../ast/nodes.js";
import { cachedEvaluator, UNDECIDABLE, type CompiledMatch, optionwise } from "./compile.js";

function memberOf(option: OptionNode): CompiledMatch | undefined {
  const name = option.values[0]?.text;
  const dims = option.values[1]?.text;
  if (name === undefined || (dims !== "src" && dims !== "dst")) return UNDECIDABLE;
  return ({ packet, host }) => host.setContains?.(name, dims === "src" ? packet.src : packet.dst) ?? "unknown";
}

export const setEvaluator = cachedEvaluator((extension, family) => optionwise({ "match-set": memberOf, set: memberOf }, extension, family));
