/**
 * Lines → Dump. The `*table … COMMIT` structure is a small state machine here rather than
 * grammar, so that it can say what iptables-restore would say ("rule before any table
 * header", "COMMIT expected") instead of a generic token error. It follows the reading loop
 * of iptables-restore 1.8.9 (iptables/iptables-restore.c, xtables-restore.c).
 *
 * Input without `*table` headers is `iptables -S` output (it has -P lines) or a fragment
 * (`iptables-save | grep DOCKER`); their tables are inferred in ./tables-inference.ts.
 * `iptables -L` output (`Chain NAME (policy …)` headers) is read by src/listing/.
 */
import { finding } from "../checks.js";
import { span, type Finding } from "../findings.js";
import { isTableName, type Family, type TableName } from "../model/netfilter.js";
import { escapeText, quoteText } from "../text.js";
import { interpretCommand } from "./command.js";
import { checkChainDeclaration, checkCounters } from "./declarations.js";
import { backendFinding, type Backend } from "./backend.js";
import { detectBackend, detectFamily, type FamilyHint } from "./detect.js";
import { buildLine } from "./lines.js";
import { physicalLines, type PhysicalLine } from "./line-scanner.js";
import type { CommandNode, Dump, InputFormat, LineNode, TableBlock, TriviaLine } from "./nodes.js";
import { inferTables, type HeaderlessLine } from "./tables-inference.js";
import { buildListing } from "../listing/build.js";
import { detectInputFormat, type InputFormatChoice } from "../listing/detect.js";

export interface BuildOptions {
  /** Family forced by the user (--family), or a hint from the file name. */
  readonly family?: FamilyHint;
  /** Table for headerless input (`--table`), overriding inference. */
  readonly table?: TableName;
  /** Backend the dump is meant for (`--backend`); else its header says, else nft. */
  readonly backend?: Backend;
  /** `--input-format`: save, S or list (`iptables -L` output, src/listing/); else detected. */
  readonly inputFormat?: InputFormatChoice;
}

export interface BuildResult {
  readonly dump: Dump;
  readonly findings: Finding[];
}

export function buildDump(text: string, options: BuildOptions = {}): BuildResult {
  if ((options.inputFormat ?? detectInputFormat(text)) === "list") return buildListing(text, options);
  const { family, source: familySource } = detectFamily(text, options.family);
  const nft = nftablesHeader(text);
  if (nft) return { dump: { format: "save", family, familySource, tables: [], lineCount: 0, trivia: [] }, findings: [nft] };
  const backend = options.backend ?? detectBackend(text);
  const hasHeaders = options.inputFormat ? options.inputFormat === "save" : /^\*/m.test(text);
  const builder = hasHeaders ? new SaveBuilder(family, backend ?? "nft") : new HeaderlessBuilder(family, options.table);
  let lineCount = 0;
  for (const lexed of physicalLines(text)) {
    lineCount = lexed.line;
    builder.add(lexed);
  }
  const { tables, format } = builder.finish(lineCount);
  const findings = builder.findings;
  const dump: Dump = { format, family, familySource, ...(backend ? { backend } : {}), tables, lineCount, trivia: builder.trivia };
  return { dump, findings };
}

/**
 * `nft list ruleset` output (Docker 29's nftables backend, firewalld) is not iptables input;
 * one clear finding instead of a syntax error on every line.
 */
function nftablesHeader(text: string): Finding | undefined {
  if (/^\*/m.test(text)) return undefined;
  const m = /^([ \t]*)table (?:ip|ip6|inet|arp|bridge|netdev) \S+ \{/m.exec(text);
  if (!m) return undefined;
  const line = text.slice(0, m.index).split("\n").length;
  return finding("unknownFormat", span(line, m[1]!.length + 1, m[0].length + 1), "this is nftables syntax (nft list ruleset), not iptables-save or iptables -S output; iptlint reads only the latter", {
    help: "on a Docker 29 host with the nftables backend, Docker's rules are in nftables; dump iptables with iptables-save, or lint this with nft -c -f",
  });
}

interface Builder {
  readonly findings: Finding[];
  readonly trivia: TriviaLine[];
  add(l: PhysicalLine): void;
  finish(lineCount: number): { tables: TableBlock[]; format: InputFormat };
}

/** iptables-save / restore input: `*table`, `:CHAIN`, commands, `COMMIT`. */
class SaveBuilder implements Builder {
  readonly findings: Finding[] = [];
  readonly trivia: TriviaLine[] = [];
  private readonly tables: TableBlock[] = [];
  private current: TableBlock | undefined;
  private lastLine: { node: LineNode; terminated: boolean } | undefined;
  /** Text of the line being added, for messages that quote it. */
  private lineText = "";
  /** The run of prose lines outside a table being reported as one finding. */
  private prose: { index: number; start: number; last: number } | undefined;
  /** Chains declared in the open table block, by name. */
  private declared = new Map<string, { line: number }>();

  constructor(
    private readonly family: Family,
    private readonly backend: Backend,
  ) {}

  add(l: PhysicalLine): void {
    const { node, findings } = buildLine(l);
    this.lineText = l.text;
    this.findings.push(...findings);
    if (findings.some((f) => f.severity === "error")) return;
    if (node.kind !== "blank" || l.text.length > 0) this.lastLine = { node, terminated: l.terminated };
    switch (node.kind) {
      case "blank":
        if (!node.whitespace) this.trivia.push({ line: node.line, text: "" });
        // iptables-restore skips only a line that is exactly "\n"; "   \n" is a command line
        // with no command ("no command specified"), outside a table "line N failed".
        if (node.whitespace) this.findings.push(finding("whitespaceOnlyLine", node.span, `line ${node.line} holds only spaces or tabs, which iptables-restore does not skip`, { help: "delete the spaces or the line" }));
        return;
      case "comment":
        this.trivia.push({ line: node.line, text: node.text });
        return;
      case "table":
        return this.openTable(node);
      case "commit":
        return this.commit(node);
      case "chain":
        return this.chain(node);
      case "command":
        return this.command(node);
    }
  }

  private openTable(node: Extract<LineNode, { kind: "table" }>): void {
    if (this.current) {
      this.findings.push(finding("missingCommit", node.span, `table ${this.current.name} opened on line ${this.current.line} is not committed before *${escapeText(node.name.text)}`, { help: "add COMMIT on the line before this header" }));
      return;
    }
    const name = node.name.text;
    if (!isTableName(name)) {
      this.findings.push(finding("unknownTable", node.name.span, `table name ${quoteText(name)} invalid: the kernel has filter, nat, mangle, raw and security`));
      // Keep reading the block, so its lines are checked and not reported as outside a
      // table; a CRLF file's `*nat\r` is still analysed as nat, but not kept in the dump.
      const guess = name.replace(/\r$/, "");
      this.current = { name: isTableName(guess) ? guess : "filter", nameSpan: node.name.span, line: node.line, chains: [], commands: [] };
      this.declared = new Map();
      if (isTableName(guess)) this.tables.push(this.current);
      return;
    }
    if (node.extra.length > 0) {
      this.findings.push(finding("extraHeaderText", (node.extra[0] as { span: typeof node.span }).span, `iptables-restore ignores ${quoteText(node.extra.map((w) => w.raw).join(" "))} after the table name`));
    }
    this.current = { name, nameSpan: node.name.span, line: node.line, chains: [], commands: [] };
    this.declared = new Map();
    this.tables.push(this.current);
  }

  private commit(node: Extract<LineNode, { kind: "commit" }>): void {
    const raw = node.span.end.column - 1;
    if (node.extra.length > 0 || raw !== "COMMIT".length) {
      // iptables-restore compares the whole line with "COMMIT\n"; anything else is read as a
      // rule line and fails with "Bad argument `COMMIT'".
      const trailing = this.lineText.slice("COMMIT".length);
      this.findings.push(finding("commitTrailingText", span(node.line, 7, raw + 1), `COMMIT must stand alone on its line: iptables-restore does not recognise "COMMIT" followed by ${quoteText(trailing)}`, { help: "remove what follows COMMIT" }));
      // Close the table all the same, so the rest of the file is not reported as outside it.
    }
    if (!this.current) {
      this.findings.push(finding("lineOutsideTable", node.span, "COMMIT without a table: no *table header is open"));
      return;
    }
    this.current.commitLine = node.line;
    this.current = undefined;
  }

  private chain(node: Extract<LineNode, { kind: "chain" }>): void {
    if (!this.current) {
      this.findings.push(finding("lineOutsideTable", node.span, `chain declaration on line ${node.line} is outside a table: no *table header is open`, { help: "put the line between a *table header and COMMIT" }));
      return;
    }
    const problem = checkChainDeclaration(node, this.current, this.declared, this.backend);
    if (problem) {
      this.findings.push(...problem);
      if (problem.some((f) => f.severity === "error")) return;
    }
    if (!this.declared.has(node.name.text)) this.declared.set(node.name.text, { line: node.line });
    this.current.chains.push({
      name: node.name.text,
      nameSpan: node.name.span,
      line: node.line,
      declaredBy: "declaration",
      ...(node.policy && node.policy.text !== "-" ? { policy: node.policy.text, policySpan: node.policy.span } : {}),
      ...(node.counters ? { counters: node.counters.text } : {}),
    });
  }

  private command(node: Extract<LineNode, { kind: "command" }>): void {
    if (!this.current) return this.outsideTable(node);
    if (node.counters) {
      const bad = checkCounters(node.counters, this.lineText);
      if (bad) return void this.findings.push(bad);
    }
    const result = interpretCommand({ ...node, family: this.family });
    this.findings.push(...result.findings);
    if (result.table) {
      this.findings.push(finding("tableOption", result.table.span, "The -t option cannot be used in iptables-restore: the table comes from the *table header"));
      return;
    }
    if (result.command) this.current.commands.push(result.command);
  }

  /**
   * A command or text outside any table: iptables-restore fails on it ("line N failed").
   * Consecutive lines of pasted prose are one defect, so they share one finding.
   */
  private outsideTable(node: Extract<LineNode, { kind: "command" }>): void {
    const first = node.args[0]?.text ?? "";
    const prose = !first.startsWith("-") && !node.counters;
    if (prose && this.prose && this.prose.last === node.line - 1) {
      this.prose.last = node.line;
      const { index, start } = this.prose;
      this.findings[index] = finding("lineOutsideTable", span(start, 1, (this.findings[index] as Finding).span.end.column), `lines ${start}–${node.line} are not iptables-save syntax (text pasted with the dump)`, { help: "remove the lines, or make them # comments" });
      return;
    }
    this.prose = prose ? { index: this.findings.length, start: node.line, last: node.line } : undefined;
    this.findings.push(
      finding("lineOutsideTable", node.span, prose ? `line ${node.line} is not iptables-save syntax (it looks like text pasted with the dump)` : `command on line ${node.line} is outside a table: no *table header is open`, {
        help: prose ? "remove the line, or make it a # comment" : "put the line between a *table header and COMMIT",
      }),
    );
  }

  finish(lineCount: number): { tables: TableBlock[]; format: InputFormat } {
    if (this.current) {
      this.findings.push(finding("missingCommit", span(lineCount, 1, 1), `COMMIT expected at line ${lineCount + 1}: table ${this.current.name} opened on line ${this.current.line} is never committed, so iptables-restore applies none of it`, { help: "add COMMIT after the table's last rule" }));
    }
    const last = this.lastLine;
    if (last && last.node.kind === "commit" && !last.terminated) {
      this.findings.push(backendFinding("noFinalNewline", last.node.span, "no newline after the final COMMIT: \"Bad argument `COMMIT'\"", "legacy", this.backend, "end the file with a newline"));
    }
    return { tables: this.tables, format: "save" };
  }
}

/** `iptables -S` output and fragments: commands only, tables inferred afterwards. */
class HeaderlessBuilder implements Builder {
  readonly findings: Finding[] = [];
  readonly trivia: TriviaLine[] = [];
  private readonly lines: HeaderlessLine[] = [];
  private marker: TableName | undefined;

  constructor(
    private readonly family: Family,
    private readonly forcedTable: TableName | undefined,
  ) {}

  add(l: PhysicalLine): void {
    const { node, findings } = buildLine(l);
    this.findings.push(...findings);
    if (findings.some((f) => f.severity === "error")) return;
    if (node.kind === "comment" || (node.kind === "blank" && !node.whitespace)) this.trivia.push({ line: node.line, text: node.kind === "comment" ? node.text : "" });
    if (node.kind === "comment") {
      // `# table nat`, as gen-dump and the oracle's S output separate tables.
      const m = /^#\s*table\s+(\S+)\s*$/.exec(node.text);
      if (m && isTableName(m[1] as string)) this.marker = m[1] as TableName;
      return;
    }
    if (node.kind === "blank") return;
    if (node.kind !== "command") {
      this.findings.push(finding("lineOutsideTable", node.span, `line ${node.line} belongs in an iptables-save file with *table headers, but this input has none`));
      return;
    }
    const result = interpretCommand({ ...node, family: this.family });
    this.findings.push(...result.findings);
    if (!result.command) return;
    const explicit = this.forcedTable ?? (result.table && isTableName(result.table.text) ? result.table.text : undefined) ?? this.marker;
    this.lines.push({ command: result.command, ...(explicit ? { explicitTable: explicit } : {}) });
  }

  finish(): { tables: TableBlock[]; format: InputFormat } {
    const inferred = inferTables(this.lines);
    this.findings.push(...inferred.findings);
    return { tables: inferred.tables, format: inferred.hasPolicies ? "S" : "fragment" };
  }
}

/**
 * A CRLF file fails in iptables-restore because the CR becomes part of the last word
 * ("table name 'nat\r' invalid"). The first such error names the cause; later errors that
 * only repeat it (their message shows the `\r`) are folded into a count, so one defect
 * gives one finding; errors with another cause on CR lines stay.
 */
export function markCarriageReturns(findings: Finding[], text: string): Finding[] {
  if (!text.includes("\r\n")) return findings;
  const crLines = new Set<number>();
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) === 10) crLines.add(line);
  }
  const out: Finding[] = [];
  let first: Finding | undefined;
  let folded = 0;
  for (const f of findings) {
    const onCrLine = f.severity === "error" && crLines.has(f.span.start.line);
    if (!onCrLine) out.push(f);
    else if (!first) out.push((first = f));
    else if (f.message.includes("\\r")) folded++;
    else out.push(f);
  }
  if (!first) return out;
  const more = crLines.size > 1 ? ` ${crLines.size} lines end with CR${folded > 0 ? `; ${folded} later errors from the same cause are not listed` : ""}.` : "";
  const cr = finding("crLineEnding", first.span, `line ${first.span.start.line} ends with a carriage return (CRLF line endings): ${first.message}.${more}`, {
    help: "convert the file to LF line endings, e.g. with dos2unix or sed -i 's/\\r$//'",
  });
  return out.map((f) => (f === first ? cr : f));
}

export type { CommandNode };
