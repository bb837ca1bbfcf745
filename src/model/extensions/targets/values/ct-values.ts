/**
 * Values of the CT target (extensions/libxt_CT.c) and the conntrack helpers its kernel
 * check looks up (net/netfilter/xt_CT.c xt_ct_set_helper).
 */
import type { Family } from "../../../netfilter.js";
import type { ValueCheck } from "../../types.js";
import { parseUint, UINT16_MAX } from "../../../values/number.js";
import { bad, ok } from "../../../values/result.js";

/** ct_event_tbl / exp_event_tbl: names compared with strcmp (case-sensitive). */
export const CT_EVENTS = [
  "new",
  "related",
  "destroy",
  "reply",
  "assured",
  "protoinfo",
  "helper",
  "mark",
  "natseqinfo",
  "secmark",
] as const;
export const EXPECTATION_EVENTS = ["new"] as const;

/** ct_parse_events: a comma list; an empty element is an unknown event "" as well. */
export function eventList(names: readonly string[]): ValueCheck {
  return (text) => {
    for (const event of text.split(",")) {
      if (!names.includes(event)) return bad(`Unknown event type "${event}"`);
    }
    return ok(text.split(","));
  };
}

/** ct_parse_zone_id: "mark" (any case) or a number 0-65535. */
export const zoneId: ValueCheck = (text) => {
  if (text.toLowerCase() === "mark") return ok("mark");
  const n = parseUint(text, 0, UINT16_MAX);
  return n === undefined ? bad(`Cannot parse ${text} as a zone ID`) : ok(n);
};

/**
 * Conntrack helpers the oracle's kernel registers, by family and protocol number. It is a
 * property of the kernel build (nf_conntrack_* modules), probed one by one:
 * oracle: `-p tcp -j CT --helper ftp` → accepted; `-p udp … ftp`, `-p sctp … ftp`,
 * `--helper h245`, `--helper nosuch` → RULE_APPEND failed (No such file or directory);
 * IPv6 `irc`, `pptp`, `snmp`, `netbios-ns` → rejected. Names are case-sensitive.
 */
const HELPERS: Readonly<Record<Family, Readonly<Record<string, readonly number[]>>>> = {
  ipv4: {
    ftp: [6],
    tftp: [17],
    irc: [6],
    sip: [6, 17],
    amanda: [17],
    pptp: [6],
    sane: [6],
    snmp: [17],
    "netbios-ns": [17],
    RAS: [17],
    "Q.931": [6],
  },
  ipv6: {
    ftp: [6],
    tftp: [17],
    sip: [6, 17],
    amanda: [17],
    sane: [6],
    RAS: [17],
    "Q.931": [6],
  },
};

/** The helper field is char[16]: a longer name is truncated (and then not found). */
const HELPER_NAME_MAX = 15;

export function isKnownHelper(name: string, family: Family, protocol: number): boolean {
  const truncated = name.slice(0, HELPER_NAME_MAX);
  const protocols = Object.hasOwn(HELPERS[family], truncated) ? HELPERS[family][truncated] : undefined;
  return protocols?.includes(protocol) ?? false;
}
