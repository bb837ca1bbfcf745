/**
 * A fix must fix: for every rule, the `fix now` iptables commands of each finding on its bad
 * example, applied to that dump (as iptables-restore would run them, before the table's
 * COMMIT), make that finding go away without raising a kernel error. Commands that are not
 * iptables/ip6tables (docker, sysctl) are durable fixes and not replayed here.
 */
import { describe, expect, it } from "vitest";
import { isKernelError } from "../../src/checks.js";
import { lintText } from "../../src/lint.js";
import type { Finding } from "../../src/findings.js";
import { LINT_RULES } from "../../src/rules/index.js";

/**
 * `iptables [-t nat] -I DOCKER-USER …` → the table and the restore line `-I DOCKER-USER …`;
 * a trailing shell comment is dropped. Commands with shell substitutions (`$(ip route …)`)
 * need a shell and are not replayed.
 */
function asRestoreLine(command: string): { table: string; line: string } | undefined {
  if (command.includes("$(")) return undefined;
  const m = /^ip6?tables (?:-t (\S+) )?(-[AIDRNFXP] .*?)(?:\s+#.*)?$/.exec(command);
  return m ? { table: m[1] ?? "filter", line: m[2] as string } : undefined;
}

/** The dump with the lines inserted before each table's COMMIT (a table missing gets one). */
function apply(dump: string, lines: readonly { table: string; line: string }[]): string {
  // An `iptables -S` example has no table blocks: the commands go at its end.
  if (!/^\*/m.test(dump)) return dump + lines.map((l) => `${l.line}\n`).join("");
  let text = dump;
  for (const { table, line } of lines) {
    const header = new RegExp(`^\\*${table}$`, "m");
    const at = header.exec(text);
    if (!at) {
      text += `*${table}\n${line}\nCOMMIT\n`;
      continue;
    }
    const commit = text.indexOf("\nCOMMIT", at.index);
    text = `${text.slice(0, commit + 1)}${line}\n${text.slice(commit + 1)}`;
  }
  return text;
}

const same = (a: Finding, b: Finding) => a.code === b.code && a.message === b.message;

describe("fix-now commands fix what they say", () => {
  const cases = LINT_RULES.flatMap((rule) => {
    const findings = lintText(rule.docs.bad, rule.docs.settings ?? {}).findings.filter((f) => f.code === rule.code);
    return findings.map((f, i) => [`${rule.name} #${i + 1}`, rule, f] as const);
  });

  it("has findings with commands to replay", () => {
    const replayable = cases.filter(([, , f]) => (f.remediation?.now ?? []).some((c) => asRestoreLine(c)));
    expect(replayable.length).toBeGreaterThan(15);
  });

  it.each(cases.filter(([, , f]) => (f.remediation?.now ?? []).some((c) => asRestoreLine(c))))("%s", (_n, rule, finding) => {
    const lines = (finding.remediation?.now ?? []).map(asRestoreLine).filter((l): l is { table: string; line: string } => l !== undefined);
    const fixed = apply(rule.docs.bad, lines);
    const after = lintText(fixed, rule.docs.settings ?? {}).findings;
    expect(after.filter(isKernelError)).toEqual([]);
    expect(after.filter((f) => same(f, finding))).toEqual([]);
  });
});
