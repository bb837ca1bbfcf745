/**
 * The Chevrotain lexer, run one line at a time: the builder splits the input into lines
 * itself (src/ast/line-scanner.ts) and lexes only the lines its fast path leaves to the grammar.
 */
import { Lexer, type ILexingError, type IToken } from "chevrotain";
import { allTokens, Newline } from "./tokens.js";

let instance: Lexer | undefined;

/**
 * The singleton lexer, built on first use: lines normally go through the fast path
 * (src/ast/line-scanner.ts), and building the lexer is a tenth of a small run's start-up.
 */
export function lexer(): Lexer {
  return (instance ??= new Lexer(allTokens, {
    positionTracking: "full",
    ensureOptimizations: false,
    // Validations run in test/grammar/grammar.test.ts; skipping them here saves start-up time.
    skipValidations: true,
  }));
}

export interface LexedLine {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The line's text without its "\n". */
  readonly text: string;
  /** Whether a "\n" ended the line (false only for a last line without one). */
  readonly terminated: boolean;
  /** Tokens of this line, without the Newline; columns are 1-based. */
  readonly tokens: IToken[];
  readonly errors: ILexingError[];
}

/** One line lexed on its own (the builder's fallback for a line the fast path leaves to the grammar). */
export function lexLine(text: string, line: number, terminated: boolean): LexedLine {
  const result = lexer().tokenize(terminated ? text + "\n" : text);
  const tokens = result.tokens.filter((tok) => tok.tokenType !== Newline);
  for (const tok of tokens) relocate(tok, line - 1);
  const errors = result.errors.map((err) => ({ ...err, line: (err.line ?? 1) + line - 1 }));
  return { line, text, terminated, tokens, errors };
}

function relocate(tok: IToken, lineDelta: number): void {
  tok.startLine = (tok.startLine as number) + lineDelta;
  tok.endLine = (tok.endLine as number) + lineDelta;
}
