/**
 * Names `iptables -L` prints without -n, mapped back to what the kernel holds. iptables
 * looks addresses up with gethostbyaddr/getnetbyaddr (xtables_ipaddr_to_anyname: a host
 * name first, then a network name from /etc/networks), ports with getservbyport, protocols
 * with getprotobynumber and users with getpwuid. Only the names every Debian/Ubuntu host
 * has the same way can be mapped back: `anywhere` (a zero mask), localhost, the networks
 * of netbase's /etc/networks, the services of its /etc/services, user and group root. Any
 * other name depends on the host that printed the listing; it is reported as lost.
 */
import type { Family } from "../model/netfilter.js";
import { protocolName, protocolNumber } from "../model/values/protocol.js";
import { serviceToPort } from "../model/values/services.js";
import type { Loss, Piece } from "./scanner.js";

/** /etc/hosts of Debian and Ubuntu (netbase, cloud images): the names that are the same everywhere. */
const HOSTS: Readonly<Record<Family, Readonly<Record<string, string>>>> = {
  ipv4: { localhost: "127.0.0.1" },
  ipv6: { localhost: "::1", "ip6-localhost": "::1", "ip6-loopback": "::1", "ip6-allnodes": "ff02::1", "ip6-allrouters": "ff02::2" },
};

/** netbase's /etc/networks (getnetbyaddr): IPv4 only. */
const NETWORKS: Readonly<Record<string, string>> = { default: "0.0.0.0", loopback: "127.0.0.0", "link-local": "169.254.0.0" };

const V4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const V6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

function isNumericAddress(text: string, family: Family): boolean {
  return family === "ipv4" ? V4.test(text) : V6.test(text);
}

/**
 * An address column or address value (`10.0.0.0/8`, `anywhere`, `localhost`,
 * `loopback/8`, `db1.example.org`) as rule-spec text. A name that cannot be mapped back stays
 * as a host name, which the analysis treats as an address it cannot know, and is reported.
 */
export function addressText(p: Piece, family: Family, losses: Loss[]): string {
  const text = p.text;
  if (text === "anywhere") return family === "ipv4" ? "0.0.0.0/0" : "::/0";
  const slash = text.indexOf("/");
  const host = slash < 0 ? text : text.slice(0, slash);
  const mask = slash < 0 ? "" : text.slice(slash);
  if (isNumericAddress(host, family)) return text;
  const known = HOSTS[family][host] ?? (family === "ipv4" ? NETWORKS[host] : undefined);
  if (known !== undefined) return known + mask;
  losses.push({ at: p, what: `host name \`${host}'`, effect: "kept" });
  return text;
}

/** Whether a column value shows that the listing was made without -n. */
export function looksResolved(text: string, family: Family): boolean {
  if (text === "anywhere") return true;
  const host = text.replace(/^!/, "").split("/")[0] ?? "";
  return host !== "" && !isNumericAddress(host, family);
}

/**
 * A port or service name as a number: getservbyport gave the name for the rule's protocol.
 * A name netbase does not have cannot be turned back into its port; the rule is left out.
 */
export function portNumber(p: Piece, protocol: string | undefined, losses: Loss[]): string | undefined {
  if (/^\d+$/.test(p.text)) return p.text;
  const port = protocol ? serviceToPort(p.text, protocol) : undefined;
  if (port !== undefined) return String(port);
  losses.push({ at: p, what: `service name \`${p.text}'${protocol ? ` (${protocol})` : ""}`, effect: "dropped" });
  return undefined;
}

/** `a:b` or `a` of port names or numbers; undefined when a name is lost. */
export function portRange(p: Piece, protocol: string | undefined, losses: Loss[]): string | undefined {
  const colon = p.text.indexOf(":");
  if (colon < 0) return portNumber(p, protocol, losses);
  const lo = portNumber({ text: p.text.slice(0, colon), start: p.start, end: p.start + colon }, protocol, losses);
  const hi = portNumber({ text: p.text.slice(colon + 1), start: p.start + colon + 1, end: p.end }, protocol, losses);
  return lo === undefined || hi === undefined ? undefined : `${lo}:${hi}`;
}

/** The prot column: "all" and 0 are no -p; a name /etc/protocols may not share is lost. */
export function protocolText(p: Piece, losses: Loss[]): string | undefined | null {
  const text = p.text;
  if (text === "all" || text === "0") return null;
  // -n prints numbers (1.8) where iptables-save prints names (tcp, ipv6-icmp): use the name,
  // as rules compare the -p word with match names.
  if (/^\d+$/.test(text)) return protocolName(Number(text)) ?? text;
  if (protocolNumber(text) !== undefined) return text;
  losses.push({ at: p, what: `protocol name \`${text}'`, effect: "dropped" });
  return undefined;
}

/** The lower-case protocol name the rule's -p value stands for, for service names and implicit matches. */
export function protocolKey(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const n = protocolNumber(text.toLowerCase());
  const byNumber: Record<number, string> = { 6: "tcp", 17: "udp", 132: "sctp", 33: "dccp", 1: "icmp", 58: "ipv6-icmp", 136: "udplite", 50: "esp", 51: "ah" };
  return n === undefined ? text.toLowerCase() : (byNumber[n] ?? text.toLowerCase());
}

/** A user or group as owner prints it: the number, a range, or a name (root is 0 everywhere). */
export function ownerId(p: Piece, kind: "user" | "group", losses: Loss[]): string {
  if (/^\d+(-\d+)?$/.test(p.text)) return p.text;
  if (p.text === "root") return "0";
  losses.push({ at: p, what: `${kind} name \`${p.text}'`, effect: "kept" });
  return p.text;
}
