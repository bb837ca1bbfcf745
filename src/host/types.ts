/**
 * The host as `ip addr` and `ip route` describe it (issue 5 item 1: `--addr FILE`,
 * `--routes FILE`). Plain data: the parsers in this directory build it, host-facts.ts answers
 * the engine's questions from it.
 */
import type { Family } from "../model/netfilter.js";

/** A line of an input file that could not be read; parsing goes on with the next line. */
export interface HostInputProblem {
  /** 1-based line of the file. */
  readonly line: number;
  /** 1-based column of the offending word, when one word is to blame. */
  readonly column?: number;
  readonly message: string;
}

export interface HostAddress {
  readonly family: Family;
  /** Canonical text: dotted quad, or inet_ntop's compressed IPv6 form. */
  readonly address: string;
  readonly prefixLength: number;
  readonly broadcast?: string;
  /** `global`, `link`, `host`, … (ip prints the kernel's ifa_scope by name). */
  readonly scope?: string;
  /** The peer prefix of a point-to-point address (`inet A peer B/len`), as CIDR text. */
  readonly peer?: string;
  /** The IPv4 address label (`eth0`, `eth0:1`); ip prints it last on the line. */
  readonly label?: string;
  /** Address flags as ip prints them: secondary, dynamic, tentative, noprefixroute, … */
  readonly flags?: readonly string[];
}

export interface HostInterface {
  /** The device name without ip's `@link` suffix (`veth12ab@if5` is `veth12ab`). */
  readonly name: string;
  readonly index?: number;
  /** Operational state: UP, DOWN, UNKNOWN, LOWERLAYERDOWN, … */
  readonly state?: string;
  /** Link flags (`<BROADCAST,MULTICAST,UP,LOWER_UP>`); empty when the form does not print them. */
  readonly flags: readonly string[];
  /** The bridge (or bond) the device is enslaved to, when the form prints it. */
  readonly master?: string;
  readonly addresses: readonly HostAddress[];
}

/** rtnetlink route types (RTN_*), as ip prints them in front of the destination. */
export type RouteType = "unicast" | "local" | "broadcast" | "anycast" | "multicast" | "blackhole" | "unreachable" | "prohibit" | "throw" | "nat" | "xresolve";

export const ROUTE_TYPES: readonly RouteType[] = ["unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"];

/** One path of a multipath route (`nexthop via X dev Y weight N`). */
export interface Nexthop {
  readonly via?: string;
  readonly dev?: string;
  readonly weight?: number;
  readonly flags: readonly string[];
}

export interface Route {
  readonly family: Family;
  readonly type: RouteType;
  /** `default`, or CIDR text with the prefix length always written (`127.0.0.1/32`). */
  readonly destination: string;
  /** 0 for `default`. */
  readonly prefixLength: number;
  readonly dev?: string;
  /** The gateway's address (`via 192.168.1.1`, `via inet6 fe80::1` on an IPv4 route). */
  readonly via?: string;
  /** The preferred source address (`src`, JSON `prefsrc`). */
  readonly src?: string;
  /** `main` unless the output names another table. */
  readonly table: string;
  readonly metric?: number;
  readonly proto?: string;
  readonly scope?: string;
  /** Route flags: onlink, linkdown, dead, … */
  readonly flags: readonly string[];
  /** Paths of a multipath route; `dev` and `via` are then unset. */
  readonly nexthops?: readonly Nexthop[];
  /** The line of the input the route starts on. */
  readonly line: number;
}

export interface ParsedAddresses {
  readonly interfaces: HostInterface[];
  readonly problems: HostInputProblem[];
}

export interface ParsedRoutes {
  readonly routes: Route[];
  readonly problems: HostInputProblem[];
}

/** Problems in file order. */
export function byPosition(problems: readonly HostInputProblem[]): HostInputProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
