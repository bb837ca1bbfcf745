/**
 * One address as `ip addr` prints it after `inet`/`inet6` (iproute2 ipaddress.c
 * print_addrinfo): `ADDR[/LEN] [peer PEER/LEN] [brd BRD] [any ANY] [scope SCOPE]
 * [metric N] [proto P] [FLAGS…] [LABEL]`. The IPv4 label is the last word and names the
 * device (`eth0`, `eth0:1`); flags are single words. A word this reader does not know is
 * kept as a flag: newer iproute2 releases add flags, and none of them changes the address.
 */
import type { Family } from "../model/netfilter.js";
import { ADDRESS_BITS } from "../model/ip/addresses.js";
import { parseAddress, parsePrefix } from "./ip-values.js";
import type { Word } from "./text-lines.js";
import type { HostAddress, HostInputProblem } from "./types.js";

/** Address flags iproute2 prints (ifa_flag_names, plus `dynamic` for a finite lifetime). */
const ADDRESS_FLAGS = new Set(["secondary", "temporary", "nodad", "optimistic", "dadfailed", "home", "deprecated", "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy", "dynamic"]);

/** Keywords followed by one value. */
const VALUED = new Set(["peer", "brd", "any", "scope", "metric", "proto"]);

export type AddressResult = { readonly ok: true; readonly address: HostAddress } | { readonly ok: false; readonly problem: HostInputProblem };

function fail(line: number, word: Word | undefined, message: string): AddressResult {
  return { ok: false, problem: { line, ...(word ? { column: word.column } : {}), message } };
}

/** `ADDR[/LEN]` of the given family; the length defaults to a host address. */
function readLocal(word: Word, family: Family): { address: string; prefixLength: number } | undefined {
  const prefix = parsePrefix(word.text);
  const slash = word.text.indexOf("/");
  const bare = parseAddress(slash < 0 ? word.text : word.text.slice(0, slash));
  if (!prefix || !bare || prefix.family !== family) return undefined;
  return { address: bare.text, prefixLength: slash < 0 ? ADDRESS_BITS[family] : prefix.length };
}

/** Reads the words after `inet`/`inet6`. */
export function readAddressWords(family: Family, ws: readonly Word[], line: number): AddressResult {
  const first = ws[0];
  if (!first) return fail(line, undefined, `\`${family === "ipv4" ? "inet" : "inet6"}\` without an address`);
  const local = readLocal(first, family);
  if (!local) return fail(line, first, `\`${first.text}' is not an ${family === "ipv4" ? "IPv4" : "IPv6"} address`);
  const values = new Map<string, string>();
  const flags: string[] = [];
  let label: string | undefined;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    if (VALUED.has(w.text)) {
      const value = ws[i + 1];
      if (!value) return fail(line, w, `\`${w.text}' without a value (is the line cut short?)`);
      values.set(w.text, value.text);
      i++;
    } else if (ADDRESS_FLAGS.has(w.text) || family === "ipv6" || i < ws.length - 1) {
      flags.push(w.text);
    } else {
      label = w.text;
    }
  }
  return buildAddress(family, local, values, flags, label, ws, line);
}

function buildAddress(family: Family, local: { address: string; prefixLength: number }, values: Map<string, string>, flags: string[], label: string | undefined, ws: readonly Word[], line: number): AddressResult {
  const brdText = values.get("brd");
  const brd = brdText === undefined ? undefined : parseAddress(brdText);
  if (brdText !== undefined && (!brd || brd.family !== family)) return fail(line, ws.find((w) => w.text === brdText), `\`${brdText}' is not a broadcast address`);
  const peerText = values.get("peer");
  const peer = peerText === undefined ? undefined : parsePrefix(peerText);
  if (peerText !== undefined && (!peer || peer.family !== family)) return fail(line, ws.find((w) => w.text === peerText), `\`${peerText}' is not a peer address`);
  const scope = values.get("scope");
  return {
    ok: true,
    address: {
      family,
      address: local.address,
      prefixLength: local.prefixLength,
      ...(brd ? { broadcast: brd.text } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(peer ? { peer: peer.text } : {}),
      ...(label !== undefined ? { label } : {}),
      flags,
    },
  };
}
