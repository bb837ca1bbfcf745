/**
 * The Docker view of a parsed dump: plain, JSON-serialisable data (arrays, no Maps) saying
 * what Docker wrote into iptables and what that tells about the daemon, its bridges and its
 * published ports. Every fact carries the rules it was read from (RuleRef: line and span), so
 * that lint rules can point at them. The recognition rules are those of
 * /work/shared/docker-firewall.md; each module cites the section it follows.
 *
 * One dump is one address family (iptables-save or ip6tables-save): a view describes that
 * family only; merge a v4 and a v6 view to see a dual-stack host.
 */
import type { Span } from "../findings.js";
import type { Family, TableName } from "../model/netfilter.js";

/** One rule of the dump, as evidence for a fact. */
export interface RuleRef {
  readonly table: TableName;
  readonly chain: string;
  readonly line: number;
  readonly span: Span;
  /** Canonical text (iptables-save form, src/format/print.ts). */
  readonly text: string;
}

/** A fact and the rules (or declarations) that establish it. */
export interface Evidence {
  readonly fact: string;
  readonly rules: readonly RuleRef[];
  /** Lines of chain declarations or comments that support the fact, when no rule does. */
  readonly lines?: readonly number[];
}

/** Layout eras of docker-firewall.md §2/§3. */
export type EraId = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H";

export interface EraVerdict {
  /**
   * The era decided by §3's list (first match wins). "none": no Docker chain at all;
   * "unknown": Docker rules are there but the filter table, which decides, is not.
   */
  readonly era: EraId | "none" | "unknown";
  /** Docker versions of the era (or of the sub-era, when one is recognised). */
  readonly versions: string;
  /** False when the signature also fits something else (§3: H vs --iptables=false, …). */
  readonly certain: boolean;
  readonly evidence: readonly Evidence[];
  /** Eras the dump still fits when the filter table is missing. */
  readonly candidates: readonly EraId[];
  /** Rules or chains of an older (or other) era next to the decided one (§3 cautions). */
  readonly leftovers: readonly Evidence[];
  /** Something else the era could also be, in words. */
  readonly note?: string;
}

/** Who owns a chain and when Docker writes it (docker-firewall.md §2, §4 pitfall 18). */
export interface DockerChain {
  readonly table: TableName;
  readonly name: string;
  /** What Docker uses the chain for. */
  readonly role: string;
  readonly eras: readonly EraId[];
  /** "user": DOCKER-USER, never flushed by Docker; "docker": deleted and rebuilt at every start. */
  readonly owner: "docker" | "user";
  /** Chains that live in a container's namespace (embedded DNS), not on the host. */
  readonly containerNamespace: boolean;
  readonly declaredLine?: number;
  readonly ruleCount: number;
}

export type OnOff = "on" | "off" | "unknown";

export interface Setting<T extends string> {
  readonly value: T;
  readonly evidence: readonly Evidence[];
}

/** Gateway modes (com.docker.network.bridge.gateway_mode_ipv4/6) plus --internal. */
export type BridgeMode = "nat" | "routed" | "nat-unprotected" | "internal" | "unknown";

export interface Subnet {
  /** Canonical CIDR as iptables-save prints it. */
  readonly cidr: string;
  readonly family: Family;
  /** Which rule shape gave it. */
  readonly via: "masquerade" | "snat" | "internal-isolation";
  readonly rule: RuleRef;
}

/** A container address seen in per-container or per-port rules. */
export interface Endpoint {
  readonly address: string;
  readonly rules: readonly RuleRef[];
  /** The container Docker says has the address (--docker-inspect). */
  readonly owner?: ContainerIdentity;
}

/**
 * Docker's name for a container address (--docker-inspect, src/docker/names.ts): what the user
 * called it and ran in it, and the network the address is on.
 */
export interface ContainerIdentity {
  /** The container's name, without Docker's leading slash. */
  readonly name: string;
  /** Config.Image: nginx:1.27 rather than a sha256 id. */
  readonly image?: string;
  /** The network the address belongs to. */
  readonly network?: string;
}

/** Docker's name for a bridge or subnet: the network (--docker-inspect). */
export interface NetworkIdentity {
  readonly name: string;
  readonly id: string;
  readonly driver: string;
}

export interface Bridge {
  readonly name: string;
  /** docker0, br-<12 hex> (user network), docker_gwbridge (swarm), or a name set by com.docker.network.bridge.name. */
  readonly kind: "default" | "user" | "swarm-gateway" | "custom";
  readonly family: Family;
  readonly subnets: readonly Subnet[];
  readonly icc: Setting<OnOff>;
  /** On when a MASQUERADE or SNAT rule covers the subnet; off for routed and internal bridges too. */
  readonly masquerade: Setting<OnOff>;
  /** `-j SNAT --to-source` address (com.docker.network.host_ipv4/6). */
  readonly snatTo?: string;
  readonly mode: Setting<BridgeMode>;
  /** Modes that produce the same rules (internal vs isolated; routed vs nat without masquerading in ≤27.x). */
  readonly modeAlternatives: readonly (BridgeMode | "isolated")[];
  /** From this bridge's own rules when they tell, else the daemon-wide setting. */
  readonly userlandProxy: Setting<OnOff>;
  /** `-A POSTROUTING -o <br> -m addrtype --src-type LOCAL -j MASQUERADE`. */
  readonly hairpinMasquerade?: RuleRef;
  readonly endpoints: readonly Endpoint[];
  /** Every rule that names the bridge. */
  readonly rules: readonly RuleRef[];
  /** The Docker network of the bridge (--docker-inspect). */
  readonly network?: NetworkIdentity;
}

export type PortProblemCode = "dnat-without-filter-accept" | "filter-accept-without-dnat";

export interface PortProblem {
  readonly code: PortProblemCode;
  readonly message: string;
}

export interface PublishedPort {
  readonly family: Family;
  readonly protocol: string;
  /** `-d` of the DNAT without a full-length prefix ("127.0.0.1"); "0.0.0.0" or "::" when absent (all addresses); undefined without DNAT. */
  readonly hostAddress?: string;
  /** Host port or range ("8080", "8000:8010"); undefined without DNAT (routed mode). */
  readonly hostPort?: string;
  readonly containerAddress: string;
  /** Container port or range ("80", "8000-8010"); undefined when a DNAT keeps the port. */
  readonly containerPort?: string;
  readonly bridge?: string;
  /** Swarm routing-mesh port (nat/filter DOCKER-INGRESS). */
  readonly ingress: boolean;
  /** Loopback host address: only the host itself should reach it. */
  readonly loopbackOnly: boolean;
  readonly dnat?: RuleRef;
  /** Per-port filter ACCEPT (DOCKER, or DOCKER-INGRESS for swarm). */
  readonly filterAccept?: RuleRef;
  /** nat-unprotected: the bridge-wide `-A DOCKER ! -i <br> -o <br> -j ACCEPT` that lets it in. */
  readonly bridgeAccept?: RuleRef;
  /** Per-port hairpin `-s <ctr> -d <ctr> --dport <cport> -j MASQUERADE`. */
  readonly hairpinMasquerade?: RuleRef;
  /** raw PREROUTING DROPs guarding it (direct access, loopback from outside). */
  readonly rawDrops: readonly RuleRef[];
  readonly problems: readonly PortProblem[];
  /** The container at the DNAT's (or routed ACCEPT's) address, or the one publishing the host port (--docker-inspect). */
  readonly owner?: ContainerIdentity;
  /** The Docker network of the port's bridge or container address (--docker-inspect). */
  readonly network?: NetworkIdentity;
}

export interface DockerUserJump {
  readonly chain: string;
  /** 1-based position of the jump in its chain. */
  readonly position: number;
  readonly rule: RuleRef;
  /** Rules of that chain before the jump. */
  readonly before: readonly RuleRef[];
}

export interface DockerUserView {
  readonly declared: boolean;
  readonly declaredLine?: number;
  readonly rules: readonly RuleRef[];
  /** `-A DOCKER-USER -j RETURN` (Docker added it up to 28.2.1). */
  readonly returnRule?: RuleRef;
  readonly jumps: readonly DockerUserJump[];
}

export interface SwarmView {
  readonly active: boolean;
  readonly gatewayBridge?: string;
  /** Rules jumping to DOCKER-INGRESS (filter FORWARD/DOCKER-FORWARD, nat PREROUTING/OUTPUT). */
  readonly jumps: readonly RuleRef[];
  readonly chains: readonly { readonly table: TableName; readonly declaredLine?: number }[];
}

export interface BackendView {
  /** From the `# Generated by …` header, or from --backend. */
  readonly name?: "nft" | "legacy";
  readonly header?: { readonly line: number; readonly text: string };
  /** `# Warning: iptables-legacy tables present, …`: rules also exist in the legacy backend (§4 pitfall 8). */
  readonly legacyTablesWarning?: { readonly line: number; readonly text: string };
}

export interface DaemonView {
  /** nat OUTPUT jump with `! -d 127.0.0.0/8` (on) or without (off); §1. */
  readonly userlandProxy: Setting<OnOff>;
  readonly forwardPolicy?: { readonly policy: string; readonly line?: number };
  /** WSL2 mirrored networking (`-A DOCKER -d 127.0.0.0/8 -i loopback0 -j RETURN`, §2 era D). */
  readonly wsl2Mirrored?: Evidence;
  /** Rules jumping from the built-in nat chains to DOCKER. */
  readonly natJumps: readonly RuleRef[];
}

export interface DockerView {
  readonly family: Family;
  /** Any rule Docker writes (including the FORWARD → DOCKER-USER jump). */
  readonly hasDockerRules: boolean;
  readonly tables: readonly TableName[];
  readonly chains: readonly DockerChain[];
  readonly era: EraVerdict;
  readonly backend: BackendView;
  readonly daemon: DaemonView;
  readonly bridges: readonly Bridge[];
  readonly ports: readonly PublishedPort[];
  readonly dockerUser: DockerUserView;
  readonly swarm: SwarmView;
}
