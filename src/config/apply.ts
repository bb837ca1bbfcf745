/** Per-rule settings from the configuration applied to findings. */
import type { Finding } from "../findings.js";
import type { IptlintConfig } from "./types.js";

/**
 * Drops findings of rules set to "off" and rewrites the severity of rules set to a
 * severity; "on" (and rules not mentioned) keep each finding's own severity, which some
 * rules choose per finding (a database port published to all is worse than a web port).
 */
export function applyRuleConfig(findings: readonly Finding[], config: Pick<IptlintConfig, "rules"> | undefined): Finding[] {
  if (!config) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = config.rules[f.code];
    if (setting === "off") continue;
    out.push(setting === undefined || setting === "on" || setting === f.severity ? f : { ...f, severity: setting });
  }
  return out;
}
