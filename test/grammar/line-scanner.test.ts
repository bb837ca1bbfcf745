/**
 * The line scanner (src/ast/line-scanner.ts) is the grammar's fast path: on every line it
 * classifies, it must build exactly what the Chevrotain lexer, parser and visitor build.
 * Checked on every line of the fixtures and of ../shared/corpus, and on random lines made of
 * the characters the token patterns treat specially.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWithGrammar } from "../../src/ast/lines.js";
import { physicalLines, scanLine, type PhysicalLine } from "../../src/ast/line-scanner.js";
import type { LineNode, Word } from "../../src/ast/nodes.js";
import type { Finding } from "../../src/findings.js";
import { CORPUS_DIR, hasCorpus } from "../helpers/corpus.js";

function wordShape(w: Word | undefined): unknown {
  if (!w) return undefined;
  const s = w.span;
  return [w.text, w.raw, w.quoted, (w as { unterminated?: boolean }).unterminated ?? false, s.start.line, s.start.column, s.end.line, s.end.column];
}

/** Everything a LineNode says, with words reduced to comparable values. */
function shape(n: LineNode): unknown {
  const base = [n.kind, n.line, n.span];
  switch (n.kind) {
    case "blank":
      return [...base, n.whitespace];
    case "comment":
      return [...base, n.text];
    case "table":
      return [...base, wordShape(n.name), n.extra.map(wordShape)];
    case "chain":
      return [...base, wordShape(n.name), wordShape(n.policy), wordShape(n.counters), n.extra.map(wordShape)];
    case "commit":
      return [...base, n.extra.map(wordShape)];
    case "command":
      return [...base, wordShape(n.counters), n.args.map(wordShape)];
  }
}

/** Undefined when they agree; else what each said. */
function disagreement(l: PhysicalLine): string | undefined {
  const fast = scanLine(l);
  const findings: Finding[] = [];
  const grammar = parseWithGrammar(l, findings);
  if (!fast) return findings.length > 0 ? undefined : `scanner gave up on ${JSON.stringify(l.text)} but the grammar accepts it`;
  if (findings.length > 0) return `grammar rejects ${JSON.stringify(l.text)} but the scanner accepted it`;
  const a = JSON.stringify(shape(fast));
  const b = JSON.stringify(shape(grammar));
  return a === b ? undefined : `${JSON.stringify(l.text)}\n  scanner: ${a}\n  grammar: ${b}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function disagreementsIn(files: string[]): { lines: number; bad: string[] } {
  let lines = 0;
  const bad: string[] = [];
  for (const f of files) {
    for (const l of physicalLines(readFileSync(f, "utf8"))) {
      lines++;
      const d = disagreement(l);
      if (d) bad.push(`${f}:${l.line}: ${d}`);
    }
  }
  return { lines, bad };
}

describe("line scanner = grammar", () => {
  it.each([
    ["*nat"],
    ["* filter extra"],
    ["*fil\"ter x"],
    [":DOCKER - [0:0]"],
    [": DOCKER ACCEPT [1:2] more words"],
    [":"],
    ["COMMIT"],
    ["COMMIT\r"],
    ["COMMIT x"],
    ["COMMITTED"],
    ["# a comment -A x"],
    [" # not a comment"],
    ["[5:300] -A INPUT"],
    ["[5:300]"],
    ["[5:300]   "],
    ['[0:0]"x y" z'],
    ["-A X ! --dport 1000:2000"],
    ['-A X --comment "a \\"b\\" c"'],
    ['-A X --comment "open'],
    ['-A X --comment "open \\'],
    ['-A X a"b"c "d'],
    ['-A X --comment""'],
    ["-A X !x - --"],
    ["\t -A\tX  "],
    ["   "],
    [""],
  ])("%j", (text) => {
    for (const terminated of [true, false]) expect(disagreement({ line: 7, text, terminated })).toBeUndefined();
  });

  it("agrees on every line of the fixtures", () => {
    const { lines, bad } = disagreementsIn(filesUnder(new URL("../../fixtures", import.meta.url).pathname));
    expect(lines).toBeGreaterThan(1000);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("agrees on every line of ../shared/corpus", () => {
    const { lines, bad } = disagreementsIn(filesUnder(CORPUS_DIR).filter((f) => !/\.(md|tsv)$/.test(f)));
    expect(lines).toBeGreaterThan(10000);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("agrees on random lines of the characters that matter", () => {
    const pieces = [" ", "\t", '"', "\\", "!", "-", "--", "#", "*", ":", "[", "]", "C", "COMMIT", "\r", "a", "0", "x y", "é", "\0", "-A", "--comment"];
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join(""));
    fc.assert(
      fc.property(line, fc.boolean(), (text, terminated) => disagreement({ line: 3, text, terminated }) === undefined),
      { numRuns: 4000, seed: 20261122 },
    );
  });
});
