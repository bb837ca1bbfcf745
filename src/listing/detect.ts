/**
 * Telling the three inputs apart: iptables-save (`*table` … `COMMIT`), iptables -S (`-P`,
 * `-N`, `-A` lines) and iptables -L (`Chain NAME (policy …)` / `(N references)` headers), and
 * the family of a listing, which has no header to say it.
 */
import type { FamilyHint } from "../ast/detect.js";
import type { Family } from "../model/netfilter.js";
import type { RowFields } from "./layout.js";

export type InputFormatChoice = "save" | "S" | "list";

const CHAIN_HEADER = /^\s*Chain \S+ \((?:policy \S+|\d+ references?)[^)]*\)\s*$/m;

/** Only the head of a large input is scanned: the first chain header decides. */
const SCAN_CHARS = 1 << 20;

/** The format of the input: a listing when a chain header of iptables -L appears before any `*table`. */
export function detectInputFormat(text: string): InputFormatChoice {
  const head = text.slice(0, SCAN_CHARS);
  const listing = CHAIN_HEADER.exec(head);
  const save = /^\*\S/m.exec(head);
  if (listing && (!save || listing.index < save.index)) return "list";
  return save ? "save" : "S";
}

/**
 * The family of a listing: --family, else the command line pasted with it (ip6tables), else
 * the file name (rules.v6), else its addresses (`::/0` in every ip6tables row, dotted quads in iptables'), else IPv4.
 */
export function detectListingFamily(rows: readonly RowFields[], fromCommand: Family | undefined, hint: FamilyHint | undefined): { family: Family; source: string } {
  if (hint?.source === "option") return { family: hint.family, source: "--family" };
  if (fromCommand) return { family: fromCommand, source: `the ${fromCommand === "ipv6" ? "ip6tables" : "iptables"} command line pasted with it` };
  if (hint) return { family: hint.family, source: "the file name" };
  let v4 = 0;
  let v6 = 0;
  for (const r of rows) {
    for (const p of [r.source, r.destination]) {
      const t = p.text.replace(/^!/, "");
      if (/^\d+\.\d+\.\d+\.\d+/.test(t)) v4++;
      else if (/^[0-9a-fA-F]*:[0-9a-fA-F:.]*(\/\S+)?$/.test(t)) v6++;
    }
    if (/^!?(ipv6-icmp|58|icmpv6)$/.test(r.prot.text)) v6++;
    if (/^!?(icmp|1)$/.test(r.prot.text)) v4++;
  }
  if (v6 > v4) return { family: "ipv6", source: "its IPv6 addresses" };
  if (v4 > 0) return { family: "ipv4", source: "its IPv4 addresses" };
  return { family: "ipv4", source: "the default" };
}
