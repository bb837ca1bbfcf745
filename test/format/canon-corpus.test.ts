/**
 * The canonical printer against the kernel: for every corpus file the kernel accepts, the
 * rules iptlint prints must be the rules iptables-save prints after loading the file
 * (`oracle canon`, nft backend), byte for byte: at least 99% of all rules and every rule of
 * ../shared/corpus/docker. Counters are left out on both sides (the oracle zeroes them).
 * Runs where iptables is installed (.ci/run installs it); skips visibly elsewhere.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kernelErrors } from "../../src/checks.js";
import { describe, expect, it } from "vitest";
import { familyFromFileName } from "../../src/ast/detect.js";
import { diffRulesets } from "../../src/diff/ruleset-diff.js";
import { printRuleset } from "../../src/format/print.js";
import { lintText } from "../../src/lint.js";
import { compareCanon, hasIptables, kernelCanon } from "../helpers/canon.js";
import { CORPUS_DIR, hasCorpus, readVerdicts } from "../helpers/corpus.js";

function lintCorpus(path: string) {
  const family = familyFromFileName(path);
  return lintText(readFileSync(join(CORPUS_DIR, path), "utf8"), family ? { family: { family, source: "file name" } } : {});
}

const accepted = hasCorpus ? readVerdicts().filter((v) => v.nft === "accepted" && !v.environmental) : [];

describe.skipIf(!hasCorpus || !hasIptables)("canonical form vs the kernel's iptables-save", () => {
  it("prints ≥99% of all corpus rules and 100% of Docker's as iptables-save does", () => {
    let rules = 0;
    let agreeing = 0;
    let dockerRules = 0;
    let dockerAgreeing = 0;
    const report: string[] = [];
    const differences: string[] = [];
    for (const v of accepted) {
      const kernel = kernelCanon(join(CORPUS_DIR, v.path), v.family);
      if (kernel === undefined) throw new Error(`the oracle rejected ${v.path}, which VERDICTS.tsv says it accepts`);
      const mine = printRuleset(lintCorpus(v.path).ruleset, { counters: false });
      const c = compareCanon(kernel, mine);
      rules += c.rules;
      agreeing += c.agreeing;
      if (v.path.startsWith("docker/")) {
        dockerRules += c.rules;
        dockerAgreeing += c.agreeing;
      }
      if (c.agreeing < c.rules || !c.chainsAgree) report.push(`  ${c.agreeing}/${c.rules}${c.chainsAgree ? "" : " (chain lines differ)"} ${v.path}`);
      for (const d of c.differences) differences.push(`  ${v.path}\n    kernel:  ${d.kernel}\n    iptlint: ${d.iptlint ?? "(no counterpart)"}`);
    }
    const pct = (a: number, b: number) => ((100 * a) / Math.max(b, 1)).toFixed(2);
    console.log(
      [`canonical form: ${agreeing}/${rules} rules (${pct(agreeing, rules)}%) in ${accepted.length} files; docker: ${dockerAgreeing}/${dockerRules} (${pct(dockerAgreeing, dockerRules)}%)`, ...report, ...differences.slice(0, 40)].join("\n"),
    );
    expect(dockerAgreeing).toBe(dockerRules);
    expect(agreeing / rules).toBeGreaterThanOrEqual(0.99);
  });
});

describe.skipIf(!hasCorpus)("round trip over the corpus", () => {
  it.each(accepted.map((v) => [v.path]))("%s: parse(print(x)) is x, and print is idempotent", (path) => {
    const first = lintCorpus(path);
    const printed = printRuleset(first.ruleset);
    const again = lintText(printed, { family: { family: first.dump.family, source: "option" } });
    expect(kernelErrors(again.findings)).toEqual([]);
    expect(diffRulesets(first.ruleset, again.ruleset).equal).toBe(true);
    expect(printRuleset(again.ruleset)).toBe(printed);
  });
});

if (!hasCorpus || !hasIptables) {
  it.skip(`canonical form vs the kernel: needs ../shared/corpus (${hasCorpus}) and iptables (${hasIptables})`, () => undefined);
}
