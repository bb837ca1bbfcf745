/**
 * Suppression directives as written in a dump:
 *
 *   # iptlint-disable-next-line IPT202, docker-user-host-port -- reason
 *   # iptlint-disable IPT208 -- reason        (until `# iptlint-enable [IPT208]` or the end)
 *   # iptlint-enable [codes…]                  (no codes: every rule)
 *   # iptlint-disable-file IPT217 -- reason
 *   -A DOCKER … -m comment --comment "iptlint-disable IPT202: reason" …
 *
 * Codes and names may be separated by commas or spaces; no codes means every rule. The
 * reason follows ` -- ` or `:`. `#` lines are lost when iptables-save prints a live ruleset,
 * so only the rule-comment form survives on a host; the others are for committed rules files.
 */
import { resolveRuleId, unknownRuleMessage } from "../config/rule-ids.js";
import { span, type Span } from "../findings.js";
import { nearest } from "../suggest.js";

export type DirectiveKind = "disable-next-line" | "disable" | "enable" | "disable-file" | "rule-comment";

const COMMENT_KEYWORDS = ["disable-next-line", "disable", "enable", "disable-file"] as const;

export interface RuleRef {
  /** The code (IPT202) the written code or name resolved to. */
  readonly code: string;
  /** As written, for messages. */
  readonly written: string;
}

export interface Directive {
  readonly kind: DirectiveKind;
  readonly line: number;
  /** The directive's text in the dump (from `iptlint-` to the end of the comment). */
  readonly span: Span;
  /** The directive as written, for messages (`iptlint-disable-next-line IPT202`). */
  readonly text: string;
  /** The rules it names that exist; empty with `all` set when it names none. */
  readonly rules: readonly RuleRef[];
  /** No codes given: every rule. */
  readonly all: boolean;
  readonly reason?: string;
  /** What is wrong with it: unknown rule names (with a suggestion). */
  readonly problems: readonly string[];
}

/** A directive attempt that is not one (`iptlint-disabel`, `iptlint-disable-next-line` in a rule comment). */
export interface MalformedDirective {
  readonly kind: "malformed";
  readonly span: Span;
  readonly message: string;
}

export type ParsedDirective = Directive | MalformedDirective;

/** A `#` comment line; undefined when it is an ordinary comment. */
export function parseCommentDirective(lineText: string, line: number): ParsedDirective | undefined {
  const m = /^\s*#\s*(iptlint-[A-Za-z-]*)/.exec(lineText);
  if (!m) return undefined;
  const start = lineText.indexOf(m[1] as string);
  const text = lineText.slice(start).trimEnd();
  const where = span(line, start + 1, start + 1 + text.length);
  return parseBody(text, line, where, COMMENT_KEYWORDS, (keyword) => keyword as DirectiveKind);
}

/** The text of a rule's `-m comment --comment`; undefined when it is not a directive. */
export function parseRuleCommentDirective(comment: string, line: number, where: Span): ParsedDirective | undefined {
  const text = comment.trim();
  if (!/^iptlint-/i.test(text)) return undefined;
  return parseBody(text, line, where, ["disable"], () => "rule-comment");
}

function parseBody(text: string, line: number, where: Span, keywords: readonly string[], kindOf: (keyword: string) => DirectiveKind): ParsedDirective {
  const m = /^iptlint-([A-Za-z-]*)(.*)$/s.exec(text) as RegExpExecArray;
  const keyword = (m[1] as string).toLowerCase();
  const rest = m[2] as string;
  if (!keywords.includes(keyword) || !/^($|[\s:,])/.test(rest)) {
    return { kind: "malformed", span: where, message: malformedMessage(keyword, keywords) };
  }
  const { list, reason } = splitReason(rest);
  const written = list.split(/[\s,]+/).filter((w) => w !== "");
  const rules: RuleRef[] = [];
  const problems: string[] = [];
  for (const w of written) {
    const rule = resolveRuleId(w);
    if (!rule) problems.push(unknownRuleMessage(w));
    else if (!rules.some((r) => r.code === rule.code)) rules.push({ code: rule.code, written: w });
  }
  const display = `iptlint-${keyword}${rules.length ? ` ${rules.map((r) => r.written).join(", ")}` : ""}`;
  return { kind: kindOf(keyword), line, span: where, text: display, rules, all: written.length === 0, ...(reason ? { reason } : {}), problems };
}

/** `IPT202, IPT208 -- why` or `IPT202: why` → the list and the reason (the earlier separator wins). */
function splitReason(rest: string): { list: string; reason?: string } {
  const dashes = /(^|\s)--(\s|$)/.exec(rest);
  const colon = rest.indexOf(":");
  const cut = [dashes ? { at: dashes.index, after: dashes.index + dashes[0].length } : undefined, colon >= 0 ? { at: colon, after: colon + 1 } : undefined]
    .filter((c) => c !== undefined)
    .sort((a, b) => a.at - b.at)[0];
  if (!cut) return { list: rest };
  const reason = rest.slice(cut.after).trim();
  return { list: rest.slice(0, cut.at), ...(reason ? { reason } : {}) };
}

function malformedMessage(keyword: string, keywords: readonly string[]): string {
  const head = `iptlint-${keyword}`;
  if (keywords.includes(keyword)) return `"${head}" must be followed by a space before the rule codes`;
  if (keywords.length === 1 && COMMENT_KEYWORDS.includes(keyword as (typeof COMMENT_KEYWORDS)[number])) {
    return `"${head}" does not work in a rule comment: only "iptlint-disable CODE[, CODE…][: reason]" does, and it applies to its own rule`;
  }
  const guess = nearest(keyword, keywords, 3);
  return `unknown directive "${head}"${guess ? `; did you mean "iptlint-${guess}"?` : ""} (known: ${keywords.map((k) => `iptlint-${k}`).join(", ")})`;
}
