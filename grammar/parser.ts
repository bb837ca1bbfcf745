/**
 * The line grammar of iptables-save / iptables -S text. One parse per line (the lexer hands
 * lines out one by one), so one bad line never hides the others and no error recovery is
 * needed.
 *
 * A command line is a flat list of arguments on purpose: iptables reads it with getopt_long,
 * where an option's arity depends on the extensions loaded before it (`--comment -foo` takes
 * `-foo` as its value; `-A` may come after `-p tcp`). That interpretation is data-driven and
 * lives in src/ast/command.ts with the extension registry, not in the grammar.
 */
import { CstParser, type CstNode, type IToken } from "chevrotain";
import {
  allTokens,
  Argument,
  ChainDecl,
  Comment,
  Commit,
  Counters,
  TableHeader,
} from "./tokens.js";

export class IptablesLineParser extends CstParser {
  constructor(options: { skipValidations?: boolean } = {}) {
    super(allTokens, {
      maxLookahead: 1,
      recoveryEnabled: false,
      nodeLocationTracking: "none",
      skipValidations: options.skipValidations ?? true,
    });
    // Must come last: it analyses the rules declared above as class fields.
    this.performSelfAnalysis();
  }

  /** Any non-blank line. */
  public line = this.RULE("line", () => {
    this.OR([
      { ALT: () => this.CONSUME(Comment) },
      { ALT: () => this.SUBRULE(this.tableHeader) },
      { ALT: () => this.SUBRULE(this.chainDecl) },
      { ALT: () => this.SUBRULE(this.commit) },
      { ALT: () => this.SUBRULE(this.command) },
    ]);
  });

  /** `*filter` — iptables-restore ignores words after the table name. */
  public tableHeader = this.RULE("tableHeader", () => {
    this.CONSUME(TableHeader);
    this.MANY(() => this.CONSUME(Argument, { LABEL: "extra" }));
  });

  /** `:CHAIN POLICY [packets:bytes]` — policy is `-` for a user chain. */
  public chainDecl = this.RULE("chainDecl", () => {
    this.CONSUME(ChainDecl);
    this.OPTION(() => {
      this.CONSUME1(Argument, { LABEL: "policy" });
      this.OPTION2(() => {
        this.CONSUME2(Argument, { LABEL: "counters" });
        this.MANY(() => this.CONSUME3(Argument, { LABEL: "extra" }));
      });
    });
  });

  /** `COMMIT` must stand alone; anything after it is reported by the builder. */
  public commit = this.RULE("commit", () => {
    this.CONSUME(Commit);
    this.MANY(() => this.CONSUME(Argument, { LABEL: "extra" }));
  });

  /** `[packets:bytes] -A CHAIN …`, `-N CHAIN`, `-P CHAIN POLICY`, … */
  public command = this.RULE("command", () => {
    this.OPTION(() => this.CONSUME(Counters));
    this.AT_LEAST_ONE(() => this.CONSUME(Argument, { LABEL: "args" }));
  });
}

let instance: IptablesLineParser | undefined;

/** The singleton used by the builder, built on first use (the self-analysis costs start-up time); reset per line through `input`. */
export function lineParser(): IptablesLineParser {
  return (instance ??= new IptablesLineParser());
}

export interface LineParseResult {
  readonly cst: CstNode | undefined;
  readonly errors: IptablesLineParser["errors"];
}

export function parseLineTokens(tokens: IToken[]): LineParseResult {
  const parser = lineParser();
  parser.input = tokens;
  const cst = parser.line();
  return { cst, errors: parser.errors };
}
