/** The commands `iptlint --help` lists, in the order a user meets them. */
export interface CommandSummary {
  readonly usage: string;
  readonly summary: string;
}

export const COMMANDS: readonly CommandSummary[] = [
  { usage: "lint [files...]", summary: "lint dumps (the default command: `iptlint rules.v4` is `iptlint lint rules.v4`)" },
  { usage: "fmt [files...]", summary: "print dumps in iptables-save's canonical form; --check for pre-commit, --write to rewrite" },
  { usage: "diff <old> <new>", summary: "what changes in the kernel when NEW replaces OLD" },
  { usage: "check --base <old> <new>", summary: "the change gate: what a change newly exposes, new and fixed findings (--git REV for changed files; --format markdown for pull requests)" },
  { usage: "trace [dump]", summary: "follow one packet through the hooks, rule by rule, to its verdict" },
  { usage: "exposure [dumps...]", summary: "every published port and host service: who can reach it, and what stops the others" },
  { usage: "rules", summary: "list every check and lint rule: code, name, severity, summary" },
  { usage: "explain <code|name>", summary: "the full documentation of one check or rule, with examples" },
];

export function commandsHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return ["", "Commands:", ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`), "", "Run iptlint <command> --help for a command's options.", ""].join("\n");
}
