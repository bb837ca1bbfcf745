/**
 * The typed extension registry: what iptables knows about each match (`-m NAME`, or the
 * implicit protocol match after `-p tcp`) and each target (`-j NAME`). It is data that the
 * command interpreter (src/ast/command.ts) walks the way iptables' getopt_long loop does;
 * nothing here parses a line.
 */
import type { Family, Hook, TableName } from "../netfilter.js";
import type { ValueResult } from "../values/result.js";

/** getopt_long's has_arg for the option (struct option in libxt_*.c / xt_option_entry). */
export type ArgMode =
  /** takes no value (`--syn`, `--set`) */
  | "none"
  /** takes the next argv word whatever it looks like (`--comment -foo`) */
  | "required"
  /** takes a value only in the attached `--name=value` form (getopt optional_argument) */
  | "optional";

export interface ValueContext {
  family: Family;
}

/** Checks one value word as the extension's parser would; may return a parsed value. */
export type ValueCheck = (text: string, ctx: ValueContext) => ValueResult;

export interface OptionSpec {
  /** Long name without "--", as iptables-save prints it (the canonical name). */
  readonly name: string;
  /** Other long names getopt accepts for the same option, e.g. "destination-port" for "dport". */
  readonly aliases?: readonly string[];
  readonly arg: ArgMode;
  /**
   * Words consumed after the value by the extension's parser itself (iptables reads
   * argv[optind++]): `--tcp-flags MASK COMP` and `--match-set NAME FLAGS` have 1.
   */
  readonly extraArgs?: number;
  /** XTOPT_INVERT: `! --name` is allowed. */
  readonly invertible?: boolean;
  /** XTOPT_MULTI: may be given more than once in one rule. Default: once. */
  readonly multi?: boolean;
  /** Checks the value (and each extra word, with `extraValues`). Omitted: any text. */
  readonly value?: ValueCheck;
  readonly extraValues?: readonly ValueCheck[];
  /** Only in these families (e.g. `--reject-with icmp6-…`). Omitted: the extension's. */
  readonly families?: readonly Family[];
  /** Option names (canonical) this one cannot be combined with (XTOPT exclusions). */
  readonly excludes?: readonly string[];
}

/** One given option of a parsed rule, as the final checks see it. */
export interface GivenOption {
  readonly name: string;
  readonly inverted: boolean;
  readonly values: readonly string[];
}

/** What a final check sees: the options given for this extension and the rule around it. */
export interface FinalCheckContext {
  readonly family: Family;
  readonly options: ReadonlyMap<string, GivenOption>;
  /** `-p` of the rule, lower-cased name or number as written; undefined when absent. */
  readonly protocol: string | undefined;
  readonly protocolInverted: boolean;
  /** Names of the matches loaded on this rule, in order. */
  readonly matches: readonly string[];
}

/**
 * What a save function sees: the options given to this extension instance, in the order
 * given, and the rule's protocol. Values are the words as iptables received them (quotes
 * removed); the save function normalises them the way the extension's save() in
 * libxt_NAME.c prints what the kernel holds (ports as numbers, marks in hex, …).
 */
export interface SaveContext {
  readonly family: Family;
  readonly options: readonly GivenOption[];
  /** `-p` value lower-cased as written (name or number); undefined when absent. */
  readonly protocol: string | undefined;
  readonly protocolInverted: boolean;
}

export interface ExtensionSpec {
  readonly kind: "match" | "target";
  /** The name after -m / -j, case-sensitive as in iptables. */
  readonly name: string;
  readonly families: readonly Family[];
  readonly options: readonly OptionSpec[];
  /** One line: what it does, for messages and `iptlint explain`. */
  readonly summary: string;
  /**
   * Userspace x6_fcheck / final_check: returns iptables' message when the combination of
   * options is rejected ("multiport expects an option", "--to-destination is required").
   */
  readonly finalCheck?: (ctx: FinalCheckContext) => string | undefined;
  /** Kernel checkentry: the only tables it may be used in (xt_target.table / xt_match.table). */
  readonly tables?: readonly TableName[];
  /** Kernel checkentry: the only hooks that may reach a rule using it (.hooks). */
  readonly hooks?: readonly Hook[];
  /**
   * Kernel checkentry: the rule must match this protocol with `-p` (not inverted),
   * e.g. TCPMSS needs `-p tcp`; xt_tcpudp needs the matching protocol.
   */
  readonly requiresProtocol?: readonly string[];
  /**
   * Hooks allowed only when an option is given, on top of `hooks` (TCPMSS
   * --clamp-mss-to-pmtu: FORWARD, OUTPUT, POSTROUTING; addrtype --limit-iface-in: not
   * OUTPUT/POSTROUTING). Checked through chain reachability like `hooks`.
   */
  readonly optionHooks?: Readonly<Record<string, readonly Hook[]>>;
  /**
   * Hooks allowed by the option *values* of this instance, or undefined for no limit of its
   * own: policy `--dir in` only PREROUTING/INPUT/FORWARD; physdev --physdev-out only
   * FORWARD/POSTROUTING unless --physdev-is-bridged. Intersected with `hooks` and
   * `optionHooks`.
   */
  readonly hooksFor?: (options: ReadonlyMap<string, GivenOption>) => readonly Hook[] | undefined;
  /**
   * Canonical text of this extension's options as `iptables-save` (1.8.9, nft backend) prints
   * them after `-m NAME` / `-j NAME`, without a leading space; "" when it prints none. One
   * space separates words; `! ` precedes an inverted option; strings are quoted as
   * xtables_save_string does. Omitted: the extension cannot be printed canonically yet.
   */
  readonly save?: (ctx: SaveContext) => string;
}
