/**
 * Checks of `:CHAIN POLICY [packets:bytes]` lines and `[packets:bytes]` rule prefixes, as
 * iptables-restore 1.8.9 makes them (both backends, verified with the oracle).
 */
import { finding } from "../checks.js";
import type { Finding } from "../findings.js";
import { isBuiltinChain, POLICIES, STANDARD_TARGETS } from "../model/netfilter.js";
import { quoteText } from "../text.js";
import { backendFinding, type Backend } from "./backend.js";
import type { LineNode, TableBlock, Word } from "./nodes.js";

/** XT_EXTENSION_MAXNAMELEN is 29 including the NUL: 28 characters at most. */
export const MAX_CHAIN_NAME = 28;

export function checkChainName(name: Word, backend: Backend): Finding | undefined {
  const n = name.text;
  if (n.length > MAX_CHAIN_NAME) {
    return finding("invalidChainName", name.span, `Invalid chain name ${quoteText(n)} (${MAX_CHAIN_NAME} chars max)`);
  }
  if ((STANDARD_TARGETS as readonly string[]).includes(n)) {
    return finding("invalidChainName", name.span, `chain name ${quoteText(n)} may not clash with target name`);
  }
  if (n.startsWith("-") || n.startsWith("!")) {
    return backendFinding("invalidChainName", name.span, `chain name ${quoteText(n)} starts with \`${n[0]}'`, "nft", backend);
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
  if (policy !== "-" && !(POLICIES as readonly string[]).includes(policy)) {
    out.push(finding("invalidPolicy", node.policy.span, `Can't set policy ${quoteText(policy)} on ${quoteText(name.text)}: Bad policy name (a policy is ACCEPT or DROP)`));
  } else if (policy !== "-" && !builtin) {
    out.push(backendFinding("invalidPolicy", node.policy.span, `Can't set policy ${quoteText(policy)} on ${quoteText(name.text)}: it is not a built-in chain of table ${table.name}`, "legacy", backend, `declare a user chain with -: :${name.text} - [0:0]`));
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

/** A rule's `[packets:bytes]` prefix needs a `:` and a `]` ("Bad line N: need ]"). */
export function checkCounters(counters: Word): Finding | undefined {
  if (/^\[[^:\]]*:[^\]]*\]/.test(counters.text)) return undefined;
  return finding("badCounters", counters.span, `counters ${quoteText(counters.text)} are not of the form [packets:bytes]`);
}
