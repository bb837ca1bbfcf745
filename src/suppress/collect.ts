/**
 * Every suppression directive in a dump, in line order: `#` comment lines (kept as trivia by
 * the AST builder) and `-m comment --comment` values of rules. Rule comments are read from
 * the dump's commands rather than the ruleset model so that a rule the model leaves out (one
 * added to an undeclared chain, say) can still carry a suppression for the error on its line.
 */
import type { Dump } from "../ast/nodes.js";
import { parseCommentDirective, parseRuleCommentDirective, type ParsedDirective } from "./directives.js";

export function collectDirectives(dump: Dump): ParsedDirective[] {
  const found: { line: number; directive: ParsedDirective }[] = [];
  for (const t of dump.trivia) {
    const d = parseCommentDirective(t.text, t.line);
    if (d) found.push({ line: t.line, directive: d });
  }
  for (const table of dump.tables) {
    for (const command of table.commands) {
      for (const match of command.rule.matches) {
        if (match.name !== "comment") continue;
        for (const option of match.options) {
          const value = option.values[0];
          if (option.name !== "comment" || !value) continue;
          const d = parseRuleCommentDirective(value.text, command.line, value.span);
          if (d) found.push({ line: command.line, directive: d });
        }
      }
    }
  }
  return found.sort((a, b) => a.line - b.line).map((f) => f.directive);
}

/** For each line, the next line that holds a rule or other command: not blank, not a comment. */
export function nextCodeLineFinder(dump: Dump): (after: number) => number | undefined {
  const trivia = new Set(dump.trivia.map((t) => t.line));
  return (after) => {
    for (let line = after + 1; line <= dump.lineCount; line++) if (!trivia.has(line)) return line;
    return undefined;
  };
}
