/**
 * The target extensions iptlint knows (`-j NAME`), one file each. Standard verdicts
 * (ACCEPT, DROP, RETURN, QUEUE) are not extensions and are not listed here.
 */
import type { TargetSpec } from "./types.js";
import { checksumTarget } from "./checksum.js";
import { classifyTarget } from "./classify.js";
import { connmarkTarget } from "./connmark.js";
import { ctTarget } from "./ct.js";
import { dnatTarget } from "./dnat.js";
import { dscpTarget } from "./dscp.js";
import { hlTarget } from "./hl.js";
import { logTarget } from "./log.js";
import { markTarget } from "./mark.js";
import { masqueradeTarget } from "./masquerade.js";
import { netmapTarget } from "./netmap.js";
import { nflogTarget } from "./nflog.js";
import { nfqueueTarget } from "./nfqueue.js";
import { notrackTarget } from "./notrack.js";
import { redirectTarget } from "./redirect.js";
import { rejectTarget } from "./reject.js";
import { snatTarget } from "./snat.js";
import { tcpmssTarget } from "./tcpmss.js";
import { tosTarget } from "./tos.js";
import { traceTarget } from "./trace.js";
import { ttlTarget } from "./ttl.js";
import { tproxyTarget } from "./tproxy.js";

export type { TargetSpec, KernelCheck, KernelCheckContext, Backend, RuleMatch } from "./types.js";

/** Every TargetSpec is an ExtensionSpec; the extra fields carry kernel-only checks. */
export const TARGETS: readonly TargetSpec[] = [
  rejectTarget,
  masqueradeTarget,
  logTarget,
  dnatTarget,
  snatTarget,
  notrackTarget,
  markTarget,
  ctTarget,
  redirectTarget,
  nflogTarget,
  connmarkTarget,
  tcpmssTarget,
  checksumTarget,
  netmapTarget,
  traceTarget,
  nfqueueTarget,
  classifyTarget,
  dscpTarget,
  tosTarget,
  ttlTarget,
  hlTarget,
  tproxyTarget,
];

/** The spec for `-j NAME` in a family, or undefined (then NAME must be a chain). */
export function findTarget(name: string, family: TargetSpec["families"][number]): TargetSpec | undefined {
  return TARGETS.find((t) => t.name === name && t.families.includes(family));
}
