/**
 * Checks of `:CHAIN POLICY [packets:bytes]` lines and `[packets:bytes]` rule prefixes, as
 * iptables-restore 1.8.9 makes them (both backends, verified with the oracle).
 */
import { finding } from "../checks.js";
import type { Finding } from "../findings.js";
import { findTarget } from "../model/extensions/index.js";
import { isBuiltinChain, POLICIES, STANDARD_TARGETS, type Family } from "../model/netfilter.js";
import { quoteText } from "../text.js";
import { backendFinding, type Backend } from "./backend.js";
import type { LineNode, TableBlock, Word } from "./nodes.js";

/** XT_EXTENSION_MAXNAMELEN is 29 including the NUL: 28 characters at most. */
export const MAX_CHAIN_NAME = 28;

/** isspace() in the C locale: a chain name holding one is invalid (\v, \f and \r survive the word splitting). */
const C_SPACE = /[ \t\n\v\f\r]/;

/**
 * `newChain` is set for `-N NAME`: iptables then runs the full name check (xshared.c
 * assert_valid_chain_name, both backends), which refuses whitespace and the name of any
 * target extension (`-N TCPMSS`). A `:NAME` declaration is checked less: nft refuses
 * whitespace, legacy does not, and neither looks for target extensions (`:LOG - [0:0]` loads).
 */
export function checkChainName(name: Word, backend: Backend, newChain?: { readonly family: Family }): Finding | undefined {
  const n = name.text;
  if (n.length > MAX_CHAIN_NAME) {
    return finding("invalidChainName", name.span, `Invalid chain name ${quoteText(n)} (${MAX_CHAIN_NAME} chars max)`);
  }
  if ((STANDARD_TARGETS as readonly string[]).includes(n) || (newChain && findTarget(n, newChain.family))) {
    return finding("invalidChainName", name.span, `chain name ${quoteText(n)} may not clash with target name`);
  }
  if (n.startsWith("-") || n.startsWith("!")) {
    return backendFinding("invalidChainName", name.span, `chain name ${quoteText(n)} starts with \`${n[0]}'`, "nft", backend);
  }
  if (C_SPACE.test(n)) {
    const message = `Invalid chain name ${quoteText(n)}: it holds white space`;
    return newChain ? finding("invalidChainName", name.span, message) : backendFinding("invalidChainName", name.span, message, "nft", backend);
  }
  return undefined;
}

/**
 * `declared` holds the chains already declared in this table block, by name (a map, not a
 * search of `table.chains`: kube-proxy dumps declare tens of thousands of chains).
 */
export function checkChainDeclaration(
  node: Extract<LineNode, { kind: "chain" }>,
  table: TableBlock,
  declared: ReadonlyMap<string, { line: number }>,
  backend: Backend,
): Finding[] {
  const name = node.name;
  if (name.text === "") return [finding("badChainDeclaration", node.span, `line ${node.line}: chain name invalid`)];
  if (!node.policy) {
    return [finding("badChainDeclaration", name.span, `line ${node.line}: policy invalid: a chain declaration needs a policy (ACCEPT, DROP, or - for a user chain)`, { help: `:${name.text} - [0:0]` })];
  }
  const out: Finding[] = [];
  const nameProblem = checkChainName(name, backend);
  if (nameProblem) out.push(nameProblem);
  const policy = node.policy.text;
  const builtin = isBuiltinChain(table.name, name.text);
  // iptables-nft-restore never reads the policy word of a user chain (it only creates the
  // chain), whatever the word is; legacy tries to set it and fails. On a built-in chain a
  // word other than ACCEPT/DROP/- is refused by both.
  if (policy !== "-" && !builtin) {
    out.push(backendFinding("invalidPolicy", node.policy.span, `Can't set policy ${quoteText(policy)} on ${quoteText(name.text)}: it is not a built-in chain of table ${table.name}`, "legacy", backend, `declare a user chain with -: :${name.text} - [0:0]`));
  } else if (policy !== "-" && !(POLICIES as readonly string[]).includes(policy)) {
    out.push(finding("invalidPolicy", node.policy.span, `Can't set policy ${quoteText(policy)} on ${quoteText(name.text)}: Bad policy name (a policy is ACCEPT or DROP)`));
  }
  const previous = declared.get(name.text);
  if (previous && !builtin) {
    out.push(backendFinding("duplicateChain", name.span, `chain ${quoteText(name.text)} is already declared on line ${previous.line}`, "legacy", backend));
  }
  if (node.extra.length > 0) {
    out.push(finding("extraHeaderText", (node.extra[0] as Word).span, `iptables-restore ignores ${quoteText(node.extra.map((w) => w.raw).join(" "))} after the chain counters`));
  }
  return out;
}

/**
 * A rule's `[packets:bytes]` prefix, read as iptables-restore reads it from the whole line:
 * strchr(line, ']') must find a `]`, then pcnt = strtok(line + 1, ":") and
 * bcnt = strtok(NULL, "]") must both find a token (strtok skips leading delimiters, so
 * `[::]` lacks the bytes: "Bad line N: need ]"). The command starts after the first `]`; when
 * strtok has cut the line there (`[1]:2]`), nothing is left of it: "no command specified".
 */
export function checkCounters(counters: Word, line: string): Finding | undefined {
  const bad = (why: string): Finding => finding("badCounters", counters.span, `counters ${quoteText(counters.text)} are not of the form [packets:bytes]: ${why}`);
  const buffer = line + "\n";
  const close = buffer.indexOf("]");
  if (close < 0) return bad("need ]");
  let p = 1;
  while (buffer[p] === ":") p++;
  if (p >= buffer.length) return bad("need :");
  const colon = buffer.indexOf(":", p);
  if (colon < 0) return bad("need ]");
  let b = colon + 1;
  while (buffer[b] === "]") b++;
  if (b >= buffer.length) return bad("need ]");
  if (colon === close + 1) return bad("the command after it is cut off (no command specified)");
  return undefined;
}
