/**
 * What a ruleset needs from the host it is loaded on, beyond the kernel: host names that
 * iptables resolves once at load time (`-s pxe.example.org`), and ipsets that must exist
 * before the restore (`-m set --match-set NAME`). The kernel rejects the dump without them
 * ("host/network not found", "Set NAME doesn't exist"), so iptlint says what the dump
 * relies on, once per name, as information.
 */
import { finding } from "../checks.js";
import type { Finding, Span } from "../findings.js";
import { quoteText } from "../text.js";
import { hostOrNetworkList, parseHost, type ParsedHost } from "./values/address.js";
import type { Ruleset } from "./ruleset.js";

interface Use {
  first: Span;
  count: number;
}

export function environmentNeeds(ruleset: Ruleset): Finding[] {
  const hosts = new Map<string, Use>();
  const sets = new Map<string, Use>();
  const note = (map: Map<string, Use>, name: string, at: Span) => {
    const use = map.get(name);
    if (use) use.count++;
    else map.set(name, { first: at, count: 1 });
  };
  for (const table of ruleset.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const spec = rule.command.rule;
        for (const opt of [spec.source, spec.destination]) {
          const word = opt?.values[0];
          // Cheap test first: a name has a letter, "-" or "_" (10.0.0.-1 is a name to getaddrinfo).
          if (word && /[a-zA-Z_-]/.test(word.text)) {
            for (const name of hostNames(word.text, ruleset.family)) note(hosts, name, word.span);
          }
        }
        for (const m of spec.matches) {
          // recent's --mask is read as a host (XTTYPE_HOST): a name is looked up too.
          if (m.spec?.name === "recent") {
            for (const o of m.options) {
              const word = o.name === "mask" ? o.values[0] : undefined;
              const host = word && /[a-zA-Z_-]/.test(word.text) ? parseHost(word.text, ruleset.family) : undefined;
              if (word && host?.ok && (host.value as ParsedHost).kind === "hostname") note(hosts, word.text, word.span);
            }
          }
          if (m.spec?.name !== "set") continue;
          for (const o of m.options) if (o.name === "match-set" || o.name === "set") note(sets, o.values[0]?.text ?? "", o.values[0]?.span ?? o.span);
        }
      }
    }
  }
  const times = (n: number) => (n > 1 ? ` (used ${n} times)` : "");
  return [
    ...[...hosts].map(([name, u]) => finding("needsDns", u.first, `host name ${quoteText(name)} is resolved once, when the ruleset is loaded${times(u.count)}; the rule then holds the addresses it resolved to`, { help: "use the address itself, so the ruleset loads without DNS and does not change when DNS does" })),
    ...[...sets].map(([name, u]) => finding("needsIpset", u.first, `ipset ${quoteText(name)} must exist before this ruleset is loaded${times(u.count)}; iptables-save does not save its members`, { help: `create it first (ipset restore) or the restore fails with "Set ${name} doesn't exist"` })),
  ];
}

function hostNames(text: string, family: Ruleset["family"]): string[] {
  const parsed = hostOrNetworkList(text, { family });
  if (!parsed.ok) return [];
  const list = parsed.value as ReadonlyArray<{ host?: { kind: string; hostname?: string } }>;
  return list.flatMap((item) => (item.host?.kind === "hostname" && item.host.hostname ? [item.host.hostname] : []));
}
