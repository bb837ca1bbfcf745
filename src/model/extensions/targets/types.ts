/**
 * What a target spec needs beyond the shared ExtensionSpec: checks that only the kernel
 * makes (a target's checkentry, which iptables-restore reports as "RULE_APPEND failed" (nft)
 * or "line N failed" at COMMIT (legacy), not as a userspace error at the rule's line), and
 * which backend applies a restriction. TargetSpec extends ExtensionSpec, so every target
 * is also a plain ExtensionSpec for code that does not care about the kernel.
 */
import type { ExtensionSpec, FinalCheckContext, GivenOption } from "../types.js";

/** iptables-nft (nf_tables + nft_compat) or iptables-legacy (x_tables). */
export type Backend = "nft" | "legacy";

/** One match of the rule with the options given to it (TCPMSS looks for a SYN match). */
export interface RuleMatch {
  readonly name: string;
  readonly options: ReadonlyMap<string, GivenOption>;
}

export interface KernelCheckContext extends FinalCheckContext {
  /** Every match of the rule, implicit protocol matches (`-p tcp --syn`) included, in order. */
  readonly matchOptions: readonly RuleMatch[];
}

export interface KernelCheck {
  /** Backends whose kernel path runs this check; omitted: both. */
  readonly backends?: readonly Backend[];
  /** Returns what the kernel objects to (our wording: the kernel prints to dmesg only). */
  readonly check: (ctx: KernelCheckContext) => string | undefined;
}

export interface TargetSpec extends ExtensionSpec {
  readonly kind: "target";
  /** checkentry checks that depend on option values or on the rest of the rule. */
  readonly kernelChecks?: readonly KernelCheck[];
  /**
   * Backends that enforce `tables` / `hooks` / `requiresProtocol`; omitted: both. iptables-nft
   * turns some targets into native nf_tables expressions that have no such restriction
   * (TRACE becomes `meta nftrace set 1`).
   */
  readonly placementBackends?: readonly Backend[];
}
