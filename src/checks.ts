/**
 * The catalogue of parser and ruleset checks: every finding the parser, the AST builder and
 * the ruleset model can raise, with its stable code. Codes are never reused; a retired code
 * stays here with a note. Lint rules (IPT2xx and later IPT1xx) live in src/rules/ (their own
 * registry), but share the code space, so the registry test checks both for collisions.
 */
import type { Finding, RelatedSpan, Severity, Span } from "./findings.js";

export interface CheckInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  /** One sentence, no trailing period. */
  readonly summary: string;
}

function check(code: string, name: string, severity: Severity, summary: string): CheckInfo {
  return { code, name, severity, summary };
}

export const CHECKS = {
  // IPT0xx — syntax and structure: what iptables-restore rejects while reading lines.
  controlCharacter: check("IPT001", "control-character", "error", "A line holds a NUL byte or a control character iptables-restore does not expect"),
  unterminatedQuote: check("IPT002", "unterminated-quote", "warning", "A double quote is not closed before the end of the line"),
  crLineEnding: check("IPT003", "cr-line-ending", "error", "A line ends with a carriage return (CRLF line endings), which iptables-restore reads as part of the last word"),
  lineOutsideTable: check("IPT004", "line-outside-table", "error", "A command or chain line appears before a *table header or after COMMIT"),
  missingCommit: check("IPT005", "missing-commit", "error", "A table is not closed by COMMIT, so iptables-restore applies none of it"),
  unknownTable: check("IPT006", "unknown-table", "error", "A *table header names a table the kernel does not have"),
  commitTrailingText: check("IPT007", "commit-trailing-text", "error", "COMMIT is followed by spaces or other text on its line"),
  badChainDeclaration: check("IPT008", "bad-chain-declaration", "error", "A :CHAIN line lacks a valid name, policy or counters"),
  duplicateChain: check("IPT009", "duplicate-chain", "error", "A chain is declared twice in one table"),
  badCounters: check("IPT010", "bad-counters", "error", "A [packets:bytes] counter is not two decimal numbers"),
  unknownOption: check("IPT011", "unknown-option", "error", "An option is not known to iptables or to any match or target loaded before it"),
  badArgument: check("IPT012", "bad-argument", "error", "A word stands where iptables expects an option"),
  missingValue: check("IPT013", "missing-value", "error", "An option that takes a value is the last word of the line"),
  invalidValue: check("IPT014", "invalid-value", "error", "An option's value is not valid for it"),
  repeatedOption: check("IPT015", "repeated-option", "error", "An option that may be given once appears twice"),
  invalidNegation: check("IPT016", "invalid-negation", "error", "A ! stands before an option that cannot be negated, or twice"),
  unknownExtension: check("IPT017", "unknown-extension", "info", "A match or target extension is not known to iptlint; its options are kept but not checked"),
  missingCommand: check("IPT018", "missing-command", "error", "A line in a table holds no command (-A, -I, -N, -P, ...)"),
  badCommand: check("IPT019", "bad-command", "error", "A command is malformed or not allowed in a restore file"),
  extensionCheckFailed: check("IPT020", "extension-check-failed", "error", "A match or target rejects the combination of options given to it"),
  whitespaceOnlyLine: check("IPT021", "whitespace-only-line", "error", "A line holds only spaces or tabs, which iptables-restore does not skip"),
  noFinalNewline: check("IPT022", "no-final-newline", "warning", "The last COMMIT has no newline after it; legacy iptables-restore rejects that"),
  fragmentInput: check("IPT023", "fragment-input", "info", "The input holds rule lines without table headers (a fragment), so whole-ruleset checks are skipped"),
  tableGuessed: check("IPT024", "table-guessed", "info", "The table of iptables -S lines was inferred from chain names and targets"),
  invalidChainName: check("IPT025", "invalid-chain-name", "error", "A chain name is too long or not allowed"),
  invalidPolicy: check("IPT026", "invalid-policy", "error", "A chain policy is not valid for that chain"),
  tableOption: check("IPT027", "table-option", "error", "A -t option appears in a restore file, where the table comes from the *table header"),
  extraHeaderText: check("IPT028", "extra-header-text", "warning", "A *table or :CHAIN line carries words that iptables-restore ignores"),
  invalidEncoding: check("IPT029", "invalid-encoding", "warning", "The input is not valid UTF-8"),
  wrongFamily: check("IPT031", "wrong-family", "error", "An extension, address or option belongs to the other IP family than the dump"),
  emptyInput: check("IPT032", "empty-input", "info", "The input holds no table, chain or rule at all"),
  lineTooLong: check("IPT036", "line-too-long", "error", "A line, a word or a command exceeds iptables-restore's buffers: 10239 bytes a line, 1023 bytes a word, 251 words a command"),
  unknownFormat: check("IPT030", "unknown-line", "error", "A line is neither a comment, a table header, a chain declaration, a command nor COMMIT"),
  // Suppressions (src/suppress/): comments and baseline entries that tell iptlint to stay quiet.
  invalidSuppression: check("IPT033", "invalid-suppression", "warning", "A suppression comment or baseline entry is malformed or names a rule iptlint does not have"),
  unusedSuppression: check("IPT034", "unused-suppression", "info", "A suppression comment or baseline entry silenced no finding"),
  baselineEntryExpired: check("IPT035", "baseline-entry-expired", "warning", "A baseline entry's expiry date has passed, so the finding it covered is reported again"),
  // `iptables -L` listings (src/listing/): what the listing does not show.
  listingWithoutInterfaces: check("IPT040", "listing-without-interfaces", "info", "An iptables -L listing made without -v shows no interfaces, so findings that depend on them are marked lower-confidence"),
  listingNameLost: check("IPT041", "listing-name-lost", "info", "A name in an iptables -L listing made without -n cannot be mapped back to the address, port or user the kernel holds"),
  listingRowUnreadable: check("IPT042", "listing-row-unreadable", "warning", "A line of an iptables -L listing cannot be read as a chain header, column line or rule, so it is left out"),
  // IPT1xx — ruleset logic the kernel enforces when the ruleset is loaded.
  undefinedChain: check("IPT101", "undefined-chain", "error", "A rule jumps to, or is added to, a chain that is not declared in its table"),
  targetNotAllowed: check("IPT102", "extension-not-allowed-here", "error", "A target or match is used in a table or chain the kernel does not allow it in"),
  chainLoop: check("IPT103", "chain-loop", "error", "Jumps between user chains form a loop, which the kernel rejects"),
  interfaceNotAllowed: check("IPT104", "interface-not-allowed", "error", "-i is used in OUTPUT/POSTROUTING or -o in INPUT/PREROUTING"),
  protocolRequired: check("IPT105", "protocol-required", "error", "A match or target needs a -p protocol that the rule does not give"),
  needsDns: check("IPT106", "host-name-needs-dns", "info", "An address is a host name, resolved once when the ruleset is loaded"),
  needsIpset: check("IPT107", "ipset-must-exist", "info", "The rule uses an ipset that must exist before the ruleset is loaded"),
  jumpToBuiltin: check("IPT108", "jump-to-builtin-chain", "error", "A rule jumps to a built-in chain, which the kernel rejects"),
  deleteMissing: check("IPT109", "chain-in-use", "error", "A chain is deleted or renamed while rules still refer to it"),
  jumpTooDeep: check("IPT113", "jump-too-deep", "error", "Jumps nest more than 15 chains deep below a built-in chain, which nf_tables refuses"),
} as const satisfies Record<string, CheckInfo>;

export type CheckId = keyof typeof CHECKS;

const KERNEL_CODES: ReadonlySet<string> = new Set(Object.values(CHECKS).map((c) => c.code));

/**
 * An error the kernel itself would raise: iptables-restore rejects the dump. Lint rules'
 * errors (a ruleset the kernel loads but that does not do what its author meant) are not.
 */
export function isKernelError(f: Finding): boolean {
  return f.severity === "error" && KERNEL_CODES.has(f.code);
}

export function kernelErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter(isKernelError);
}

export function finding(
  id: CheckId,
  span: Span,
  message: string,
  extra: { help?: string; related?: readonly RelatedSpan[]; severity?: Severity } = {},
): Finding {
  const info = CHECKS[id];
  return {
    code: info.code,
    name: info.name,
    severity: extra.severity ?? info.severity,
    message,
    span,
    ...(extra.help !== undefined ? { help: extra.help } : {}),
    ...(extra.related !== undefined ? { related: extra.related } : {}),
  };
}
