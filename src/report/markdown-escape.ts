/**
 * Text from dumps in GitHub-flavoured markdown (job summaries, pull-request comments). A dump
 * is untrusted: a comment or log prefix must not close a table cell (`|`), open code or
 * emphasis, inject HTML (`<img>`, `<details>`), mention people (`@team`), link issues (`#12`)
 * or autolink URLs, nor carry control characters.
 */
import { escapeText } from "../text.js";

const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "@": "&#64;", "#": "&#35;" };

/** Inline text, safe in a paragraph, a list item, a table cell and a <summary>. */
export function markdownText(s: string): string {
  return escapeText(s)
    .replace(/[&<>"@#]/g, (c) => ENTITY[c] as string)
    // Emphasis, code, links, strikethrough, table cells and math ($…$ renders as LaTeX).
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    // GitHub autolinks bare URLs and www. names; a zero-width space breaks the scheme word.
    .replace(/\b(?:https?|ftp)(?=:)|\bwww(?=\.)/gi, (w) => `${w.slice(0, 1)}&#8203;${w.slice(1)}`);
}

/** Inline code for text iptlint writes itself (no backquote, no pipe): a rule code, an address. */
export function markdownCode(s: string): string {
  const text = escapeText(s).replace(/\|/g, "\\|");
  const ticks = /`/.test(text) ? "``" : "`";
  return `${ticks}${ticks.length > 1 ? " " : ""}${text}${ticks.length > 1 ? " " : ""}${ticks}`;
}

/**
 * A fenced code block: a fence longer than any run of backquotes in the text, so no line of
 * it can close the block early; HTML and mentions are not interpreted inside.
 */
export function markdownCodeBlock(text: string, info = ""): string {
  const lines = text.split("\n").map(escapeText);
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${lines.join("\n")}\n${fence}`;
}
