/**
 * `ip -j addr` / `ip -j -p addr`: an array of devices, each `{ifindex, ifname, flags,
 * operstate, master?, addr_info: [{family: "inet"|"inet6", local, prefixlen, broadcast?,
 * address? (the peer), scope, label?, secondary?: true, …}]}` (iproute2 ipaddress.c,
 * print_linkinfo / print_addrinfo under PRINT_JSON). Address flags are boolean members set
 * to true. `ip -j -4 addr` prints `{}` for a device without an IPv4 address; those are skipped.
 */
import type { Family } from "../model/netfilter.js";
import { deviceName, InterfaceTable } from "./interface-table.js";
import { ADDRESS_BITS } from "../model/ip/addresses.js";
import { parseAddress, parsePrefix } from "./ip-values.js";
import { jsonElements, type JsonElement } from "./json-elements.js";
import { byPosition, type HostAddress, type HostInputProblem, type ParsedAddresses } from "./types.js";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Members that are not flags: everything print_addrinfo writes with a value. */
const ADDRESS_MEMBERS = new Set(["family", "local", "address", "prefixlen", "broadcast", "anycast", "scope", "label", "valid_life_time", "preferred_life_time", "metric", "protocol"]);

function readAddressInfo(info: unknown): HostAddress | string {
  if (!isObject(info)) return "an addr_info entry that is not an object";
  const family: Family | undefined = info.family === "inet" ? "ipv4" : info.family === "inet6" ? "ipv6" : undefined;
  if (!family) return `addr_info family \`${String(info.family)}' is neither inet nor inet6`;
  const local = parseAddress(str(info.local) ?? "");
  if (!local || local.family !== family) return `addr_info local \`${String(info.local)}' is not an ${family === "ipv4" ? "IPv4" : "IPv6"} address`;
  const prefixLength = typeof info.prefixlen === "number" ? info.prefixlen : ADDRESS_BITS[family];
  const brd = info.broadcast === undefined ? undefined : parseAddress(str(info.broadcast) ?? "");
  const peer = str(info.address) === undefined ? undefined : parsePrefix(`${str(info.address)}/${prefixLength}`);
  const flags = Object.entries(info).filter(([k, v]) => v === true && !ADDRESS_MEMBERS.has(k)).map(([k]) => k);
  return {
    family,
    address: local.text,
    // With a peer, prefixlen belongs to the peer; the local address is a host address.
    prefixLength: peer ? ADDRESS_BITS[family] : prefixLength,
    ...(brd ? { broadcast: brd.text } : {}),
    ...(str(info.scope) !== undefined ? { scope: str(info.scope) } : {}),
    ...(peer ? { peer: peer.text } : {}),
    ...(str(info.label) !== undefined ? { label: str(info.label) } : {}),
    flags,
  };
}

function readDevice(table: InterfaceTable, problems: HostInputProblem[], element: JsonElement): void {
  const dev = element.value;
  if (!isObject(dev)) {
    problems.push({ line: element.line, message: "an array element that is not a device object" });
    return;
  }
  if (Object.keys(dev).length === 0) return;
  const printed = str(dev.ifname);
  if (printed === undefined) {
    problems.push({ line: element.line, message: "a device without `ifname`" });
    return;
  }
  const flags = Array.isArray(dev.flags) ? dev.flags.filter((f): f is string => typeof f === "string") : undefined;
  const name = table.interface(deviceName(printed), {
    ...(typeof dev.ifindex === "number" ? { index: dev.ifindex } : {}),
    ...(str(dev.operstate) !== undefined ? { state: str(dev.operstate) } : {}),
    ...(flags ? { flags } : {}),
    ...(str(dev.master) !== undefined ? { master: str(dev.master) } : {}),
  });
  const infos = Array.isArray(dev.addr_info) ? dev.addr_info : [];
  for (const info of infos) {
    const address = readAddressInfo(info);
    if (typeof address === "string") problems.push({ line: element.line, message: `${printed}: ${address}` });
    else table.addAddress(name, address);
  }
}

export function parseIpAddrJson(text: string): ParsedAddresses {
  const { elements, problems } = jsonElements(text);
  const table = new InterfaceTable();
  for (const element of elements) readDevice(table, problems, element);
  return { interfaces: table.result(), problems: byPosition(problems) };
}
