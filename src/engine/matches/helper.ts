/**
 * `-m helper` (kernel xt_helper.c helper_mt): the helper of the connection's *master*, so
 * only connections created from an expectation (IPS_EXPECTED, ct->master set) can match.
 * `if (!ct || !ct->master) return ret;` with ret = invert: a packet without an entry, or of
 * a NEW connection (NEW means the entry was not expected: resolve_normal_ct), gets `!`'s
 * value. Others depend on which helper the master has: undecidable.
 */
import { cachedEvaluator, UNDECIDABLE, type CompiledMatch } from "./compile.js";
import { hasConntrackEntry } from "./conntrack.js";

export const helperEvaluator = cachedEvaluator((extension): CompiledMatch => {
  const option = extension.options[0];
  if (extension.options.length !== 1 || option?.name !== "helper") return UNDECIDABLE;
  const inverted = option.inverted;
  return ({ packet }) => (!hasConntrackEntry(packet.conn) || packet.conn.state === "NEW" ? inverted : "unknown");
});
