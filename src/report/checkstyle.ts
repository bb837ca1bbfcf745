/**
 * Checkstyle XML (the 4.3 layout Jenkins warnings-ng, reviewdog and most CI dashboards read):
 * one <file> per input, one <error> per finding, `source="iptlint.CODE"`. Every input gets its
 * <file>, clean or not, so a consumer can tell "checked, clean" from "not checked".
 */
import { escapeText } from "../text.js";
import type { FileReport } from "./types.js";

/**
 * Text safe in XML 1.0 attribute values and character data. escapeText runs first: XML 1.0
 * forbids most C0 controls even as character references, so they must never reach the escaper.
 * What escapeText leaves and XML still forbids (U+FFFE, U+FFFF, unpaired surrogates, which a
 * file name can hold) is written as a \u escape too.
 */
export function xmlText(s: string): string {
  return escapeText(s)
    .replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function checkstyleReport(files: readonly FileReport[]): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    const name = xmlText(file.path);
    // Line 0 is the whole file in checkstyle consumers: a file that could not be read.
    const unread = file.readError ? [`    <error line="0" severity="error" message="${xmlText(file.readError)}" source="iptlint.read-error"/>`] : [];
    const errors = file.findings.map((f) => `    <error line="${f.span.start.line}" column="${f.span.start.column}" severity="${f.severity}" message="${xmlText(f.message)}" source="iptlint.${xmlText(f.code)}"/>`);
    if (unread.length + errors.length === 0) out.push(`  <file name="${name}"/>`);
    else out.push(`  <file name="${name}">`, ...unread, ...errors, "  </file>");
  }
  out.push("</checkstyle>");
  return out.join("\n") + "\n";
}
