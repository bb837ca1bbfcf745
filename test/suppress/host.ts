/**
 * A small Docker 27 host for the suppression tests: PostgreSQL (5432) and a web server
 * (8080 → 80) published on every address, each an IPT202 published-on-all-interfaces
 * finding on its DNAT line. `hostDump(edit)` lets a test put directives around those lines.
 */
import { lintText, type LintResult } from "../../src/lint.js";

export const DB_RULE = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.2:5432";
export const WEB_RULE = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80";

const HOST = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
${DB_RULE}
${WEB_RULE}
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT
-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
`;

/** The host dump, with `edit` applied to its text (e.g. a directive inserted above a rule). */
export function hostDump(edit: (text: string) => string = (t) => t): string {
  return edit(HOST);
}

export function lintHost(edit?: (text: string) => string): LintResult & { text: string } {
  const text = hostDump(edit);
  return { ...lintText(text), text };
}

/** 1-based line of the first line equal to `needle` (or containing it). */
export function lineOf(text: string, needle: string): number {
  const lines = text.split("\n");
  const exact = lines.indexOf(needle);
  const i = exact >= 0 ? exact : lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line holds ${needle}`);
  return i + 1;
}

/** `code@line` for compact assertions. */
export function at(f: { code: string; span: { start: { line: number } } }): string {
  return `${f.code}@${f.span.start.line}`;
}
