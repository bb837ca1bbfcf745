/**
 * The project configuration (`.iptlintrc.json`, `.iptlintrc.yaml`, `iptlint.config.json`):
 * what the user tells iptlint about their host and which rules they want, once for all runs.
 */
import type { Severity } from "../findings.js";
import type { PortRange } from "../model/values/port.js";

/** "on" keeps each finding's own severity; a severity rewrites every finding of the rule. */
export type RuleSetting = "off" | "on" | Severity;

export const RULE_SETTINGS: readonly RuleSetting[] = ["off", "on", "error", "warning", "info"];

/** Transport protocols a published port can use (Docker publishes tcp, udp and sctp). */
export type IntentProtocol = "tcp" | "udp" | "sctp";

export const INTENT_PROTOCOLS: readonly IntentProtocol[] = ["tcp", "udp", "sctp"];

/** One port (or range) the user means to be reachable, and from where. */
export interface PublicPort {
  readonly port: PortRange;
  readonly protocol: IntentProtocol;
  /** Networks allowed to reach it, as written (CIDR or address); empty means any source. */
  readonly from: readonly string[];
  /** Host address it is published on; undefined means any address of the host. */
  readonly host?: string;
  readonly description?: string;
}

export interface Intent {
  readonly public: readonly PublicPort[];
}

export interface IptlintConfig {
  /** Rule code (IPT202) → setting; names in the file are turned into codes. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Subnets routed back to this host upstream (same as --routed-subnet). */
  readonly routedSubnets: readonly string[];
  /** Networks allowed to reach everything. */
  readonly trustedSources: readonly string[];
  /** Interfaces that face untrusted networks. */
  readonly externalInterfaces: readonly string[];
  readonly intent?: Intent;
  /** Baseline file, resolved against the configuration file's directory. */
  readonly baseline?: string;
}

/** A problem with a configuration or baseline file; line and column are 1-based. */
export interface ConfigProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}
