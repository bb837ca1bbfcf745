/**
 * Physical line → LineNode: classifies each line by the grammar and turns its words into
 * Words. Line-level defects (a NUL byte, an open quote) are found here, before any command
 * is interpreted.
 *
 * Lines go through the grammar's fast path (./line-scanner.ts); the one shape it leaves to
 * the Chevrotain lexer and parser (grammar/) is a line the grammar rejects, so that the
 * message is the grammar's own.
 */
import type { IToken } from "chevrotain";
import type {
  ChainDeclCstChildren,
  CommandCstChildren,
  CommitCstChildren,
  ICstNodeVisitor,
  LineCstChildren,
  TableHeaderCstChildren,
} from "../../grammar/cst.js";
import { lexLine } from "../../grammar/lexer.js";
import { lineParser, parseLineTokens } from "../../grammar/parser.js";
import { CHECKS, finding } from "../checks.js";
import { span, type Finding, type Span } from "../findings.js";
import type { LineNode, Word } from "./nodes.js";
import { chainNode, scanLine, tableNode, type PhysicalLine } from "./line-scanner.js";
import { wordFromToken } from "./words.js";
import { escapeText } from "../text.js";
import { argumentsTooLong, lineAsRead, lineTooLong } from "./reader-limits.js";

/** CST → LineNode, for lines parsed by the Chevrotain grammar; its base class needs the parser, so it is made on first use. */
function makeVisitor() {
  const BaseVisitor = lineParser().getBaseCstVisitorConstructor<PhysicalLine, LineNode>();
  return new (class LineVisitor extends BaseVisitor implements ICstNodeVisitor<PhysicalLine, LineNode> {
    constructor() {
      super();
      this.validateVisitor();
    }

    line(c: LineCstChildren, l: PhysicalLine): LineNode {
      if (c.Comment) return { kind: "comment", line: l.line, span: lineSpan(l), text: l.text };
      if (c.tableHeader) return this.visit(c.tableHeader, l);
      if (c.chainDecl) return this.visit(c.chainDecl, l);
      if (c.commit) return this.visit(c.commit, l);
      return this.visit(c.command as never, l);
    }


    tableHeader(c: TableHeaderCstChildren, l: PhysicalLine): LineNode {
      return tableNode(wordFromToken(c.TableHeader[0] as IToken, l.terminated), words(c.extra, l), l.line, lineSpan(l));
    }

    chainDecl(c: ChainDeclCstChildren, l: PhysicalLine): LineNode {
      const rest = [...words(c.policy, l), ...words(c.counters, l), ...words(c.extra, l)];
      return chainNode(wordFromToken(c.ChainDecl[0] as IToken, l.terminated), rest, l.line, lineSpan(l));
    }

    commit(c: CommitCstChildren, l: PhysicalLine): LineNode {
      return { kind: "commit", line: l.line, span: lineSpan(l), extra: words(c.extra, l) };
    }

    command(c: CommandCstChildren, l: PhysicalLine): LineNode {
      const counters = c.Counters ? wordFromToken(c.Counters[0] as IToken, l.terminated) : undefined;
      return {
        kind: "command",
        line: l.line,
        span: lineSpan(l),
        ...(counters ? { counters } : {}),
        args: words(c.args, l),
      };
    }
  })();
}

let visitor: ReturnType<typeof makeVisitor> | undefined;

function words(tokens: IToken[] | undefined, l: PhysicalLine): Word[] {
  return (tokens ?? []).map((t) => wordFromToken(t, l.terminated));
}

function lineSpan(l: PhysicalLine): Span {
  return span(l.line, 1, l.text.length + 1);
}

/** Classifies one line; findings are the line-level defects iptables-restore would trip on. */
export function buildLine(l: PhysicalLine): { node: LineNode; findings: Finding[] } {
  const findings = lineDefects(l);
  // Of a line longer than its buffer iptables-restore reads only the start as this line
  // (./reader-limits.ts); reading only that much also bounds the work a 10 MB line costs.
  const read = findings.some((f) => f.code === CHECKS.lineTooLong.code) ? { ...l, text: lineAsRead(l.text) } : l;
  const node = scanLine(read) ?? parseWithGrammar(read, findings);
  if (node.kind === "command") {
    const tooLong = argumentsTooLong(node.args);
    if (tooLong) findings.push(tooLong);
    for (const w of node.args) {
      if ((w as Word & { unterminated?: boolean }).unterminated) {
        findings.push(
          finding("unterminatedQuote", w.span, `the quote opened here is not closed; iptables-restore takes the rest of the line, newline included, as this argument`, {
            help: 'close the quote, e.g. --comment "text"',
          }),
        );
      }
    }
  }
  return { node, findings };
}

/** The Chevrotain lexer and parser on one line; a line they reject gets their message. */
export function parseWithGrammar(l: PhysicalLine, findings: Finding[]): LineNode {
  const lexed = lexLine(l.text, l.line, l.terminated);
  if (lexed.tokens.length === 0) return { kind: "blank", line: l.line, span: lineSpan(l), whitespace: l.text.length > 0 };
  const { cst, errors } = parseLineTokens(lexed.tokens);
  if (errors.length > 0 || !cst) {
    // The grammar accepts any sequence of arguments, so only counters with no command after
    // them land here; report it plainly.
    const err = errors[0];
    const tok = err?.token;
    const at = tok && Number.isFinite(tok.startColumn) ? span(l.line, tok.startColumn as number, (tok.startColumn as number) + tok.image.length) : lineSpan(l);
    findings.push(finding("unknownFormat", at, `cannot read line ${l.line}: ${escapeText(err?.message ?? "unexpected text")}`));
    return { kind: "command", line: l.line, span: lineSpan(l), args: words(lexed.tokens, l) };
  }
  return (visitor ??= makeVisitor()).visit(cst, l) as LineNode;
}

function lineDefects(l: PhysicalLine): Finding[] {
  const out: Finding[] = [];
  const nul = l.text.indexOf("\0");
  if (nul >= 0) {
    out.push(finding("controlCharacter", span(l.line, nul + 1, nul + 2), "line holds a NUL byte; iptables-restore reads the line only up to it"));
  }
  const long = lineTooLong(l.line, l.text);
  if (long) out.push(long);
  return out;
}
