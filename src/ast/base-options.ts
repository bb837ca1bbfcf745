/**
 * iptables' own options (not from extensions): `original_opts` in iptables/iptables.c and
 * xshared.c of iptables 1.8.9, with the short letter getopt maps each to.
 */
export type BaseArg = "none" | "required" | "optional";

export interface BaseOption {
  readonly short: string;
  /** Canonical long name; the first of `longs`. */
  readonly name: string;
  readonly longs: readonly string[];
  readonly arg: BaseArg;
  /** What the option is, for the interpreter's switch. */
  readonly role:
    | "command"
    | "protocol"
    | "source"
    | "destination"
    | "in-interface"
    | "out-interface"
    | "fragment"
    | "match"
    | "jump"
    | "goto"
    | "set-counters"
    | "table"
    | "family"
    | "noop"
    | "listing"
    | "not-in-restore";
  /** `! -x` allowed (set_option's inverse table: -p -s -d -i -o -f). */
  readonly invertible?: boolean;
}

const opt = (
  short: string,
  longs: readonly string[],
  arg: BaseArg,
  role: BaseOption["role"],
  invertible = false,
): BaseOption => ({ short, name: longs[0] ?? short, longs, arg, role, invertible });

export const BASE_OPTIONS: readonly BaseOption[] = [
  opt("A", ["append"], "required", "command"),
  opt("C", ["check"], "required", "command"),
  opt("D", ["delete"], "required", "command"),
  opt("I", ["insert"], "required", "command"),
  opt("R", ["replace"], "required", "command"),
  opt("L", ["list"], "optional", "not-in-restore"),
  opt("S", ["list-rules"], "optional", "not-in-restore"),
  opt("F", ["flush"], "optional", "command"),
  opt("Z", ["zero"], "optional", "command"),
  opt("N", ["new-chain"], "required", "command"),
  opt("X", ["delete-chain"], "optional", "command"),
  opt("E", ["rename-chain"], "required", "command"),
  opt("P", ["policy"], "required", "command"),
  opt("s", ["source", "src"], "required", "source", true),
  opt("d", ["destination", "dst"], "required", "destination", true),
  opt("p", ["protocol"], "required", "protocol", true),
  opt("i", ["in-interface"], "required", "in-interface", true),
  opt("o", ["out-interface"], "required", "out-interface", true),
  opt("j", ["jump"], "required", "jump"),
  opt("g", ["goto"], "required", "goto"),
  opt("t", ["table"], "required", "table"),
  opt("m", ["match"], "required", "match"),
  opt("f", ["fragments"], "none", "fragment", true),
  opt("c", ["set-counters"], "required", "set-counters"),
  // Listing options: iptables refuses them with a rule command ("Illegal option `-n' with
  // this command"; oracle, both backends).
  opt("n", ["numeric"], "none", "listing"),
  opt("v", ["verbose"], "none", "noop"),
  opt("x", ["exact"], "none", "listing"),
  opt("0", ["line-numbers"], "none", "listing"),
  opt("M", ["modprobe"], "required", "noop"),
  opt("w", ["wait"], "optional", "not-in-restore"),
  opt("W", ["wait-interval"], "optional", "not-in-restore"),
  opt("V", ["version"], "none", "not-in-restore"),
  opt("h", ["help"], "optional", "not-in-restore"),
  opt("4", ["ipv4"], "none", "family"),
  opt("6", ["ipv6"], "none", "family"),
];

export const BASE_BY_SHORT: ReadonlyMap<string, BaseOption> = new Map(BASE_OPTIONS.map((o) => [o.short, o]));

/** The command each command letter stands for. */
export const COMMAND_KINDS = {
  A: "append",
  C: "check",
  D: "delete",
  I: "insert",
  R: "replace",
  F: "flush",
  Z: "zero",
  N: "new-chain",
  X: "delete-chain",
  E: "rename-chain",
  P: "policy",
} as const;
