/**
 * TTL (extensions/libipt_TTL.c, IPv4 only). oracle: `--ttl-dec 0` → TTL: bad value for
 * option "--ttl-dec", or out of range (1-255); `-j TTL` → TTL: You must specify an action;
 * in ip6tables `-j TTL --ttl-set 1` → unknown option "--ttl-set" (no IPv6 TTL).
 */
import type { TargetSpec } from "./types.js";
import { hopLimitOptions, needsAction, saveHopLimit } from "./values/hop-limit.js";

export const ttlTarget: TargetSpec = {
  kind: "target",
  name: "TTL",
  families: ["ipv4"],
  summary: "set, increment or decrement the IPv4 time to live",
  options: hopLimitOptions("TTL", "ttl"),
  finalCheck: needsAction("TTL"),
  // oracle: mangle INPUT → accepted; filter INPUT → rejected.
  tables: ["mangle"],
  save: saveHopLimit("ttl"),
};
