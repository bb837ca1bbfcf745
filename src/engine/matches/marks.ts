/**
 * `-m mark` (kernel xt_mark.c mark_mt) and `-m connmark` (xt_connmark.c connmark_mt):
 * `((mark & mask) == value) ^ invert`. iptables stores VALUE as given, unmasked, so
 * `--mark 0x3/0x1` can never match. connmark reads the conntrack entry's mark and returns
 * false, before `!`, for a packet without an entry (`if (ct == NULL) return false;`).
 */
import type { ExtensionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { markMaskFor, type MarkMask } from "../../model/values/mark.js";
import type { Packet } from "../packet.js";
import { cachedEvaluator, firstValue, UNDECIDABLE, type CompiledMatch } from "./compile.js";
import { hasConntrackEntry } from "./conntrack.js";

const markValue = markMaskFor("mark", "mark");

function compileMark(extension: ExtensionNode, family: Family, read: (p: Packet) => number | undefined): CompiledMatch {
  const option = extension.options[0];
  if (extension.options.length !== 1 || option?.name !== "mark") return UNDECIDABLE;
  const r = markValue(firstValue(option) ?? "", { family });
  if (!r.ok) return UNDECIDABLE;
  const { value, mask } = r.value as MarkMask;
  const inverted = option.inverted;
  return ({ packet }) => {
    const mark = read(packet);
    if (mark === undefined) return false;
    return ((mark & mask) >>> 0 === value) !== inverted;
  };
}

export const markEvaluator = cachedEvaluator((extension, family) => compileMark(extension, family, (p) => p.mark));

export const connmarkEvaluator = cachedEvaluator((extension, family) =>
  compileMark(extension, family, (p) => (hasConntrackEntry(p.conn) ? p.conn.mark : undefined)),
);
