/**
 * Findings for what a listing does not show. A name that stays in its rule (a host name the
 * analysis treats as unknown) is reported once per name, at its first row, with the count; a
 * name without which the rule cannot be written (a service name netbase does not have) leaves
 * the rule out, which is reported on each row as a warning.
 */
import { finding } from "../checks.js";
import { span, type Finding } from "../findings.js";
import { escapeText } from "../text.js";
import type { Loss } from "./scanner.js";

const HELP_NUMERIC = "list with iptables -L -n, which prints addresses, ports, protocols and users as numbers, or give iptables-save output";

export function lossFindings(losses: ReadonlyArray<{ line: number; loss: Loss }>): Finding[] {
  const out: Finding[] = [];
  const kept = new Map<string, { line: number; loss: Loss; rows: Set<number> }>();
  for (const { line, loss } of losses) {
    if (loss.effect === "dropped") {
      out.push(
        finding("listingNameLost", span(line, loss.at.start + 1, loss.at.end + 1), `the listing shows ${escapeText(loss.what)} where the rule holds a number, and iptlint cannot tell which: the rule on line ${line} is left out of the analysis`, {
          severity: "warning",
          help: HELP_NUMERIC,
        }),
      );
      continue;
    }
    const known = kept.get(loss.what);
    if (known) known.rows.add(line);
    else kept.set(loss.what, { line, loss, rows: new Set([line]) });
  }
  for (const { line, loss, rows } of kept.values()) {
    const count = rows.size > 1 ? ` (on ${rows.size} rows)` : "";
    const hashlimit = loss.what === "hashlimit table name";
    const message = hashlimit
      ? `iptables -L does not print the table name of a hashlimit match${count}: iptlint names it listingN, which is not the rule's name`
      : `${escapeText(loss.what)}${count} cannot be mapped back to what the kernel holds: the listing shows a name instead; the rule keeps it as written, the analysis treats it as unknown, and findings on these rows are marked lower-confidence`;
    out.push(finding("listingNameLost", span(line, loss.at.start + 1, loss.at.end + 1), message, { help: hashlimit ? "iptables -S or iptables-save shows the name" : HELP_NUMERIC }));
  }
  return out;
}
