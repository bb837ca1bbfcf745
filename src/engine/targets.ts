/**
 * What a rule's target does to a packet, as the kernel's target functions do it: a verdict
 * that ends the table's traversal (ACCEPT, DROP, REJECT, NFQUEUE, the NAT targets), RETURN,
 * a jump or goto, or a change to the packet (MARK, CONNMARK, CT --notrack) after which the
 * next rule is evaluated (XT_CONTINUE).
 */
import type { ExtensionNode, Jump } from "../ast/nodes.js";
import { xmarkOf } from "../model/extensions/targets/values/xmark.js";
import type { SaveContext } from "../model/extensions/types.js";
import type { Family } from "../model/netfilter.js";
import type { HostFacts } from "./host.js";
import type { Packet, Place } from "./packet.js";
import { parseNatTarget } from "../docker/net.js";
import { parseAddressText } from "../model/ip/addresses.js";

export type TerminalVerdict = "ACCEPT" | "DROP" | "REJECT" | "QUEUE" | "UNKNOWN";

export type TargetEffect =
  | { readonly kind: "verdict"; readonly verdict: TerminalVerdict; readonly packet?: Packet; readonly note?: string }
  | { readonly kind: "return" }
  | { readonly kind: "jump"; readonly chain: string; readonly goto: boolean }
  | { readonly kind: "continue"; readonly packet: Packet; readonly note?: string };

/** Targets that change nothing the engine models and let the next rule run (XT_CONTINUE). */
const CONTINUE_TARGETS = new Set(["LOG", "NFLOG", "ULOG", "TRACE", "AUDIT", "TEE", "SET", "CHECKSUM", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "ECN", "TCPMSS", "TCPOPTSTRIP", "IDLETIMER", "LED", "RATEEST", "SECMARK", "CONNSECMARK", "NFACCT", "HMARK", "SNPT", "DNPT"]);

function option(ext: ExtensionNode, ...names: string[]): string | undefined {
  for (let i = ext.options.length - 1; i >= 0; i--) {
    const o = ext.options[i]!;
    if (names.includes(o.name)) return o.values[0]?.text;
  }
  return undefined;
}

function flag(ext: ExtensionNode, name: string): boolean {
  return ext.options.some((o) => o.name === name);
}

export function targetEffect(jump: Jump | undefined, packet: Packet, place: Place, host: HostFacts): TargetEffect {
  if (!jump) return { kind: "continue", packet };
  if (jump.kind === "verdict") {
    if (jump.name === "RETURN") return { kind: "return" };
    return { kind: "verdict", verdict: jump.name === "QUEUE" ? "QUEUE" : (jump.name as "ACCEPT" | "DROP") };
  }
  if (jump.kind === "chain") {
    // An unknown extension name written as a jump: iptlint could not load it, neither can we.
    return { kind: "jump", chain: jump.name.replace(/\r$/, ""), goto: jump.goto };
  }
  return extensionEffect(jump.extension, packet, place, host);
}

function extensionEffect(ext: ExtensionNode, packet: Packet, place: Place, host: HostFacts): TargetEffect {
  if (!ext.spec) return { kind: "verdict", verdict: "UNKNOWN", note: `target ${ext.name} is not known to iptlint` };
  if (CONTINUE_TARGETS.has(ext.name)) return { kind: "continue", packet };
  switch (ext.name) {
    case "REJECT":
      return { kind: "verdict", verdict: "REJECT" };
    case "NFQUEUE":
      return { kind: "verdict", verdict: "QUEUE", note: "handed to a user-space program (NFQUEUE), which decides" };
    case "MARK":
      return { kind: "continue", packet: { ...packet, mark: applyXmark(ext, packet.mark, packet.family) } };
    case "CONNMARK":
      return { kind: "continue", packet: connmark(ext, packet) };
    case "NOTRACK":
      return { kind: "continue", packet: untracked(packet), note: "connection tracking skipped: NAT will not see this packet" };
    case "CT":
      return flag(ext, "notrack") ? { kind: "continue", packet: untracked(packet), note: "connection tracking skipped: NAT will not see this packet" } : { kind: "continue", packet };
    case "DNAT":
      return dnat(ext, packet);
    case "REDIRECT":
      return redirect(ext, packet, place, host);
    case "SNAT":
    case "MASQUERADE":
    case "NETMAP":
      return snat(ext, packet, host);
    case "TPROXY":
      // xt_TPROXY assigns a local socket and returns NF_ACCEPT; the packet is then delivered locally.
      return { kind: "verdict", verdict: "ACCEPT", packet, note: "diverted to a local socket (TPROXY)" };
    default:
      return { kind: "verdict", verdict: "UNKNOWN", note: `the effect of ${ext.name} is not modelled` };
  }
}

function applyXmark(ext: ExtensionNode, mark: number, family: Family): number {
  const ctx = { family, options: [] } as unknown as SaveContext;
  let value = mark;
  for (const o of ext.options) {
    const pair = xmarkOf(o.name, o.values[0]?.text ?? "", ctx);
    if (pair) value = ((value & ~pair.mask) ^ pair.value) >>> 0;
  }
  return value;
}

/** CONNMARK --save-mark / --restore-mark copy between nfmark and ctmark; the others set ctmark. */
function connmark(ext: ExtensionNode, packet: Packet): Packet {
  if (flag(ext, "restore-mark")) return { ...packet, mark: packet.conn.mark };
  if (flag(ext, "save-mark")) return { ...packet, conn: { ...packet.conn, mark: packet.mark } };
  return { ...packet, conn: { ...packet.conn, mark: applyXmark(ext, packet.conn.mark, packet.family) } };
}

function untracked(packet: Packet): Packet {
  return { ...packet, conn: { ...packet.conn, state: "UNTRACKED" } };
}

/**
 * The first address and port of a NAT range (`ADDR[-ADDR][:PORT[-PORT][/BASE]]`, IPv6
 * `[ADDR]:PORT`), split as src/docker/net.ts parseNatTarget reads libxt_DNAT's parse_to.
 */
function natDestination(text: string, family: Family): { address?: bigint; port?: number } {
  const to = parseNatTarget(text, family);
  const address = to.address === "" ? undefined : parseAddressText(to.address, family);
  const p = to.port === undefined ? undefined : Number(to.port.split(/[-/]/)[0]);
  return { ...(address !== undefined ? { address } : {}), ...(p !== undefined && Number.isInteger(p) ? { port: p } : {}) };
}

function dnat(ext: ExtensionNode, packet: Packet): TargetEffect {
  const to = natDestination(option(ext, "to-destination") ?? "", packet.family);
  const dst = to.address ?? packet.dst;
  const dport = to.port ?? packet.dport;
  const rewritten: Packet = {
    ...packet,
    dst,
    ...(dport !== undefined ? { dport } : {}),
    conn: { ...packet.conn, dnat: true, replySrc: dst, ...(dport !== undefined ? { replySport: dport } : {}) },
  };
  return { kind: "verdict", verdict: "ACCEPT", packet: rewritten, note: "DNAT" };
}

/** REDIRECT: to the primary address of the incoming interface (127.0.0.1 / ::1 for local packets). */
function redirect(ext: ExtensionNode, packet: Packet, place: Place, host: HostFacts): TargetEffect {
  const loopback = packet.family === "ipv4" ? 0x7f000001n : 1n;
  const dst = place.hook === "OUTPUT" || !packet.in ? loopback : (host.addressOn(packet.in) ?? packet.dst);
  const ports = option(ext, "to-ports");
  const dport = ports ? Number(ports.split(/[-:]/)[0]) : packet.dport;
  const rewritten: Packet = { ...packet, dst, ...(dport !== undefined ? { dport } : {}), conn: { ...packet.conn, dnat: true, replySrc: dst } };
  return { kind: "verdict", verdict: "ACCEPT", packet: rewritten, note: "REDIRECT" };
}

/**
 * SNAT / MASQUERADE / NETMAP rewrite the source after every filter decision (POSTROUTING,
 * or nat INPUT): the engine records that the connection is source-NATed, which is what
 * reachability and the Docker rules need, without following the new address further.
 */
function snat(ext: ExtensionNode, packet: Packet, host: HostFacts): TargetEffect {
  const to = ext.name === "SNAT" ? natDestination(option(ext, "to-source") ?? "", packet.family).address : ext.name === "MASQUERADE" && packet.out ? host.addressOn(packet.out) : undefined;
  return { kind: "verdict", verdict: "ACCEPT", packet: { ...packet, conn: { ...packet.conn, snat: true, ...(to !== undefined ? { replyDst: to } : {}) } }, note: ext.name };
}
