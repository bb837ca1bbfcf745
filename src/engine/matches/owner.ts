/**
 * `-m owner` (kernel xt_owner.c owner_mt): the socket of a locally generated packet is not in
 * the dump, so OUTPUT is undecidable. A forwarded packet in POSTROUTING has no socket, and
 * then `return (info->match ^ info->invert) == 0;` — the match holds exactly when every
 * option given is inverted (`--suppl-groups` sets a match bit that is never inverted, so it
 * makes the answer false).
 */
import { cachedEvaluator, type CompiledMatch } from "./compile.js";

export const ownerEvaluator = cachedEvaluator((extension): CompiledMatch => {
  const allInverted = extension.options.every((o) => o.inverted);
  return ({ packet }) => (packet.in === undefined ? "unknown" : allInverted);
});
