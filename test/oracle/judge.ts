/**
 * iptlint's verdict next to the kernel's: an error finding exactly when iptables-restore
 * rejects the dump, at a line the kernel names. Only errors count: a warning is how iptlint
 * reports what the other backend alone rejects.
 */
import type { Backend } from "../../src/ast/backend.js";
import type { Finding } from "../../src/findings.js";
import { namedLines, type KernelVerdict } from "./kernel.js";

export interface Judgement {
  readonly agrees: boolean;
  /** Why not, with the kernel's message and iptlint's errors; empty when they agree. */
  readonly detail: string;
}

export interface JudgeOptions {
  /** The verdict depends on the machine (DNS, ipsets, users): judge it as accepted. */
  readonly environmental?: boolean;
  /**
   * Lines where an error also counts as "at the kernel's line": the only rule of a probe,
   * because legacy names just the COMMIT line of a table the kernel refuses ("line 4 failed").
   */
  readonly culpritLines?: readonly number[];
}

export function judge(findings: readonly Finding[], kernel: KernelVerdict, backend: Backend, options: JudgeOptions = {}): Judgement {
  const errors = findings.filter((f) => f.severity === "error");
  const said = errors.map((f) => `line ${f.span.start.line} ${f.code}: ${f.message}`).join(" | ") || "no error";
  const verdict = kernel[backend];
  if (verdict.accepted || options.environmental) {
    return errors.length === 0 ? { agrees: true, detail: "" } : { agrees: false, detail: `kernel accepts; iptlint: ${said}` };
  }
  const lines = namedLines(kernel);
  for (const l of options.culpritLines ?? []) lines.add(l);
  const atNamedLine = errors.some((f) => lines.size === 0 || lines.has(f.span.start.line));
  if (atNamedLine) return { agrees: true, detail: "" };
  return { agrees: false, detail: `kernel rejects (${verdict.message}); iptlint: ${said}` };
}

/**
 * Against a list of known disagreements: the outcomes that disagree but are not listed (new
 * ones), the listed ones that agree now (to be removed from the list), and listed keys that
 * name no outcome (stale entries).
 */
export function compareWithKnown(
  outcomes: ReadonlyMap<string, Judgement>,
  known: Readonly<Record<string, string>>,
): { unexpected: string[]; nowAgreeing: string[]; unknownKeys: string[] } {
  const unexpected: string[] = [];
  const nowAgreeing: string[] = [];
  for (const [key, j] of outcomes) {
    if (!j.agrees && !(key in known)) unexpected.push(`${key}\n    ${j.detail}`);
    if (j.agrees && key in known) nowAgreeing.push(key);
  }
  const unknownKeys = Object.keys(known).filter((k) => !outcomes.has(k));
  return { unexpected, nowAgreeing, unknownKeys };
}
