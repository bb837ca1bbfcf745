/**
 * For extension save tests: parses one rule with the real parser and returns what each
 * extension's save function prints, as `-m NAME TEXT` / `-j NAME TEXT` pieces, so a test can
 * compare them with the oracle's canonical form of the same rule.
 */
import { kernelErrors } from "../../src/checks.js";
import { lintText } from "../../src/lint.js";
import { saveExtension } from "../../src/format/extension-save.js";
import type { Family, TableName } from "../../src/model/netfilter.js";

export function savedExtensions(rule: string, opts: { table?: TableName; chain?: string; family?: Family } = {}): string[] {
  const table = opts.table ?? "filter";
  const chain = opts.chain ?? (table === "nat" ? "PREROUTING" : "INPUT");
  const family = opts.family ?? "ipv4";
  const text = `*${table}\n-A ${chain} ${rule}\nCOMMIT\n`;
  const result = lintText(text, { family: { family, source: "option" } });
  const errors = kernelErrors(result.findings);
  if (errors.length > 0) throw new Error(`the rule does not parse: ${errors.map((e) => e.message).join("; ")}`);
  const cmd = result.dump.tables[0]?.commands[0];
  if (!cmd) throw new Error("no rule");
  const pieces: string[] = [];
  for (const m of cmd.rule.matches) {
    const text = saveExtension(m, cmd.rule, family);
    pieces.push(`-m ${m.spec?.name ?? m.name}${text ? ` ${text}` : ""}`);
  }
  const jump = cmd.rule.jump;
  if (jump?.kind === "extension") {
    const text = saveExtension(jump.extension, cmd.rule, family);
    pieces.push(`-j ${jump.name}${text ? ` ${text}` : ""}`);
  }
  return pieces;
}
