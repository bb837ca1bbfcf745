/**
 * `docker network inspect $(docker network ls -q)` and `docker inspect $(docker ps -q)` output,
 * read into the networks and containers iptlint names things by. Pure: text in, data out.
 *
 * Both commands print one JSON array; users concatenate them (`{ docker network inspect …;
 * docker inspect …; } > inspect.json`), so a file is any sequence of JSON arrays (or single
 * objects, as `docker inspect --format '{{json .}}'` prints them) separated by white space.
 * Elements are told apart by their shape (moby api/types: network.Inspect has IPAM and Driver,
 * container.InspectResponse has NetworkSettings); anything else (an image, a volume) is
 * skipped with a note. Broken JSON is an error with its line and column: a half-read file
 * would name some containers and silently not others.
 */
import { findJsonSyntaxError } from "../config/json-syntax.js";
import { lineIndex } from "../host/text-lines.js";
import { parseAddressText } from "../model/ip/addresses.js";
import { parseCidrSet } from "../model/ip/cidr.js";
import type { Family } from "../model/netfilter.js";
import { addressFamily } from "./net.js";

export interface InspectSubnet {
  /** As IPAM.Config[].Subnet gives it. */
  readonly cidr: string;
  readonly family: Family;
  readonly gateway?: string;
}

/** A container as a network's `Containers` map lists it (name and addresses, no image). */
export interface NetworkEndpoint {
  readonly containerId: string;
  readonly name: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
}

export interface InspectNetwork {
  readonly name: string;
  readonly id: string;
  /** bridge, overlay, macvlan, ipvlan, host, null, … */
  readonly driver: string;
  /**
   * The Linux bridge of a bridge-driver network: the `com.docker.network.bridge.name` option,
   * else `br-` and the first 12 characters of the id (libnetwork drivers/bridge: the default
   * name of a user-defined network's bridge). Undefined for other drivers.
   */
  readonly bridge?: string;
  readonly subnets: readonly InspectSubnet[];
  readonly internal: boolean;
  readonly ipv6: boolean;
  /** `com.docker.network.bridge.enable_icc` ("true"/"false"), when set. */
  readonly icc?: boolean;
  /** `com.docker.network.bridge.enable_ip_masquerade`, when set. */
  readonly masquerade?: boolean;
  /** `com.docker.network.bridge.host_binding_ipv4`: the default host address of its published ports. */
  readonly hostBindingIpv4?: string;
  /** `com.docker.network.bridge.gateway_mode_ipv4` / `_ipv6` (28.0+): nat, routed, nat-unprotected, isolated. */
  readonly gatewayModeIpv4?: string;
  readonly gatewayModeIpv6?: string;
  /** Every driver option, as given. */
  readonly options: Readonly<Record<string, string>>;
  readonly endpoints: readonly NetworkEndpoint[];
  /** 1-based line of the network's object in the file. */
  readonly line: number;
}

export interface ContainerNetwork {
  /** The key of NetworkSettings.Networks: the network's name. */
  readonly network: string;
  readonly networkId?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
}

export interface PortBinding {
  /** The container port, e.g. "80". */
  readonly containerPort: string;
  readonly protocol: string;
  /** "" or "0.0.0.0" / "::" mean every address. */
  readonly hostIp: string;
  /** "" when Docker picks one (HostConfig.PortBindings only). */
  readonly hostPort: string;
}

export interface InspectContainer {
  readonly id: string;
  /** Without the leading slash Docker keeps in `Name`. */
  readonly name: string;
  /** Config.Image: what the user ran (nginx:1.27), not the image id. */
  readonly image?: string;
  readonly running?: boolean;
  readonly networks: readonly ContainerNetwork[];
  /** NetworkSettings.Ports (the bindings in effect), else HostConfig.PortBindings (the ones asked for). */
  readonly published: readonly PortBinding[];
  readonly line: number;
}

export interface DockerInspect {
  readonly networks: readonly InspectNetwork[];
  readonly containers: readonly InspectContainer[];
}

export interface InspectMessage {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ParsedInspect {
  readonly inspect: DockerInspect;
  /** What was skipped and why; the rest was read. */
  readonly notes: readonly InspectMessage[];
  /** Errors: broken JSON. Nothing of the file is used when there is one. */
  readonly problems: readonly InspectMessage[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

interface TopValue {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
}

/** The JSON values of the text one after another, or the first syntax error. */
function topValues(text: string): { values: TopValue[] } | { error: { offset: number; message: string } } {
  const values: TopValue[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /[\s\uFEFF]/.test(text[i] as string)) i++;
    if (i >= text.length) return { values };
    if (text[i] !== "[" && text[i] !== "{") {
      return { error: { offset: i, message: "expected a JSON array or object (the output of docker inspect or docker network inspect)" } };
    }
    // The scanner reads one value; "text after the end" marks where the next one starts.
    const rest = text.slice(i);
    const syntax = findJsonSyntaxError(rest);
    const end = syntax === undefined ? text.length : i + syntax.offset;
    if (syntax !== undefined && !syntax.message.startsWith("unexpected text after the end")) return { error: { offset: end, message: syntax.message } };
    values.push({ value: JSON.parse(text.slice(i, end)), start: i, end });
    i = end;
  }
}

/** Offsets where the elements of the array at `start` begin. */
function elementStarts(text: string, start: number, end: number): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expecting && !/[\s,\]]/.test(c)) {
      starts.push(i);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expecting = true;
  }
  return starts;
}

/** `172.18.0.3/16` (a network's Containers map) or `172.18.0.3` → the address, when it is one. */
function address(v: unknown): string | undefined {
  const text = str(v)?.replace(/\/\d+$/, "");
  return text !== undefined && parseAddressText(text, addressFamily(text)) !== undefined ? text : undefined;
}

function flag(v: string | undefined): boolean | undefined {
  return v === "true" ? true : v === "false" ? false : undefined;
}

/** `br-` + the first 12 characters of the id: libnetwork's name for a user network's bridge. */
export function defaultBridgeName(id: string): string {
  return `br-${id.slice(0, 12)}`;
}

function readNetwork(o: Json, line: number, notes: InspectMessage[]): InspectNetwork | undefined {
  const name = str(o["Name"]);
  const id = str(o["Id"]) ?? str(o["ID"]);
  if (name === undefined || id === undefined) {
    notes.push({ line, message: "a network without a Name or Id is skipped" });
    return undefined;
  }
  const driver = str(o["Driver"]) ?? "";
  const options: Record<string, string> = {};
  if (isObject(o["Options"])) for (const [k, v] of Object.entries(o["Options"])) if (typeof v === "string") options[k] = v;
  const subnets: InspectSubnet[] = [];
  const ipam = isObject(o["IPAM"]) ? o["IPAM"] : {};
  for (const c of Array.isArray(ipam["Config"]) ? ipam["Config"] : []) {
    const cidr = isObject(c) ? str(c["Subnet"]) : undefined;
    if (cidr === undefined) continue;
    const family = addressFamily(cidr);
    if (parseCidrSet(cidr, family) === undefined) {
      notes.push({ line, message: `network ${name}: subnet \`${cidr}' is not a CIDR; skipped` });
      continue;
    }
    const gateway = address((c as Json)["Gateway"]);
    subnets.push({ cidr, family, ...(gateway ? { gateway } : {}) });
  }
  const endpoints: NetworkEndpoint[] = [];
  if (isObject(o["Containers"])) {
    for (const [containerId, e] of Object.entries(o["Containers"])) {
      const ename = isObject(e) ? str(e["Name"]) : undefined;
      if (ename === undefined) continue;
      const ipv4 = address((e as Json)["IPv4Address"]);
      const ipv6 = address((e as Json)["IPv6Address"]);
      endpoints.push({ containerId, name: ename, ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) });
    }
  }
  const bridgeOption = options["com.docker.network.bridge.name"];
  const bridge = driver === "bridge" ? (bridgeOption || defaultBridgeName(id)) : undefined;
  const icc = flag(options["com.docker.network.bridge.enable_icc"]);
  const masquerade = flag(options["com.docker.network.bridge.enable_ip_masquerade"]);
  const hostBinding = options["com.docker.network.bridge.host_binding_ipv4"];
  const mode4 = options["com.docker.network.bridge.gateway_mode_ipv4"];
  const mode6 = options["com.docker.network.bridge.gateway_mode_ipv6"];
  return {
    name,
    id,
    driver,
    ...(bridge ? { bridge } : {}),
    subnets,
    internal: o["Internal"] === true,
    ipv6: o["EnableIPv6"] === true,
    ...(icc !== undefined ? { icc } : {}),
    ...(masquerade !== undefined ? { masquerade } : {}),
    ...(hostBinding ? { hostBindingIpv4: hostBinding } : {}),
    ...(mode4 ? { gatewayModeIpv4: mode4 } : {}),
    ...(mode6 ? { gatewayModeIpv6: mode6 } : {}),
    options,
    endpoints,
    line,
  };
}

/** `{"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "443/tcp": null}` → the bindings (an exposed, unpublished port has none). */
function readBindings(v: unknown): PortBinding[] {
  if (!isObject(v)) return [];
  const out: PortBinding[] = [];
  for (const [key, list] of Object.entries(v)) {
    const m = /^(\d+)(?:\/(\w+))?$/.exec(key);
    if (!m || !Array.isArray(list)) continue;
    for (const b of list) {
      if (!isObject(b)) continue;
      out.push({ containerPort: m[1] as string, protocol: (m[2] ?? "tcp").toLowerCase(), hostIp: typeof b["HostIp"] === "string" ? b["HostIp"] : "", hostPort: typeof b["HostPort"] === "string" ? b["HostPort"] : "" });
    }
  }
  return out;
}

function readContainer(o: Json, line: number, notes: InspectMessage[]): InspectContainer | undefined {
  const rawName = str(o["Name"]);
  const id = str(o["Id"]);
  if (rawName === undefined || id === undefined) {
    notes.push({ line, message: "a container without a Name or Id is skipped" });
    return undefined;
  }
  const name = rawName.replace(/^\//, "");
  const config = isObject(o["Config"]) ? o["Config"] : {};
  const settings = isObject(o["NetworkSettings"]) ? o["NetworkSettings"] : {};
  const hostConfig = isObject(o["HostConfig"]) ? o["HostConfig"] : {};
  const state = isObject(o["State"]) ? o["State"] : {};
  const networks: ContainerNetwork[] = [];
  if (isObject(settings["Networks"])) {
    for (const [network, n] of Object.entries(settings["Networks"])) {
      if (!isObject(n)) continue;
      const ipv4 = address(n["IPAddress"]);
      const ipv6 = address(n["GlobalIPv6Address"]);
      const networkId = str(n["NetworkID"]);
      networks.push({ network, ...(networkId ? { networkId } : {}), ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) });
    }
  }
  const inEffect = readBindings(settings["Ports"]);
  const published = inEffect.length > 0 ? inEffect : readBindings(hostConfig["PortBindings"]);
  const image = str(config["Image"]);
  return {
    id,
    name,
    ...(image ? { image } : {}),
    ...(typeof state["Running"] === "boolean" ? { running: state["Running"] } : {}),
    networks,
    published,
    line,
  };
}

/** What a JSON object that is neither a network nor a container probably is, for the note. */
function otherKind(o: Json): string {
  if ("RepoTags" in o || "RootFS" in o) return "an image";
  if ("Mountpoint" in o) return "a volume";
  if ("Spec" in o && "Endpoint" in o) return "a swarm service";
  return "not a network or a container";
}

function isNetwork(o: Json): boolean {
  return "IPAM" in o || ("Driver" in o && "Scope" in o && !("State" in o));
}

function isContainer(o: Json): boolean {
  return "NetworkSettings" in o || ("State" in o && "Config" in o);
}

export function parseDockerInspect(text: string): ParsedInspect {
  const position = lineIndex(text);
  const top = topValues(text);
  if ("error" in top) {
    const { line, column } = position(top.error.offset);
    return { inspect: { networks: [], containers: [] }, notes: [], problems: [{ line, column, message: `not valid JSON: ${top.error.message}` }] };
  }
  const networks: InspectNetwork[] = [];
  const containers: InspectContainer[] = [];
  const notes: InspectMessage[] = [];
  for (const v of top.values) {
    const starts = Array.isArray(v.value) ? elementStarts(text, v.start, v.end) : [];
    const items = Array.isArray(v.value) ? v.value.map((value: unknown, i) => ({ value, offset: starts[i] ?? v.start })) : [{ value: v.value, offset: v.start }];
    for (const { value, offset } of items) {
      const line = position(offset).line;
      if (!isObject(value)) {
        notes.push({ line, message: "an array element that is not a JSON object is skipped" });
        continue;
      }
      if (isNetwork(value)) {
        const n = readNetwork(value, line, notes);
        if (n) networks.push(n);
      } else if (isContainer(value)) {
        const c = readContainer(value, line, notes);
        if (c) containers.push(c);
      } else {
        notes.push({ line, message: `skipped an object that is ${otherKind(value)}: only docker network inspect and docker inspect of containers are read` });
      }
    }
  }
  return { inspect: { networks, containers }, notes, problems: [] };
}

/** Several files (or --live's two commands) as one: the first of a network or container id wins. */
export function mergeInspects(parts: readonly DockerInspect[]): DockerInspect {
  const networks = new Map<string, InspectNetwork>();
  const containers = new Map<string, InspectContainer>();
  for (const p of parts) {
    for (const n of p.networks) if (!networks.has(n.id)) networks.set(n.id, n);
    for (const c of p.containers) if (!containers.has(c.id)) containers.set(c.id, c);
  }
  return { networks: [...networks.values()], containers: [...containers.values()] };
}
