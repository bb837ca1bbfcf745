/**
 * `iptlint --live`: the running host's rules, read with the save commands only —
 * `iptables-save` and `ip6tables-save`, and the `-legacy` / `-nft` variants where they
 * exist, since Docker's rules and the OS firewall can sit in different backends (moby#38974).
 * The save commands only read (they never take arguments here); nothing that changes the
 * firewall is ever run. Finding and running a command is injected: this module decides what
 * to run and what the results mean, src/cli.ts does the I/O.
 */
import type { Family } from "../model/netfilter.js";

export interface LiveCommand {
  readonly name: string;
  readonly family: Family;
  /** A backend-specific variant: skipped quietly when it prints nothing or fails. */
  readonly variant: boolean;
}

export const LIVE_COMMANDS: readonly LiveCommand[] = [
  { name: "iptables-save", family: "ipv4", variant: false },
  { name: "ip6tables-save", family: "ipv6", variant: false },
  { name: "iptables-legacy-save", family: "ipv4", variant: true },
  { name: "ip6tables-legacy-save", family: "ipv6", variant: true },
  { name: "iptables-nft-save", family: "ipv4", variant: true },
  { name: "ip6tables-nft-save", family: "ipv6", variant: true },
];

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; null when the command could not run or was killed. */
  readonly status: number | null;
  /** errno code when the command could not be started (EACCES, ENOENT, …). */
  readonly errorCode?: string;
}

export interface LiveDump {
  /** The command, as reports name the dump. */
  readonly name: string;
  readonly family: Family;
  readonly text: string;
}

export type LiveResult = { readonly dumps: LiveDump[]; readonly notes: string[] } | { readonly error: string };

/** iptables-nft: "Permission denied (you must be root)"; legacy: "can't initialize … Permission denied"; a netns without CAP_NET_ADMIN: "Operation not permitted". */
const NOT_PERMITTED = /permission denied|must be root|operation not permitted/i;

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/**
 * Same ruleset whatever the timestamp comments and counters say: `iptables-save` is usually a
 * link to one of the variants, and counters move between two runs on a busy host.
 */
export function sameRulesKey(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.replace(/\[\d+:\d+\]/g, "").trimEnd())
    .join("\n")
    .trim();
}

export function collectLive(find: (name: string) => string | undefined, run: (path: string) => CommandOutput): LiveResult {
  const present = LIVE_COMMANDS.flatMap((c) => {
    const path = find(c.name);
    return path === undefined ? [] : [{ command: c, path }];
  });
  if (present.length === 0) {
    return { error: `--live found none of ${LIVE_COMMANDS.map((c) => c.name).join(", ")} on PATH; install iptables, or lint a dump saved on the host (iptables-save > rules.v4)` };
  }
  const dumps: LiveDump[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const { command, path } of present) {
    const out = run(path);
    const said = firstLine(out.stderr) || firstLine(out.stdout);
    if (out.errorCode === "EACCES" || out.errorCode === "EPERM" || (out.status !== 0 && NOT_PERMITTED.test(out.stderr))) {
      return { error: `${command.name} cannot read the firewall${said ? ` ("${said}")` : ""}: reading the rules needs root (CAP_NET_ADMIN); run sudo iptlint --live, or lint a dump saved by root` };
    }
    if (out.status !== 0) {
      notes.push(`skipped ${command.name}: ${out.errorCode ? `could not run it (${out.errorCode})` : `it exited with status ${out.status ?? "signal"}`}${said ? `: ${said}` : ""}`);
      continue;
    }
    const key = `${command.family}\u0000${sameRulesKey(out.stdout)}`;
    if (command.variant && (sameRulesKey(out.stdout) === "" || seen.has(key))) continue;
    seen.add(key);
    dumps.push({ name: command.name, family: command.family, text: out.stdout });
  }
  if (dumps.length === 0) return { error: `--live read nothing: ${notes.join("; ")}` };
  return { dumps, notes };
}
