import { readFileSync } from "node:fs";
import { generateCstDts, Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { lexLine } from "../../grammar/lexer.js";
import { IptablesLineParser } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";

function tokensOf(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, i) => lexLine(line, i + 1, true).tokens.map((t) => `${t.tokenType.name}:${t.image}`));
}

describe("lexer", () => {
  it("passes Chevrotain's lexer validations with the first-character optimisation", () => {
    expect(() => new Lexer(allTokens, { ensureOptimizations: false, skipValidations: false })).not.toThrow();
  });

  it.each([
    ["*nat", ["TableHeader:*nat"]],
    [":DOCKER - [0:0]", ["ChainDecl::DOCKER", "Word:-", "Word:[0:0]"]],
    ["COMMIT", ["Commit:COMMIT"]],
    ["COMMITTED", ["Word:COMMITTED"]],
    ["# a comment -A x", ["Comment:# a comment -A x"]],
    ["[5:300] -A INPUT", ["Counters:[5:300]", "ShortFlag:-A", "Word:INPUT"]],
    // A colon opens a chain declaration only at the start of a line.
    ["-A X -s ::1/128 -d fe80::/10", ["ShortFlag:-A", "Word:X", "ShortFlag:-s", "Word:::1/128", "ShortFlag:-d", "Word:fe80::/10"]],
    ["-A X ! --dport 1000:2000", ["ShortFlag:-A", "Word:X", "Bang:!", "LongFlag:--dport", "Word:1000:2000"]],
    ['-A X --comment "a \\"b\\" c"', ["ShortFlag:-A", "Word:X", "LongFlag:--comment", 'QuotedWord:"a \\"b\\" c"']],
    ["-A X --comment -foo", ["ShortFlag:-A", "Word:X", "LongFlag:--comment", "ShortFlag:-foo"]],
    ['-A X --comment "open', ["ShortFlag:-A", "Word:X", "LongFlag:--comment", 'UnterminatedQuote:"open']],
    ["-A X !x - --", ["ShortFlag:-A", "Word:X", "Word:!x", "Word:-", "Word:--"]],
  ])("tokenises %j", (line, expected) => {
    expect(tokensOf(line)).toEqual(expected);
  });

  it("keeps a carriage return inside the last word, as iptables-restore does", () => {
    expect(tokensOf("*nat\r\n")).toEqual(["TableHeader:*nat\r"]);
  });

  it("numbers a line's tokens by its place in the input", () => {
    const [first, second] = lexLine("-A C29999 -j ACCEPT", 30000, true).tokens;
    expect(first?.startLine).toBe(30000);
    expect(second?.image).toBe("C29999");
    expect(second?.startLine).toBe(30000);
    expect(second?.endLine).toBe(30000);
    expect(second?.startColumn).toBe(4);
  });
});

describe("parser", () => {
  it("passes Chevrotain's grammar validations", () => {
    expect(() => new IptablesLineParser({ skipValidations: false })).not.toThrow();
  });

  it("grammar/cst.d.ts is what the grammar generates (npm run gen:cst)", () => {
    const fresh = generateCstDts(new IptablesLineParser().getGAstProductions());
    const committed = readFileSync(new URL("../../grammar/cst.d.ts", import.meta.url), "utf8");
    expect(committed).toBe(fresh);
  });
});
