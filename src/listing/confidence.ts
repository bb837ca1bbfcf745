/**
 * Marks the findings a listing cannot fully support. Without -v a listing has no interface
 * columns: every rule looks as if it matched all interfaces, and Docker's bridge rules
 * (`-i docker0`, `! -o br-…`) are how the lint rules tell bridges, published ports and
 * isolation apart, so the findings of the rules that read interfaces are lower-confidence
 * (never invented: iptlint does not guess an interface). A row that keeps a name iptlint
 * could not map back (a host name) makes the findings on that row lower-confidence too.
 */
import type { Finding } from "../findings.js";
import { LINT_RULES } from "../rules/index.js";
import type { ListingFacts } from "./facts.js";

/**
 * Lint rules that never read a rule's interfaces: they look at chains, jumps, policies and
 * dump headers only (chain-unused: which chains are reached; docker-user-jump-missing: the
 * FORWARD jump and what may decide before it; iptables-backend-mix: save headers;
 * docker-nftables-backend: which Docker chains exist).
 */
const INTERFACE_FREE_RULES: ReadonlySet<string> = new Set(["chain-unused", "docker-user-jump-missing", "iptables-backend-mix", "docker-nftables-backend"]);

const LINT_CODES: ReadonlySet<string> = new Set(LINT_RULES.map((r) => r.code));

const NO_INTERFACES = "the listing has no interface columns (run iptables -L -v)";

export function markConfidence(findings: readonly Finding[], facts: ListingFacts): Finding[] {
  return findings.map((f) => {
    const reasons: string[] = [];
    if (!facts.interfaces && LINT_CODES.has(f.code) && !INTERFACE_FREE_RULES.has(f.name)) reasons.push(NO_INTERFACES);
    const lines = [f.span.start.line, ...(f.related ?? []).map((r) => r.span.start.line)];
    for (const line of new Set(lines)) {
      const what = facts.uncertainRows.get(line);
      if (what && f.code !== "IPT041") reasons.push(`line ${line} of the listing shows ${what} instead of what the rule holds`);
    }
    if (!reasons.length) return f;
    // Commands built from a rule read without its interfaces would name another rule
    // (`iptables -D FORWARD -j ACCEPT` for `-i docker0 -o docker0 -j ACCEPT`): left out.
    const withoutCommands = reasons[0] === NO_INTERFACES && f.remediation?.now.length;
    return {
      ...f,
      ...(withoutCommands ? { remediation: { ...f.remediation, now: [] } } : {}),
      confidence: { level: "low", reason: withoutCommands ? `${reasons.join("; ")}; its fix-now commands are left out, as they would name the rule without its interfaces` : reasons.join("; ") },
    };
  });
}
