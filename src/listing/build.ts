/**
 * `iptables -L` output → Dump: the same tables, chains and rule commands an iptables-save of
 * the same ruleset gives, with every span in the listing.
 *
 * A paste may hold several listings one after another (`iptables -L -n -v; iptables -t nat -L
 * -n -v`), with or without the shell lines that ran them. A listing prints the built-in
 * chains first, in hook order, then the user chains, so a built-in chain that comes after a
 * user chain, or not after the previous built-in in hook order, starts the next listing.
 * `-L` never names its table: a shell line's `-t`, else --table, else the set of built-in
 * chains says it (filter INPUT FORWARD OUTPUT, nat PREROUTING INPUT OUTPUT POSTROUTING, …),
 * as for iptables -S (src/ast/tables-inference.ts), and every such guess is reported.
 */
import type { FamilyHint } from "../ast/detect.js";
import type { ChainDeclNode, CommandNode, Dump, TableBlock, TriviaLine, Word } from "../ast/nodes.js";
import { interpretCommand } from "../ast/command.js";
import { TARGET_TABLE } from "../ast/tables-inference.js";
import { SourceWord } from "../ast/words.js";
import { finding } from "../checks.js";
import { span, type Finding, type Span } from "../findings.js";
import { BUILTIN_CHAINS, isBuiltinChain, TABLE_NAMES, type Family, type TableName } from "../model/netfilter.js";
import { escapeText } from "../text.js";
import type { ListingFacts } from "./facts.js";
import { detectListingFamily } from "./detect.js";
import { classifyLine, splitRow, type ChainHeader, type Columns, type ListingCommand, type RowFields } from "./layout.js";
import { lossFindings } from "./losses.js";
import { readRow } from "./rows.js";
import type { Loss, Piece } from "./scanner.js";

export interface ListingOptions {
  readonly family?: FamilyHint;
  /** --table: the table of a listing that does not say (iptables -t nat -L without the command line). */
  readonly table?: TableName;
}

interface ListedRow {
  readonly line: number;
  readonly text: string;
  readonly fields: RowFields;
}

interface ListedChain {
  readonly line: number;
  readonly text: string;
  readonly header: ChainHeader;
  columns?: Columns;
  columnsLine?: number;
  readonly rows: ListedRow[];
}

interface Segment {
  readonly command?: ListingCommand;
  readonly chains: ListedChain[];
}

const HOOK_ORDER = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];

function lineSpan(line: number, text: string): Span {
  return span(line, 1, text.length + 1);
}

function word(text: string, p: Piece, line: number): Word {
  return new SourceWord(text, text, false, line, p.start + 1, p.end + 1);
}

export function buildListing(text: string, options: ListingOptions = {}): { dump: Dump; findings: Finding[] } {
  const findings: Finding[] = [];
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  if (lines[lines.length - 1] === "") lines.pop();
  const segments: Segment[] = [];
  const trivia: TriviaLine[] = [];
  let segment: Segment | undefined;
  let chain: ListedChain | undefined;
  let prose: { index: number; start: number; last: number } | undefined;

  const unreadable = (n: number, lineText: string, message: string, at?: Piece): void => {
    if (!at && prose && prose.last === n - 1) {
      prose.last = n;
      findings[prose.index] = finding("listingRowUnreadable", span(prose.start, 1, lineText.length + 1, n), `lines ${prose.start}–${n} are not part of an iptables -L listing: they are left out`, { help: "remove them, or make them # comments" });
      return;
    }
    prose = at ? undefined : { index: findings.length, start: n, last: n };
    findings.push(finding("listingRowUnreadable", at ? span(n, at.start + 1, at.end + 1) : lineSpan(n, lineText), message));
  };

  lines.forEach((lineText, i) => {
    const n = i + 1;
    const c = classifyLine(lineText);
    switch (c.kind) {
      case "blank":
        return;
      case "comment":
        // `#` lines stay, as comments of the canonical form (iptlint fmt prints a listing as a save).
        if (/^\s*#/.test(lineText)) trivia.push({ line: n, text: lineText.trim() });
        return;
      case "command":
        segment = { command: c.command, chains: [] };
        segments.push(segment);
        chain = undefined;
        return;
      case "chain": {
        if (!segment || startsNewListing(segment, c.header)) {
          segment = { chains: [] };
          segments.push(segment);
        }
        chain = { line: n, text: lineText, header: c.header, rows: [] };
        segment.chains.push(chain);
        return;
      }
      case "columns":
        if (!chain || chain.columns) return unreadable(n, lineText, `line ${n} names the columns of a listing, but no \`Chain NAME (…)\` header comes before it`);
        chain.columns = c.columns;
        chain.columnsLine = n;
        return;
      case "text": {
        if (!chain?.columns) return unreadable(n, lineText, `line ${n} is not part of an iptables -L listing: it is left out`);
        const fields = splitRow(lineText, chain.columns);
        if ("error" in fields) return unreadable(n, lineText, `line ${n} cannot be read as a rule of chain ${escapeText(chain.header.name.text)}: ${fields.error}; the rule is left out`, fields.at);
        chain.rows.push({ line: n, text: lineText, fields });
        return;
      }
    }
  });

  const detected = detectListingFamily(segments.flatMap((s) => s.chains.flatMap((c) => c.rows.map((r) => r.fields))), segments.find((s) => s.command?.family)?.command?.family, options.family);
  const family = detected.family;
  const tables: TableBlock[] = [];
  const losses: Array<{ line: number; loss: Loss }> = [];
  const uncertainRows = new Map<number, string>();
  let whole = true;
  let placeholders = 0;
  for (const seg of segments) {
    if (seg.chains.length === 0) continue;
    const decided = segmentTable(seg, options.table, new Set(tables.map((t) => t.name)));
    if (decided.reason) {
      const first = seg.chains[0] as ListedChain;
      const last = lastLine(seg);
      findings.push(finding("tableGuessed", span(first.line, 1, 1), `the listing on lines ${first.line}–${last} was taken as table ${decided.table} (${decided.reason}); use --table, or paste the iptables -t TABLE -L command line with it`));
    }
    const block = tableBlock(seg, decided.table);
    if (!decided.whole) {
      whole = false;
      findings.push(finding("fragmentInput", span(seg.chains[0]?.line ?? 1, 1, 1), `the listing shows only some chains of table ${decided.table} (iptables -L CHAIN): checks that need the whole ruleset are skipped`));
    }
    const userChains = new Set(seg.chains.filter((c) => !c.header.policy).map((c) => c.header.name.text));
    for (const ch of seg.chains) {
      const created = ch.header.policy ? undefined : newChain(ch, family, findings);
      if (created) block.commands.push(created);
    }
    for (const ch of seg.chains) {
      for (const row of ch.rows) {
        const result = readRow(row.fields, {
          line: row.text,
          lineNumber: row.line,
          chain: ch.header.name.text,
          family,
          chains: userChains,
          placeholder: () => `listing${++placeholders}`,
        });
        // A row that is not read keeps none of its names: only what made it unreadable is said.
        for (const loss of result.losses) if (result.ok || loss.effect === "dropped") losses.push({ line: row.line, loss });
        if (!result.ok) {
          if (result.problem) findings.push(finding("listingRowUnreadable", span(row.line, result.problem.at.start + 1, result.problem.at.end + 1), `${result.problem.message}; the rule is left out`));
          continue;
        }
        const kept = result.losses.filter((l) => l.effect === "kept");
        if (kept.length) uncertainRows.set(row.line, kept.map((l) => l.what).join(", "));
        const interpreted = interpretCommand({ line: row.line, span: lineSpan(row.line, row.text), args: result.args, family });
        const errors = interpreted.findings.filter((f) => f.severity === "error");
        if (errors.length || !interpreted.command) {
          // The kernel held this rule, so iptables would accept its words: iptlint read the row wrong.
          const why = errors[0]?.message ?? "it is not a rule";
          findings.push(finding("listingRowUnreadable", lineSpan(row.line, row.text), `line ${row.line} was read as \`${escapeText(result.args.map((w) => w.text).join(" "))}\`, which iptables would not take (${escapeText(why)}); the rule is left out`));
          continue;
        }
        findings.push(...interpreted.findings);
        block.commands.push(interpreted.command);
      }
    }
    tables.push(block);
  }

  const noInterfaces = segments.flatMap((s) => s.chains).find((c) => c.columns && !c.columns.interfaces);
  if (noInterfaces?.columnsLine !== undefined) {
    findings.push(
      finding("listingWithoutInterfaces", span(noInterfaces.columnsLine, 1, 1), `the listing was made without -v, so it shows no in and out interfaces: rules that match an interface look as if they matched all of them, and findings that depend on interfaces are marked lower-confidence`, {
        help: "list with iptables -L -n -v (or give iptables-save output) to see the interfaces",
      }),
    );
  }
  findings.push(...lossFindings(losses));
  const facts: ListingFacts = { interfaces: noInterfaces === undefined, uncertainRows };
  const dump: Dump = {
    format: whole ? "list" : "fragment",
    family,
    familySource: detected.source,
    tables,
    lineCount: lines.length,
    trivia,
    listing: facts,
  };
  return { dump, findings };
}

function startsNewListing(segment: Segment, header: ChainHeader): boolean {
  if (segment.chains.length === 0) return false;
  if (!header.policy) return false;
  if (segment.chains.some((c) => !c.header.policy)) return true;
  const previous = [...segment.chains].reverse().find((c) => c.header.policy);
  return previous !== undefined && HOOK_ORDER.indexOf(header.name.text) <= HOOK_ORDER.indexOf(previous.header.name.text);
}

function lastLine(seg: Segment): number {
  const last = seg.chains[seg.chains.length - 1] as ListedChain;
  return last.rows.length ? (last.rows[last.rows.length - 1] as ListedRow).line : last.columnsLine ?? last.line;
}

/** The segment's table, whether it shows all of the table's built-in chains, and why, when guessed. */
function segmentTable(seg: Segment, forced: TableName | undefined, listed: ReadonlySet<TableName>): { table: TableName; whole: boolean; reason?: string } {
  const builtins = seg.chains.filter((c) => c.header.policy).map((c) => c.header.name.text);
  const set = new Set(builtins);
  const evidence = targetEvidence(seg);
  const explicit = forced ?? seg.command?.table;
  const isWhole = (t: TableName) => BUILTIN_CHAINS[t].length === set.size && BUILTIN_CHAINS[t].every((c) => set.has(c));
  if (explicit) return { table: explicit, whole: isWhole(explicit) };
  const exact = TABLE_NAMES.filter((t) => isWhole(t));
  if (exact.length) {
    // filter and security have the same built-in chains: SECMARK targets tell security, and
    // so does a filter listed above (`iptables -L; iptables -t security -L`).
    const second = exact.length > 1 && listed.has(exact[0] as TableName) && !listed.has(exact[1] as TableName);
    const table = exact.length > 1 && (evidence === "security" || second) ? (exact[1] as TableName) : (exact[0] as TableName);
    const why = second ? `its chains ${builtins.join(", ")} are the built-in chains of ${exact.join(" and ")}, and ${exact[0]} was listed above` : `its chains ${builtins.join(", ")} are the built-in chains of ${table}`;
    return { table, whole: true, reason: why };
  }
  const candidates = TABLE_NAMES.filter((t) => builtins.every((c) => isBuiltinChain(t, c)));
  if (evidence && candidates.includes(evidence)) return { table: evidence, whole: false, reason: `its rules use targets only table ${evidence} has` };
  const table = candidates[0] ?? evidence ?? "filter";
  return { table, whole: false, reason: builtins.length ? `${builtins.join(", ")} ${builtins.length > 1 ? "are" : "is"} built into ${table}` : evidence ? `its rules use targets only table ${evidence} has` : "nothing in it names another table" };
}

function targetEvidence(seg: Segment): TableName | undefined {
  for (const c of seg.chains) for (const r of c.rows) {
    const t = r.fields.target && TARGET_TABLE[r.fields.target.text];
    if (t) return t;
  }
  return undefined;
}

function tableBlock(seg: Segment, table: TableName): TableBlock {
  const first = seg.chains[0] as ListedChain;
  const chains: ChainDeclNode[] = seg.chains
    .filter((c) => c.header.policy)
    .map((c) => {
      const h = c.header;
      const policy = h.policy as Piece;
      const counters = h.packets && h.bytes && /^\d+$/.test(h.packets.text) && /^\d+$/.test(h.bytes.text) ? `[${h.packets.text}:${h.bytes.text}]` : undefined;
      return {
        name: h.name.text,
        nameSpan: span(c.line, h.name.start + 1, h.name.end + 1),
        line: c.line,
        policy: policy.text,
        policySpan: span(c.line, policy.start + 1, policy.end + 1),
        declaredBy: "declaration",
        ...(counters ? { counters } : {}),
      };
    });
  // The table has no header of its own: its place is the `Chain` word of its first chain.
  const at = first.text.indexOf("Chain");
  return { name: table, nameSpan: span(first.line, at + 1, at + 6), line: first.line, chains, commands: [] };
}

/** A user chain's header as `-N NAME`, on the header's words. */
function newChain(ch: ListedChain, family: Family, findings: Finding[]): CommandNode | undefined {
  const chainWord: Piece = { text: "Chain", start: ch.text.indexOf("Chain"), end: ch.text.indexOf("Chain") + 5 };
  const args = [word("-N", chainWord, ch.line), word(ch.header.name.text, ch.header.name, ch.line)];
  const result = interpretCommand({ line: ch.line, span: lineSpan(ch.line, ch.text), args, family });
  findings.push(...result.findings);
  return result.command;
}
