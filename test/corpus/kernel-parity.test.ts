/**
 * Kernel parity over ../shared/corpus: iptlint raises an error on exactly the files the
 * kernel rejects (real load, VERDICTS.tsv), at a line the kernel names, and none on the files
 * it accepts. Verdicts marked `env:` depend on the collection machine (an ipset or a DNS name
 * it lacked); we judge them as a host that has them would: accepted.
 *
 * Where the backends disagree, iptlint's errors describe the backend the dump is for: its
 * header says, else nft (what current distributions run); the other backend's rejection is a
 * warning.
 */
import { kernelErrors } from "../../src/checks.js";
import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { lintText } from "../../src/lint.js";
import { hasCorpus, kernelErrorLines, readCorpus, readVerdicts, type Verdict } from "../helpers/corpus.js";

interface Outcome {
  readonly path: string;
  readonly expected: "accepted" | "rejected";
  readonly agrees: boolean;
  readonly detail: string;
}

function judge(v: Verdict): Outcome {
  const text = readCorpus(v.path);
  const nameFamily = familyFromFileName(v.path);
  const result = lintText(text, nameFamily ? { family: { family: nameFamily, source: "file name" } } : {});
  const kernel = result.backend === "legacy" ? v.legacy : v.nft;
  const expected = v.environmental ? "accepted" : kernel;
  const errors = kernelErrors(result.findings);
  const familyOk = result.dump.family === v.family;
  if (expected === "accepted") {
    const first = errors[0];
    const detail = first ? `unexpected error at line ${first.span.start.line}: ${first.code} ${first.message}` : familyOk ? "" : `family ${result.dump.family}`;
    return { path: v.path, expected, agrees: errors.length === 0 && familyOk, detail };
  }
  const lines = kernelErrorLines(v);
  const hit = errors.some((f) => lines.has(f.span.start.line));
  const detail = hit ? "" : `kernel names line(s) ${[...lines].join(", ")}; iptlint errors at ${errors.map((f) => `${f.span.start.line} ${f.code} ${f.message}`).join(" | ") || "none"}`;
  return { path: v.path, expected, agrees: hit && familyOk, detail };
}

describe.skipIf(!hasCorpus)("kernel parity over ../shared/corpus", () => {
  it("agrees with the kernel's verdict on every file", () => {
    const outcomes = readVerdicts().map(judge);
    const agreeing = outcomes.filter((o) => o.agrees).length;
    const rejected = outcomes.filter((o) => o.expected === "rejected");
    console.log(
      `kernel parity: ${agreeing}/${outcomes.length} files agree ` +
        `(${rejected.filter((o) => o.agrees).length}/${rejected.length} rejected at the kernel's line, ` +
        `${outcomes.length - rejected.length - outcomes.filter((o) => !o.agrees && o.expected === "accepted").length}/${outcomes.length - rejected.length} accepted without error)`,
    );
    const disagreements = outcomes.filter((o) => !o.agrees).map((o) => `${o.path} (kernel: ${o.expected}): ${o.detail}`);
    expect(disagreements).toEqual([]);
  });
});

if (!hasCorpus) {
  it.skip("kernel parity: ../shared/corpus is not present on this machine", () => undefined);
}
