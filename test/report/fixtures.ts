/**
 * FileReports for the reporter tests, built by linting small dumps (so the findings are the
 * real ones, with real spans, help and remediation):
 * - a Docker host with one finding of each severity, a finding with a related location, and a
 *   published port whose finding is moved into `suppressed` (as a rule comment would);
 * - a dump (and a file name) holding raw ESC bytes in a comment, a log prefix and a chain name;
 * - a clean dump read from standard input, and a file that could not be read.
 */
import { expect } from "vitest";
import type { Finding } from "../../src/findings.js";
import { lintText } from "../../src/lint.js";
import type { FileReport, SuppressedFinding } from "../../src/report/types.js";
import { SourceLines } from "../../src/source.js";

export const TOOL_VERSION = "0.0.0-test";

export const DOCKER_HOST = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-USER - [0:0]
-A INPUT -p tcp --dportt 22 -j ACCEPT
-A FORWARD -j DOCKER-USER
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-USER -j RETURN
COMMIT
`;

export const ESC = "\x1b";

/** ESC sequences that would recolour, clear the screen or retitle a terminal if printed raw. */
export const ESCAPE_DUMP = `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp --dportt 22 -m comment --comment "${ESC}[31mssh" -j ACCEPT
-A INPUT -j LOG --log-prefix "${ESC}[2Jdrop: "
-A INPUT -j EVIL${ESC}[0m
-A FORWARD -j GONE${ESC}]0;title${ESC}\\
COMMIT
`;

export const CLEAN_DUMP = `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
COMMIT
`;

/** Lints `text` and moves the findings `pick` selects into `suppressed`. */
export function report(path: string, text: string, pick: (f: Finding) => boolean = () => false, how: Omit<SuppressedFinding, "finding"> = { kind: "inSource", via: "rule-comment" }): FileReport {
  const { findings } = lintText(text);
  const suppressed = findings.filter(pick).map((finding) => ({ finding, ...how }));
  return { path, findings: findings.filter((f) => !pick(f)), ...(suppressed.length ? { suppressed } : {}), source: new SourceLines(text) };
}

export function dockerHostReport(): FileReport {
  const r = report("hosts/docker-host.rules", DOCKER_HOST, (f) => f.code === "IPT202" && f.span.start.line === 12, {
    kind: "inSource",
    via: "rule-comment",
    justification: "staging mirror, firewalled upstream",
  });
  // The fixture must hold what the tests rely on: every severity, a related span, a suppression.
  expect(r.findings.map((f) => f.severity).sort()).toEqual(["error", "info", "warning", "warning"]);
  expect(r.findings.some((f) => f.related?.length)).toBe(true);
  expect(r.suppressed).toHaveLength(1);
  return r;
}

export function escapeReport(): FileReport {
  const r = report(`evil${ESC}[31m.rules`, ESCAPE_DUMP, (f) => f.code === "IPT101" && f.span.start.line === 8, { kind: "external", via: "baseline", justification: `${ESC}]0;pwned${ESC}\\ accepted` });
  expect(r.findings.map((f) => f.code)).toEqual(["IPT011", "IPT101"]);
  expect(r.findings[1]?.help).toContain(ESC);
  expect(r.suppressed?.[0]?.finding.help).toContain(ESC);
  return r;
}

/** Every kind of input the reporters must handle, in the order the CLI would pass them. */
export function allReports(): FileReport[] {
  return [
    dockerHostReport(),
    escapeReport(),
    report("<stdin>", CLEAN_DUMP),
    { path: "missing.rules", findings: [], readError: "cannot read missing.rules: no such file" },
  ];
}
