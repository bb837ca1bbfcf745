/**
 * The engine's entry points, as the CLI and the lint rules use them: the host (given or
 * inferred), `exposure` over every published port and service, and `trace` of one packet.
 */
import type { Dump } from "../ast/nodes.js";
import { dockerViewOf } from "../docker/view-cache.js";
import type { DockerView } from "../docker/types.js";
import type { DockerNames } from "../docker/names.js";
import type { Ruleset } from "../model/ruleset.js";
import { externalInterface } from "../docker/external-interface.js";
import { hostHints } from "../docker/host-hints.js";
import { AddressSet } from "../model/ip/address-set.js";
import { exposureTargets, targetExposure, type TargetExposure } from "./exposure.js";
import type { HostFacts } from "./host.js";
import { inferredHost } from "./inferred-host.js";
import { interfaceClasses, type InterfaceClass } from "./interface-classes.js";
import { InterfaceUniverse } from "./interface-set.js";
import { evaluateArriving, type Outcome, type PacketSpec } from "./pipeline.js";

export interface HostContext {
  readonly host: HostFacts;
  /** The host's address on the external interface, used for 0.0.0.0 publishes and services. */
  readonly externalAddress: bigint;
  readonly externalInterface: string;
  /** True when the host's addresses were inferred from the rules (no --addr). */
  readonly inferred: boolean;
}

export interface GivenHost {
  readonly facts: HostFacts;
  /** The interface the default route leaves on, when the routes tell. */
  readonly externalInterface?: string;
}

export function hostContext(ruleset: Ruleset, docker: DockerView, given?: GivenHost, externalOverride?: string): HostContext {
  const external = externalOverride ?? given?.externalInterface ?? externalInterface(ruleset, docker);
  const guess = inferredHost(ruleset, hostHints(docker, ruleset.family), external);
  if (!given) return { host: guess, externalAddress: guess.external.address, externalInterface: external, inferred: true };
  const address = given.facts.addressOn(external) ?? guess.external.address;
  return { host: given.facts, externalAddress: address, externalInterface: external, inferred: false };
}

export interface ExposureReport {
  readonly family: Ruleset["family"];
  readonly host: HostContext;
  readonly targets: readonly TargetExposure[];
}

export interface ExposureQuery {
  readonly given?: GivenHost;
  readonly from?: AddressSet;
  readonly externalInterface?: string;
  /**
   * Only what arrives on the external interface (`fromOutside`), not every interface class
   * nor the host itself: all the lint rules need, at a fraction of the cost on hosts with
   * many bridges.
   */
  readonly outsideOnly?: boolean;
  /**
   * The input-interface classes to walk instead of the ruleset's own: two versions of a
   * ruleset walked with the same classes (interfaceClassesOf) compare class by class.
   */
  readonly classes?: readonly InterfaceClass[];
  /** Docker's names (--docker-inspect): published ports carry the container's name, image and network. */
  readonly names?: DockerNames;
}

export function exposure(ruleset: Ruleset, dump: Dump, options: ExposureQuery = {}): ExposureReport {
  const docker = dockerViewOf(ruleset, dump, options.names);
  const host = hostContext(ruleset, docker, options.given, options.externalInterface);
  const all = options.classes ?? interfaceClasses(ruleset, docker, host.externalInterface);
  const classes = options.outsideOnly ? all.filter((c) => c.name === host.externalInterface) : all;
  const universe = new InterfaceUniverse(classes.map((c) => c.name));
  const targets = exposureTargets(ruleset, docker, host.externalAddress).map((t) => targetExposure(ruleset, host.host, t, classes, { externalInterface: host.externalInterface, withHost: !options.outsideOnly, universe, ...(options.from ? { from: options.from } : {}) }));
  return { family: ruleset.family, host, targets };
}

export interface TraceReport {
  readonly host: HostContext;
  readonly spec: PacketSpec;
  readonly outcomes: readonly Outcome[];
  /** Docker's names (--docker-inspect), for the report to name container addresses and bridges. */
  readonly names?: DockerNames;
}

export function trace(ruleset: Ruleset, dump: Dump, spec: Omit<PacketSpec, "src"> & { src: bigint }, options: { given?: GivenHost; externalInterface?: string; names?: DockerNames } = {}): TraceReport {
  const docker = dockerViewOf(ruleset, dump);
  const host = hostContext(ruleset, docker, options.given, options.externalInterface);
  // Without --in the packet comes from outside, on the external interface.
  const full: PacketSpec = { ...spec, in: spec.in || host.externalInterface, src: AddressSet.single(ruleset.family, spec.src) };
  return { host, spec: full, outcomes: evaluateArriving(ruleset, host.host, full, { recordSteps: true }), ...(options.names ? { names: options.names } : {}) };
}
