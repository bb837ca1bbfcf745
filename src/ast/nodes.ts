/**
 * AST of a dump. Every node keeps its source span (1-based, exclusive end). Words keep both
 * the text iptables sees (quotes removed, escapes resolved) and the raw text as written.
 */
import type { Span } from "../findings.js";
import type { ExtensionSpec, OptionSpec } from "../model/extensions/types.js";
import type { Family, TableName } from "../model/netfilter.js";
import type { ListingFacts } from "../listing/facts.js";

export interface Word {
  /** The argument as iptables receives it (add_param_to_argv: quotes removed, escapes resolved). */
  readonly text: string;
  /** The characters as written in the dump. */
  readonly raw: string;
  readonly span: Span;
  readonly quoted: boolean;
}

/** One physical line, classified by the grammar. */
export type LineNode =
  | { readonly kind: "blank"; readonly line: number; readonly span: Span; readonly whitespace: boolean }
  | { readonly kind: "comment"; readonly line: number; readonly span: Span; readonly text: string }
  | { readonly kind: "table"; readonly line: number; readonly span: Span; readonly name: Word; readonly extra: readonly Word[] }
  | {
      readonly kind: "chain";
      readonly line: number;
      readonly span: Span;
      readonly name: Word;
      readonly policy?: Word;
      readonly counters?: Word;
      readonly extra: readonly Word[];
    }
  | { readonly kind: "commit"; readonly line: number; readonly span: Span; readonly extra: readonly Word[] }
  | { readonly kind: "command"; readonly line: number; readonly span: Span; readonly counters?: Word; readonly args: readonly Word[] };

/** One `[!] --option value…` as the getopt loop read it. */
export interface OptionNode {
  /** Canonical long name (base options: "protocol", "source", …). */
  readonly name: string;
  /** The word that named the option, as written (`--dp`, `-p`, `--destination-port`). */
  readonly flag: Word;
  readonly inverted: boolean;
  readonly values: readonly Word[];
  readonly span: Span;
  /** Registry entry, when the owning extension is known. */
  readonly spec?: OptionSpec;
}

/** A match (`-m NAME` or the implicit protocol match) or a target extension on a rule. */
export interface ExtensionNode {
  readonly kind: "match" | "target";
  readonly name: string;
  /** The NAME word after -m / -j; for an implicit protocol match, the -p value. */
  readonly nameWord: Word;
  /** Loaded because of `-p tcp` and an option only the tcp match knows. */
  readonly implicit: boolean;
  /** Undefined when iptlint does not know the extension (kept verbatim). */
  readonly spec?: ExtensionSpec;
  readonly options: OptionNode[];
}

export type Jump =
  | { readonly kind: "verdict"; readonly name: string; readonly word: Word }
  | { readonly kind: "chain"; readonly name: string; readonly word: Word; readonly goto: boolean }
  | { readonly kind: "extension"; readonly name: string; readonly word: Word; readonly extension: ExtensionNode };

export type CommandKind =
  | "append"
  | "insert"
  | "delete"
  | "replace"
  | "check"
  | "new-chain"
  | "delete-chain"
  | "flush"
  | "zero"
  | "policy"
  | "rename-chain";

/** The rule part of -A/-I/-D/-R/-C: addresses, interfaces, protocol, matches and the jump. */
export interface RuleSpec {
  readonly protocol?: OptionNode;
  readonly source?: OptionNode;
  readonly destination?: OptionNode;
  readonly inInterface?: OptionNode;
  readonly outInterface?: OptionNode;
  readonly fragment?: OptionNode;
  /** -c PKTS BYTES */
  readonly setCounters?: OptionNode;
  readonly matches: readonly ExtensionNode[];
  readonly jump?: Jump;
  /** Every option in the order written, base and extension alike. */
  readonly clauses: readonly OptionNode[];
}

export interface CommandNode {
  readonly kind: CommandKind;
  readonly line: number;
  readonly span: Span;
  /** The -A/-N/-P… word. */
  readonly commandWord: Word;
  readonly chain?: Word;
  /** -I/-D/-R rule number, -P policy, -E new name. */
  readonly operand?: Word;
  /** [packets:bytes] prefix of iptables-save -c. */
  readonly counters?: Word;
  readonly rule: RuleSpec;
}

export interface ChainDeclNode {
  readonly name: string;
  readonly nameSpan: Span;
  readonly line: number;
  /** Undefined for user chains (`-`) and for chains created with -N. */
  readonly policy?: string;
  readonly policySpan?: Span;
  readonly declaredBy: "declaration" | "-N" | "-P";
  /** `[packets:bytes]` of the declaration as written, e.g. "[0:0]". */
  readonly counters?: string;
}

export interface TableBlock {
  readonly name: TableName;
  readonly nameSpan: Span;
  /** Line of `*table`, or of the first line inferred to belong to it (-S, fragments). */
  readonly line: number;
  readonly chains: ChainDeclNode[];
  readonly commands: CommandNode[];
  /** Line of COMMIT; undefined when missing (or the input has no headers). */
  commitLine?: number;
}

/** "list": `iptables -L` output of whole tables (src/listing/); a listing of some chains only is a "fragment". */
export type InputFormat = "save" | "S" | "fragment" | "list";

export interface Dump {
  readonly format: InputFormat;
  readonly family: Family;
  /** How the family was decided, for messages ("header", "file name", "addresses", "default"). */
  readonly familySource: string;
  /** "nft" / "legacy" from the `# Generated by iptables-nft-save` / `(nf_tables)` header. */
  readonly backend?: "nft" | "legacy";
  readonly tables: TableBlock[];
  readonly lineCount: number;
  /** Comment lines and blank lines, which the canonical printer keeps where they stand. */
  readonly trivia: readonly TriviaLine[];
  /** Read from `iptables -L` output: what the listing does not show. */
  readonly listing?: ListingFacts;
}

export interface TriviaLine {
  readonly line: number;
  /** The line's text ("" for a blank line). */
  readonly text: string;
}
