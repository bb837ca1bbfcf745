/**
 * `--addr FILE`: the host's interfaces and addresses from whichever form of `ip addr` the
 * user pasted (iproute2 ipaddress.c):
 * - `ip addr` / `ip address show` / `ip -4 addr` / `ip -6 addr`: a header line per device
 *   (`7: veth12ab@if6: <BROADCAST,…,UP> mtu 1500 … master docker0 state UP …`) followed by
 *   indented `link/…`, `inet …`, `inet6 …` and `valid_lft …` lines;
 * - `ip -o addr`: one line per address, `7: veth12ab    inet6 fe80::…/64 scope link \  valid_lft …`;
 * - `ip -br addr`: `veth12ab@if6     UP             fe80::…/64`;
 * - `ip -j addr`, `ip -j -p addr`: JSON (ip-addr-json.ts).
 * The form is told per line, so outputs pasted one after another are read together. A line
 * that fits no form is a problem and the next line is read as usual: a paste cut short
 * still gives every interface before the cut.
 */
import type { Family } from "../model/netfilter.js";
import { readAddressWords } from "./address-words.js";
import { parseIpAddrJson } from "./ip-addr-json.js";
import { deviceName, InterfaceTable } from "./interface-table.js";
import { parsePrefix } from "./ip-values.js";
import { looksLikeJson } from "./json-elements.js";
import { textLines, words, type TextLine } from "./text-lines.js";
import type { HostInputProblem, ParsedAddresses } from "./types.js";

/** `N: NAME[@LINK]: <FLAGS> rest` */
const HEADER = /^(\d+):\s+([^\s:]+):\s+<([^>]*)>(.*)$/;
/** `N: NAME    inet|inet6 …` (ip -o; the name has no colon after it). */
const ONE_LINE = /^(\d+):\s+([^\s:]+)\s+(inet6?)\s+(.*)$/;
/** `NAME[@LINK]   STATE   ADDR/LEN …` (ip -br); the states are rtnetlink's IF_OPER_* names. */
const BRIEF = /^(\S+)\s+(UP|DOWN|UNKNOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)(?=\s|$)(.*)$/;
const INDENTED_ADDRESS = /^(\s+)(inet6?)(\s+)(.*)$/;

interface Reader {
  readonly table: InterfaceTable;
  readonly problems: HostInputProblem[];
  /** The device of the last header line, for the indented lines under it. */
  current?: string;
}

function familyOf(keyword: string): Family {
  return keyword === "inet6" ? "ipv6" : "ipv4";
}

/** `state UP`, `master docker0` out of the rest of a header line. */
function headerValue(rest: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key}\\s+(\\S+)`).exec(rest)?.[1];
}

function readHeader(r: Reader, m: RegExpExecArray): void {
  const [, index, printed, flags, rest] = m as unknown as [string, string, string, string, string];
  const state = headerValue(rest, "state");
  const master = headerValue(rest, "master");
  r.current = r.table.interface(deviceName(printed), {
    index: Number(index),
    flags: flags.split(",").filter((f) => f !== ""),
    ...(state !== undefined ? { state } : {}),
    ...(master !== undefined ? { master } : {}),
  });
}

function readAddress(r: Reader, iface: string, keyword: string, rest: string, restColumn: number, line: number): void {
  const result = readAddressWords(familyOf(keyword), words(rest, restColumn - 1), line);
  if (result.ok) r.table.addAddress(iface, result.address);
  else r.problems.push(result.problem);
}

function readOneLine(r: Reader, line: TextLine, m: RegExpExecArray): void {
  const [, index, printed, keyword, rest] = m as unknown as [string, string, string, string, string];
  const iface = r.table.interface(deviceName(printed), { index: Number(index) });
  // Everything after the backslash is the lifetimes line that -o folded in.
  const cut = rest.indexOf("\\");
  readAddress(r, iface, keyword, cut < 0 ? rest : rest.slice(0, cut), line.text.length - rest.length + 1, line.number);
}

function readBrief(r: Reader, line: TextLine, m: RegExpExecArray): void {
  const [, printed, state, rest] = m as unknown as [string, string, string, string];
  const iface = r.table.interface(deviceName(printed), { state });
  for (const w of words(rest, line.text.length - rest.length)) {
    const prefix = parsePrefix(w.text);
    if (!prefix) {
      r.problems.push({ line: line.number, column: w.column, message: `\`${w.text}' is not an address with a prefix length` });
      continue;
    }
    readAddress(r, iface, prefix.family === "ipv4" ? "inet" : "inet6", w.text, w.column, line.number);
  }
}

function readIndented(r: Reader, line: TextLine): void {
  const m = INDENTED_ADDRESS.exec(line.text);
  if (r.current === undefined) {
    r.problems.push({ line: line.number, column: line.text.search(/\S/) + 1, message: "an indented line with no interface header above it" });
    return;
  }
  // link/ether, valid_lft, altname and `ip -d` details say nothing about addresses.
  if (!m) return;
  const [, indent, keyword, gap, rest] = m as unknown as [string, string, string, string, string];
  readAddress(r, r.current, keyword, rest, indent.length + keyword.length + gap.length + 1, line.number);
}

function readLine(r: Reader, line: TextLine): void {
  if (line.text.trim() === "") return;
  if (/^\s/.test(line.text)) return readIndented(r, line);
  r.current = undefined;
  let m = HEADER.exec(line.text);
  if (m) return readHeader(r, m);
  m = ONE_LINE.exec(line.text);
  if (m) return readOneLine(r, line, m);
  m = BRIEF.exec(line.text);
  if (m) return readBrief(r, line, m);
  r.problems.push({ line: line.number, column: 1, message: "not a line of `ip addr`, `ip -o addr` or `ip -br addr` output" });
}

export function parseIpAddr(text: string): ParsedAddresses {
  if (looksLikeJson(text)) return parseIpAddrJson(text);
  const r: Reader = { table: new InterfaceTable(), problems: [] };
  for (const line of textLines(text)) readLine(r, line);
  return { interfaces: r.table.result(), problems: r.problems };
}
