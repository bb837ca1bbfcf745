/**
 * ICMP and ICMPv6 type names (libxtables xtables_parse_icmp / libxt_icmp.c,
 * libip6t_icmp6.c), in the order of iptables' tables, aliases right after their name.
 * A name may be abbreviated to any case-insensitive prefix that fits one entry only
 * ("echo-req"); otherwise `TYPE[/CODE]` numbers 0..255 (base 0).
 */
import type { ValueCheck } from "../extensions/types.js";
import { parseUint } from "./number.js";
import { bad, ok } from "./result.js";

/** [name, type, code]; code undefined = every code of the type. */
type IcmpName = readonly [string, number, number?];

export const ICMP_TYPES: readonly IcmpName[] = [
  ["any", 0xff],
  ["echo-reply", 0],
  ["pong", 0],
  ["destination-unreachable", 3],
  ["network-unreachable", 3, 0],
  ["host-unreachable", 3, 1],
  ["protocol-unreachable", 3, 2],
  ["port-unreachable", 3, 3],
  ["fragmentation-needed", 3, 4],
  ["source-route-failed", 3, 5],
  ["network-unknown", 3, 6],
  ["host-unknown", 3, 7],
  ["network-prohibited", 3, 9],
  ["host-prohibited", 3, 10],
  ["TOS-network-unreachable", 3, 11],
  ["TOS-host-unreachable", 3, 12],
  ["communication-prohibited", 3, 13],
  ["host-precedence-violation", 3, 14],
  ["precedence-cutoff", 3, 15],
  ["source-quench", 4],
  ["redirect", 5],
  ["network-redirect", 5, 0],
  ["host-redirect", 5, 1],
  ["TOS-network-redirect", 5, 2],
  ["TOS-host-redirect", 5, 3],
  ["echo-request", 8],
  ["ping", 8],
  ["router-advertisement", 9],
  ["router-solicitation", 10],
  ["time-exceeded", 11],
  ["ttl-exceeded", 11],
  ["ttl-zero-during-transit", 11, 0],
  ["ttl-zero-during-reassembly", 11, 1],
  ["parameter-problem", 12],
  ["ip-header-bad", 12, 0],
  ["required-option-missing", 12, 1],
  ["timestamp-request", 13],
  ["timestamp-reply", 14],
  ["address-mask-request", 17],
  ["address-mask-reply", 18],
];

export const ICMPV6_TYPES: readonly IcmpName[] = [
  ["destination-unreachable", 1],
  ["no-route", 1, 0],
  ["communication-prohibited", 1, 1],
  ["beyond-scope", 1, 2],
  ["address-unreachable", 1, 3],
  ["port-unreachable", 1, 4],
  ["failed-policy", 1, 5],
  ["reject-route", 1, 6],
  ["packet-too-big", 2],
  ["time-exceeded", 3],
  ["ttl-exceeded", 3],
  ["ttl-zero-during-transit", 3, 0],
  ["ttl-zero-during-reassembly", 3, 1],
  ["parameter-problem", 4],
  ["bad-header", 4, 0],
  ["unknown-header-type", 4, 1],
  ["unknown-option", 4, 2],
  ["echo-request", 128],
  ["ping", 128],
  ["echo-reply", 129],
  ["pong", 129],
  ["router-solicitation", 133],
  ["router-advertisement", 134],
  ["neighbour-solicitation", 135],
  ["neighbor-solicitation", 135],
  ["neighbour-advertisement", 136],
  ["neighbor-advertisement", 136],
  ["redirect", 137],
];

export interface IcmpType {
  readonly type: number;
  readonly codes: readonly [number, number];
}

function icmpTypeCheck(table: readonly IcmpName[], label: "ICMP" | "ICMPv6"): ValueCheck {
  return (text) => {
    const lower = text.toLowerCase();
    const hits = table.filter(([name]) => name.toLowerCase().startsWith(lower));
    if (hits.length > 1) {
      return bad(`Ambiguous ${label} type \`${text}': \`${hits[0]![0]}' or \`${hits[1]![0]}'?`);
    }
    if (hits.length === 1) {
      const [, type, code] = hits[0]!;
      return ok<IcmpType>({ type, codes: code === undefined ? [0, 0xff] : [code, code] });
    }
    const slash = text.indexOf("/");
    const type = parseUint(slash < 0 ? text : text.slice(0, slash), 0, 255);
    if (type === undefined) return bad(`Unknown ${label} type \`${text}'`);
    if (slash < 0) return ok<IcmpType>({ type, codes: [0, 0xff] });
    const codeText = text.slice(slash + 1);
    const code = parseUint(codeText, 0, 255);
    if (code === undefined) {
      // a number followed by junk ("8/0/1") gets the parser's own complaint (oracle)
      const junk = /^[0-9]+([^0-9])/.exec(codeText);
      if (junk !== null && parseUint(codeText.slice(0, junk[0].length - 1), 0, 255) !== undefined) {
        return bad(`unknown character ${junk[1]}`);
      }
      return bad(`Unknown ${label} code \`${text}'`);
    }
    return ok<IcmpType>({ type, codes: [code, code] });
  };
}

/** `-m icmp --icmp-type`. */
export const icmpType: ValueCheck = icmpTypeCheck(ICMP_TYPES, "ICMP");

/** `-m icmp6 --icmpv6-type`. */
export const icmpv6Type: ValueCheck = icmpTypeCheck(ICMPV6_TYPES, "ICMPv6");

/**
 * icmp_save / icmp6_save: the type as a number with `/CODE` when one code was chosen;
 * libxt_icmp.c prints type 255 with every code as "any" (IPv4 only).
 */
export function formatIcmpType(t: IcmpType, family: "ipv4" | "ipv6"): string {
  const allCodes = t.codes[0] === 0 && t.codes[1] === 0xff;
  if (family === "ipv4" && t.type === 0xff && allCodes) return "any";
  return allCodes ? `${t.type}` : `${t.type}/${t.codes[0]}`;
}
