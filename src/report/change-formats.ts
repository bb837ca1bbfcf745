/**
 * The change report's formats by name, for `iptlint check` and `iptlint diff --exposure`, and
 * the per-file rule diffs of a plain `iptlint diff --git`.
 */
import type { ChangeGate, ChangeReport, ChangeVerdict } from "../change/report.js";
import { escapeStringsReplacer } from "../text.js";
import { changeJson } from "./change-json.js";
import { changeMarkdown } from "./change-markdown.js";
import { changeText } from "./change-text.js";
import { diffText } from "./diff.js";

export const CHANGE_FORMATS = ["text", "json", "markdown"] as const;
export type ChangeFormat = (typeof CHANGE_FORMATS)[number];

export function renderChange(format: ChangeFormat, report: ChangeReport, verdict: ChangeVerdict, gate: ChangeGate, options: { colour: boolean; toolVersion: string }): string {
  switch (format) {
    case "json":
      return changeJson(report, verdict, gate, options.toolVersion);
    case "markdown":
      return changeMarkdown(report, verdict, gate);
    default:
      return changeText(report, verdict, gate, options.colour);
  }
}

/** `diff --git` without --exposure: each changed file's rule diff, as `iptlint diff OLD NEW` prints it. */
export function renderRuleDiffs(format: "text" | "json", report: ChangeReport, colour: boolean): string {
  if (format === "json") {
    const files = report.files.map((f) => ({ old: f.old.name, new: f.new.name, ...(f.rules ?? { equal: false, tables: [] }) }));
    return JSON.stringify({ version: 1, files }, escapeStringsReplacer, 2) + "\n";
  }
  return report.files.map((f) => (f.rules ? diffText(f.rules, f.old.name, f.new.name, colour) : "")).join("");
}
