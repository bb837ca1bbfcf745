/**
 * The address/port ranges of SNAT, DNAT, MASQUERADE, REDIRECT (iptables 1.8.9
 * extensions/libxt_NAT.c parse_to / parse_ports), reproduced step by step because their
 * quirks decide what loads: the port part is parsed before the address, one ':' means a
 * port but two mean an IPv6 address, "[addr]:port" is IPv6 only, service names are allowed
 * for the first port and the offset but not for the end of a range, and an offset
 * ("80-90/85") is only parsed after a range.
 *
 * oracle: `--to-destination 1.2.3.4:80:90` → Bad IP address "1.2.3.4:80:90";
 * `1.2.3.4:90-80` → Port range `80' funky; `1.2.3.4:80x` → Garbage after port value: `x';
 * `[fd00::1]:80/5` → Garbage after port value: `/5'; IPv6 `::1:80` is the address ::1:80.
 */
import type { Family } from "../../../netfilter.js";
import type { ValueCheck } from "../../types.js";
import { parseIPv6 } from "../../../values/address.js";
import { inetPton4 } from "../../../values/address.js";
import { strtoul } from "../../../values/number.js";
import { bad, ok, type ValueResult } from "../../../values/result.js";
import { serviceToAnyPort } from "../../../values/services.js";

export interface NatPorts {
  readonly min: number;
  readonly max: number;
  /** The "/base" of a shifted port map (DNAT revision 2), when given. */
  readonly base?: number;
}

export interface NatRange {
  /** Both ends of the address range, as written, when the value maps addresses. */
  readonly addresses?: { readonly min: string; readonly max: string };
  readonly ports?: NatPorts;
}

/** xtables_strtoui(arg, &end, &v, min, max): a number at the start of text, and the rest. */
function leadingNumber(text: string, min: number, max: number): { value: number; rest: string } | undefined {
  if (/^[ \t\n\v\f\r]*-/.test(text)) return undefined;
  const r = strtoul(text);
  if (r.end === 0 || r.overflow || r.value < BigInt(min) || r.value > BigInt(max)) return undefined;
  return { value: Number(r.value), rest: text.slice(r.end) };
}

/** A port or service name (xtables_service_to_port(name, NULL) takes the whole word). */
function portOrService(text: string, min: number): { value: number; rest: string } | undefined {
  const n = leadingNumber(text, min, 0xffff);
  if (n !== undefined) return n;
  const port = serviceToAnyPort(text);
  return port === undefined ? undefined : { value: port, rest: "" };
}

/** parse_ports: "port", "port-port" or "port-port/base". */
export function parseNatPorts(text: string): ValueResult<NatPorts> {
  const first = portOrService(text, 0);
  if (first === undefined) return bad(`Port \`${text}' not valid`);
  if (first.rest === "") return ok({ min: first.value, max: first.value });
  if (first.rest.startsWith(":")) return bad("Invalid port:port syntax - use dash");
  if (!first.rest.startsWith("-")) return bad(`Garbage after port value: \`${first.rest}'`);
  const upperText = first.rest.slice(1);
  // "it is a range, don't allow service names here"
  const upper = leadingNumber(upperText, 0, 0xffff);
  if (upper === undefined) return bad(`Port \`${upperText}' not valid`);
  if (upper.value < first.value) return bad(`Port range \`${upperText}' funky`);
  if (upper.rest === "") return ok({ min: first.value, max: upper.value });
  if (!upper.rest.startsWith("/")) return bad(`Garbage after port range: \`${upper.rest}'`);
  const baseText = upper.rest.slice(1);
  // Whatever follows a numeric base is ignored: parse_ports never looks at `end` again.
  const base = portOrService(baseText, 1);
  if (base === undefined) return bad(`Port \`${baseText}' not valid`);
  return ok({ min: first.value, max: upper.value, base: base.value });
}

function isAddress(text: string, family: Family): boolean {
  return (family === "ipv4" ? inetPton4(text) : parseIPv6(text)) !== undefined;
}

/** Splits "[addr]:ports" / "addr:ports" the way parse_to does; undefined colon = no ports. */
function splitAddressAndPorts(
  text: string,
  family: Family,
): ValueResult<{ address: string; ports: string | undefined; portOnly: boolean }> {
  const open = text.indexOf("[");
  if (open === -1) {
    const colon = text.indexOf(":");
    // "Lets assume one colon is port information. Otherwise its an IPv6 address"
    const isPort = colon !== -1 && !text.includes(":", colon + 1);
    if (!isPort) return ok({ address: text, ports: undefined, portOnly: false });
    // parse_to returns without an address when the colon is at arg or arg + 2.
    return ok({ address: text.slice(0, colon), ports: text.slice(colon + 1), portOnly: colon === 0 || colon === 2 });
  }
  const close = text.indexOf("]", open + 1);
  if (close === -1 || family === "ipv4") return bad("Invalid address format");
  const colon = text.indexOf(":", close + 1);
  const address = text.slice(open + 1, close);
  if (colon === -1) return ok({ address, ports: undefined, portOnly: false });
  return ok({ address, ports: text.slice(colon + 1), portOnly: colon === 2 });
}

/** parse_to: [<ipaddr>[-<ipaddr>]][:port[-port[/port]]] for --to-source / --to-destination. */
export function parseNatRange(text: string, family: Family): ValueResult<NatRange> {
  const split = splitAddressAndPorts(text, family);
  if (!split.ok) return split;
  const { address, ports: portText, portOnly } = split.value;
  let ports: NatPorts | undefined;
  if (portText !== undefined) {
    const parsed = parseNatPorts(portText);
    if (!parsed.ok) return parsed;
    ports = parsed.value;
    if (portOnly) return ok({ ports });
  }
  const dash = address.indexOf("-");
  const min = dash === -1 ? address : address.slice(0, dash);
  const max = dash === -1 ? min : address.slice(dash + 1);
  if (!isAddress(min, family)) return bad(`Bad IP address "${min}"`);
  if (!isAddress(max, family)) return bad(`Bad IP address "${max}"`);
  return ports === undefined ? ok({ addresses: { min, max } }) : ok({ addresses: { min, max }, ports });
}

export const natRange: ValueCheck = (text, ctx) => parseNatRange(text, ctx.family);

export const natPorts: ValueCheck = (text) => parseNatPorts(text);
