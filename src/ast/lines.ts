/**
 * CST → LineNode: classifies each physical line through the grammar and turns tokens into
 * Words. Line-level defects (a CR at the end, a NUL byte, an open quote) are found here,
 * before any command is interpreted.
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
import type { LexedLine } from "../../grammar/lexer.js";
import { lineParser, parseLineTokens } from "../../grammar/parser.js";
import { finding } from "../checks.js";
import { span, type Finding, type Span } from "../findings.js";
import type { LineNode, Word } from "./nodes.js";
import { wordFromToken } from "./words.js";
import { escapeText } from "../text.js";

const BaseVisitor = lineParser.getBaseCstVisitorConstructor<LexedLine, LineNode>();

class LineVisitor extends BaseVisitor implements ICstNodeVisitor<LexedLine, LineNode> {
  constructor() {
    super();
    this.validateVisitor();
  }

  line(c: LineCstChildren, l: LexedLine): LineNode {
    if (c.Comment) return { kind: "comment", line: l.line, span: lineSpan(l), text: l.text };
    if (c.tableHeader) return this.visit(c.tableHeader, l);
    if (c.chainDecl) return this.visit(c.chainDecl, l);
    if (c.commit) return this.visit(c.commit, l);
    return this.visit(c.command as never, l);
  }

  tableHeader(c: TableHeaderCstChildren, l: LexedLine): LineNode {
    const head = wordFromToken(c.TableHeader[0] as IToken, l.terminated);
    const extra = words(c.extra, l);
    // iptables-restore: strtok(buffer + 1, " \t\n"), so "* filter" names the table "filter".
    if (head.text === "*" && extra.length > 0) {
      const [name, ...rest] = extra as [Word, ...Word[]];
      return { kind: "table", line: l.line, span: lineSpan(l), name, extra: rest };
    }
    const name: Word = head.withText(head.text.slice(1), head.raw.slice(1), 1);
    return { kind: "table", line: l.line, span: lineSpan(l), name, extra };
  }

  chainDecl(c: ChainDeclCstChildren, l: LexedLine): LineNode {
    const head = wordFromToken(c.ChainDecl[0] as IToken, l.terminated);
    const rest = [...words(c.policy, l), ...words(c.counters, l), ...words(c.extra, l)];
    let name: Word = head.withText(head.text.slice(1), head.raw.slice(1), 1);
    if (name.text === "" && rest.length > 0) name = rest.shift() as Word;
    const [policy, counters, ...extra] = rest;
    return {
      kind: "chain",
      line: l.line,
      span: lineSpan(l),
      name,
      ...(policy ? { policy } : {}),
      ...(counters ? { counters } : {}),
      extra,
    };
  }

  commit(c: CommitCstChildren, l: LexedLine): LineNode {
    return { kind: "commit", line: l.line, span: lineSpan(l), extra: words(c.extra, l) };
  }

  command(c: CommandCstChildren, l: LexedLine): LineNode {
    const counters = c.Counters ? wordFromToken(c.Counters[0] as IToken, l.terminated) : undefined;
    return {
      kind: "command",
      line: l.line,
      span: lineSpan(l),
      ...(counters ? { counters } : {}),
      args: words(c.args, l),
    };
  }
}

const visitor = new LineVisitor();

function words(tokens: IToken[] | undefined, l: LexedLine): Word[] {
  return (tokens ?? []).map((t) => wordFromToken(t, l.terminated));
}

function lineSpan(l: LexedLine): Span {
  return span(l.line, 1, l.text.length + 1);
}

/** Classifies one line; findings are the line-level defects iptables-restore would trip on. */
export function buildLine(l: LexedLine): { node: LineNode; findings: Finding[] } {
  const findings = lineDefects(l);
  if (l.tokens.length === 0) {
    const whitespace = l.text.length > 0;
    return { node: { kind: "blank", line: l.line, span: lineSpan(l), whitespace }, findings };
  }
  const { cst, errors } = parseLineTokens(l.tokens);
  if (errors.length > 0 || !cst) {
    // The grammar accepts any sequence of arguments, so only COMMIT or a header followed by
    // something unexpected can land here; report it plainly.
    const err = errors[0];
    const tok = err?.token;
    const at = tok && Number.isFinite(tok.startColumn) ? span(l.line, tok.startColumn as number, (tok.startColumn as number) + tok.image.length) : lineSpan(l);
    findings.push(finding("unknownFormat", at, `cannot read line ${l.line}: ${escapeText(err?.message ?? "unexpected text")}`));
    return { node: { kind: "command", line: l.line, span: lineSpan(l), args: words(l.tokens, l) }, findings };
  }
  const node = visitor.visit(cst, l) as LineNode;
  for (const w of node.kind === "command" ? node.args : []) {
    if ((w as Word & { unterminated?: boolean }).unterminated) {
      findings.push(
        finding("unterminatedQuote", w.span, `the quote opened here is not closed; iptables-restore takes the rest of the line, newline included, as this argument`, {
          help: 'close the quote, e.g. --comment "text"',
        }),
      );
    }
  }
  return { node, findings };
}

function lineDefects(l: LexedLine): Finding[] {
  const out: Finding[] = [];
  const nul = l.text.indexOf("\0");
  if (nul >= 0) {
    out.push(finding("controlCharacter", span(l.line, nul + 1, nul + 2), "line holds a NUL byte; iptables-restore reads the line only up to it"));
  }
  return out;
}
