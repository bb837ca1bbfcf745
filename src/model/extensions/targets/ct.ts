/**
 * CT (extensions/libxt_CT.c revision 2 options; kernel net/netfilter/xt_CT.c). Docker
 * writes `CT --notrack`; firewalld and others `CT --helper NAME`. No option is mandatory:
 * a bare `-j CT` loads (oracle). Save order: --notrack, --helper, --timeout, --ctevents,
 * --expevents, --zone[-orig|-reply] (when set). --zone, --zone-orig and --zone-reply share
 * one field, so the last one given wins (oracle: `--zone 1 --zone-orig 2` accepted).
 */
import type { FinalCheckContext } from "../types.js";
import type { TargetSpec } from "./types.js";
import { CT_EVENTS, eventList, EXPECTATION_EVENTS, isKnownHelper, zoneId } from "./values/ct-values.js";
import { saveCt } from "./values/ct-save.js";
import { protocolNumber } from "./values/rule.js";

/**
 * xt_ct_tg_check returns early for --notrack; otherwise a helper needs `-p` (not inverted)
 * and must be registered for that protocol and family.
 * oracle: `-j CT --helper ftp` (no -p) and `! -p tcp -j CT --helper ftp` → RULE_APPEND
 * failed (No such file or directory); `-j CT --notrack --helper ftp` → accepted;
 * `--helper ""` → accepted (no helper).
 */
function helperIsRegistered(ctx: FinalCheckContext): string | undefined {
  const helper = ctx.options.get("helper")?.values[0];
  if (ctx.options.has("notrack") || helper === undefined || helper === "") return undefined;
  const proto = protocolNumber(ctx);
  if (proto === undefined || ctx.protocolInverted) {
    return "CT: --helper needs a layer-4 protocol (-p, not inverted)";
  }
  return isKnownHelper(helper, ctx.family, proto)
    ? undefined
    : `CT: no conntrack helper "${helper}" for this protocol`;
}

/**
 * A timeout policy must already exist (nfct add timeout …); a restore into a fresh
 * namespace has none. oracle: `-j CT --timeout foo` → RULE_APPEND failed (Invalid argument).
 */
function timeoutPolicyExists(ctx: FinalCheckContext): string | undefined {
  const timeout = ctx.options.get("timeout")?.values[0];
  if (ctx.options.has("notrack") || timeout === undefined || timeout === "") return undefined;
  return `CT: timeout policy "${timeout}" does not exist unless created with nfct`;
}

export const ctTarget: TargetSpec = {
  kind: "target",
  name: "CT",
  families: ["ipv4", "ipv6"],
  summary: "set up the connection tracking of the packet (notrack, helper, zone, events)",
  options: [
    { name: "notrack", arg: "none" },
    { name: "helper", arg: "required" },
    { name: "timeout", arg: "required" },
    // oracle: `--ctevents bogus` → Unknown event type "bogus"; `new,` → Unknown event type ""
    { name: "ctevents", arg: "required", value: eventList(CT_EVENTS) },
    { name: "expevents", arg: "required", value: eventList(EXPECTATION_EVENTS) },
    { name: "zone-orig", arg: "required", value: zoneId },
    { name: "zone-reply", arg: "required", value: zoneId },
    // oracle: `--zone 65536` → Cannot parse 65536 as a zone ID
    { name: "zone", arg: "required", value: zoneId },
  ],
  kernelChecks: [{ check: helperIsRegistered }, { check: timeoutPolicyExists }],
  // oracle: -t raw PREROUTING / OUTPUT → accepted; -t mangle PREROUTING, -t filter INPUT
  // → rejected (xt_CT: .table = "raw").
  tables: ["raw"],
  save: saveCt,
};
