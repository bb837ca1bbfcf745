/**
 * HL (extensions/libip6t_HL.c, IPv6 only): the IPv6 twin of TTL. oracle: `--hl-dec 0` →
 * HL: bad value for option "--hl-dec", or out of range (1-255); `-j HL` → HL: You must
 * specify an action; iptables `-j HL --hl-set 1` → unknown option "--hl-set".
 */
import type { TargetSpec } from "./types.js";
import { hopLimitOptions, needsAction, saveHopLimit } from "./values/hop-limit.js";

export const hlTarget: TargetSpec = {
  kind: "target",
  name: "HL",
  families: ["ipv6"],
  summary: "set, increment or decrement the IPv6 hop limit",
  options: hopLimitOptions("HL", "hl"),
  finalCheck: needsAction("HL"),
  // oracle: mangle INPUT → accepted; filter INPUT → rejected.
  tables: ["mangle"],
  save: saveHopLimit("hl"),
};
