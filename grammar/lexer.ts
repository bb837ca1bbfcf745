/**
 * The singleton lexer, run over the input in chunks of whole lines so that a 150 MB dump is
 * never held as one token array; each chunk's tokens are handed out line by line.
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

/** About 256 KiB of text per lexer call: large enough to amortise the call, small enough to stream. */
const CHUNK_CHARS = 1 << 18;

/** Splits `text` into lines and lexes them chunk by chunk. */
export function* lexLines(text: string): Generator<LexedLine> {
  let chunkStart = 0;
  let firstLine = 1;
  while (chunkStart < text.length) {
    let chunkEnd = text.indexOf("\n", Math.min(chunkStart + CHUNK_CHARS, text.length - 1));
    chunkEnd = chunkEnd < 0 ? text.length : chunkEnd + 1;
    const chunk = text.slice(chunkStart, chunkEnd);
    yield* lexChunk(chunk, firstLine);
    firstLine += countNewlines(chunk);
    chunkStart = chunkEnd;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function* lexChunk(chunk: string, firstLine: number): Generator<LexedLine> {
  const result = lexer().tokenize(chunk);
  const tokens = result.tokens;
  const errors = result.errors;
  let t = 0;
  let e = 0;
  let lineStart = 0;
  for (let rel = 1; lineStart < chunk.length; rel++) {
    const nl = chunk.indexOf("\n", lineStart);
    const lineEnd = nl < 0 ? chunk.length : nl;
    const lineTokens: IToken[] = [];
    while (t < tokens.length && (tokens[t] as IToken).startLine === rel) {
      const tok = tokens[t++] as IToken;
      if (tok.tokenType === Newline) continue;
      relocate(tok, firstLine - 1);
      lineTokens.push(tok);
    }
    const lineErrors: ILexingError[] = [];
    while (e < errors.length && (errors[e] as ILexingError).line === rel) {
      const err = errors[e++] as ILexingError;
      lineErrors.push({ ...err, line: (err.line ?? rel) + firstLine - 1 });
    }
    yield {
      line: firstLine + rel - 1,
      text: chunk.slice(lineStart, lineEnd),
      terminated: nl >= 0,
      tokens: lineTokens,
      errors: lineErrors,
    };
    lineStart = lineEnd + 1;
  }
}

function relocate(tok: IToken, lineDelta: number): void {
  tok.startLine = (tok.startLine as number) + lineDelta;
  tok.endLine = (tok.endLine as number) + lineDelta;
}

/** One line lexed on its own (the builder's fallback for a line the fast path leaves to the grammar). */
export function lexLine(text: string, line: number, terminated: boolean): LexedLine {
  const [lexed] = lexChunk(terminated ? text + "\n" : text, line);
  return lexed ?? { line, text, terminated, tokens: [], errors: [] };
}
