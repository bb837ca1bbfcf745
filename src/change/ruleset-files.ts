/**
 * Which changed files are rulesets (`iptlint check --git` without paths): the names saved
 * rulesets usually have (iptables-persistent's rules.v4/rules.v6, *.rules, *.save, *.save6,
 * RHEL's sysconfig/iptables and anything else starting with iptables or ip6tables), or
 * content that is an iptables-save or `iptables -S` dump.
 */
import { looksLikeDump } from "../ast/detect.js";

/** Files named iptables* that are programs or documents about rules, not rules. */
const NOT_RULES = /\.(?:sh|bash|zsh|py|pl|rb|js|ts|go|service|timer|md|rst|adoc|html|ya?ml|json|toml|j2|tmpl|tpl|ps1|bat)$/i;

export function hasRulesetName(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (/^rules\.v[46]$/i.test(name)) return true;
  if (/\.(?:rules|save6?|iptables)$/i.test(name)) return true;
  return /^ip6?tables/i.test(name) && !NOT_RULES.test(name);
}

/** A ruleset by name, or by what either version holds (a deleted file only has the old one). */
export function isRulesetFile(path: string, texts: readonly (string | undefined)[]): boolean {
  return hasRulesetName(path) || texts.some((t) => t !== undefined && looksLikeDump(t));
}
