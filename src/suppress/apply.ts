/**
 * Applying the dump's own suppression directives to its findings. A finding is suppressed
 * when a directive covering its first line names its code (or names none); what each
 * directive silenced is counted, so that directives that silence nothing can be reported
 * (ESLint's --report-unused-disable-directives), and malformed ones are findings themselves.
 */
import type { Dump } from "../ast/nodes.js";
import { finding } from "../checks.js";
import { compareFindings, type Finding } from "../findings.js";
import type { SuppressedFinding } from "../report/types.js";
import { collectDirectives, nextCodeLineFinder } from "./collect.js";
import type { Directive, ParsedDirective } from "./directives.js";

export interface SuppressionResult {
  /** Findings no directive silenced, plus findings about malformed directives; sorted. */
  readonly active: Finding[];
  readonly suppressed: SuppressedFinding[];
  /** Directives (or codes in them) that silenced nothing; report with --report-unused-suppressions. */
  readonly unused: Finding[];
}

/** Lines [from, to] where a directive silences its rules (all of them except `except`). */
interface Cover {
  readonly directive: Directive;
  readonly from: number;
  readonly to: number;
  readonly except: ReadonlySet<string>;
}

export function applySuppressions(findings: readonly Finding[], input: { readonly dump: Dump }): SuppressionResult {
  const parsed = collectDirectives(input.dump);
  const directives = parsed.filter((d): d is Directive => d.kind !== "malformed");
  const unused: Finding[] = [];
  const covers = coversOf(directives, input.dump, unused);
  const used = new Map<Directive, Set<string>>();
  const active: Finding[] = malformedFindings(parsed);
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const cover = covers.find((c) => silences(c, f));
    if (!cover) {
      active.push(f);
      continue;
    }
    const codes = used.get(cover.directive) ?? new Set<string>();
    used.set(cover.directive, codes.add(f.code));
    const d = cover.directive;
    suppressed.push({ finding: f, kind: "inSource", via: d.kind === "rule-comment" ? "rule-comment" : "comment", ...(d.reason ? { justification: d.reason } : {}) });
  }
  for (const d of directives) if (d.kind !== "enable") unused.push(...unusedParts(d, used.get(d)));
  return { active: active.sort(compareFindings), suppressed, unused: unused.sort(compareFindings) };
}

function silences(c: Cover, f: Finding): boolean {
  const line = f.span.start.line;
  if (line < c.from || line > c.to || c.except.has(f.code)) return false;
  return c.directive.all || c.directive.rules.some((r) => r.code === f.code);
}

function malformedFindings(parsed: readonly ParsedDirective[]): Finding[] {
  return parsed.flatMap((d) => {
    if (d.kind === "malformed") return [finding("invalidSuppression", d.span, d.message)];
    return d.problems.map((message) => finding("invalidSuppression", d.span, `${d.text}: ${message}`));
  });
}

/** Where each directive applies; `enable` closes ranges (and an enable with nothing to close is unused). */
function coversOf(directives: readonly Directive[], dump: Dump, unused: Finding[]): Cover[] {
  const covers: Cover[] = [];
  const nextCodeLine = nextCodeLineFinder(dump);
  let open: OpenRange[] = [];
  const close = (o: OpenRange, line: number) => covers.push({ directive: o.directive, from: o.from, to: line - 1, except: o.except });
  for (const d of directives) {
    if (d.kind === "disable-file") covers.push({ directive: d, from: 1, to: Infinity, except: new Set() });
    else if (d.kind === "rule-comment") covers.push({ directive: d, from: d.line, to: d.line, except: new Set() });
    else if (d.kind === "disable-next-line") {
      const target = nextCodeLine(d.line);
      if (target !== undefined) covers.push({ directive: d, from: target, to: target, except: new Set() });
    } else if (d.kind === "disable") open.push({ directive: d, from: d.line + 1, except: new Set() });
    else open = enable(d, open, close, unused);
  }
  for (const o of open) close(o, Infinity);
  return covers;
}

type OpenRange = { readonly directive: Directive; readonly from: number; readonly except: ReadonlySet<string> };

/** Whether an open `disable` range currently silences `code`. */
function rangeCovers(o: OpenRange, code: string): boolean {
  return !o.except.has(code) && (o.directive.all || o.directive.rules.some((r) => r.code === code));
}

/**
 * `iptlint-enable` without codes closes every open range. With codes it ends them in every
 * range that covers them; the range goes on for its other rules (`disable` then
 * `enable IPT202` leaves every other rule disabled, as ESLint does).
 */
function enable(d: Directive, open: readonly OpenRange[], close: (o: OpenRange, line: number) => void, unused: Finding[]): OpenRange[] {
  const codes = d.rules.map((r) => r.code);
  const affected = open.filter((o) => d.all || codes.some((c) => rangeCovers(o, c)));
  if (affected.length === 0 && (d.all || codes.length > 0)) {
    unused.push(finding("unusedSuppression", d.span, `${d.text} re-enables ${d.all ? "rules" : "a rule"} that no earlier iptlint-disable turned off`, { help: "remove the directive" }));
  }
  const next = open.filter((o) => !affected.includes(o));
  for (const o of affected) {
    close(o, d.line);
    if (d.all) continue;
    const except = new Set([...o.except, ...codes]);
    if (o.directive.all || o.directive.rules.some((r) => !except.has(r.code))) next.push({ directive: o.directive, from: d.line + 1, except });
  }
  return next;
}

/** One finding per named code that silenced nothing, or one for a directive naming none. */
function unusedParts(d: Directive, used: ReadonlySet<string> | undefined): Finding[] {
  const where = d.kind === "disable-next-line" ? "on the next rule line" : d.kind === "rule-comment" ? "on its rule" : d.kind === "disable-file" ? "in this file" : "in its range";
  if (d.all) return used?.size ? [] : [finding("unusedSuppression", d.span, `${d.text} silenced nothing: no finding ${where}`, { help: "remove the directive" })];
  return d.rules
    .filter((r) => !used?.has(r.code))
    .map((r) => finding("unusedSuppression", d.span, `${d.text}: ${r.written} silenced nothing: no ${r.code} finding ${where}`, { help: d.rules.length > 1 ? `remove ${r.written} from the directive` : "remove the directive" }));
}
