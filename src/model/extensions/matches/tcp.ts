/**
 * `-m tcp`, also loaded implicitly by `-p tcp` (libxt_tcp.c: an old-style parser with
 * its own getopt table and messages; kernel xt_tcpudp.c checks the rule's protocol).
 */
import { parseUint, uint } from "../../values/number.js";
import { portRange } from "../../values/port.js";
import { bad, ok } from "../../values/result.js";
import { TCP_FLAGS, tcpFlagList } from "../../values/tcpflags.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { bang, range } from "./save-helpers.js";
import { given, words } from "../save-text.js";
import type { GivenOption, SaveContext } from "../types.js";
import type { PortRange } from "../../values/port.js";

/** --tcp-option: xtables_strtoui(0..255), "Bad TCP option". */
const tcpOption: ValueCheck = (text, ctx) => {
  const r = uint(0, 255, "TCP option")(text, ctx);
  return r.ok ? ok(r.value) : bad(`Bad TCP option "${text}"`);
};

/** print_tcpf: flag names in bit order, "NONE" for none (ALL is never printed). */
const FLAG_ORDER = ["FIN", "SYN", "RST", "PSH", "ACK", "URG"] as const;
function tcpFlagNames(bits: number): string {
  const names = FLAG_ORDER.filter((f) => (bits & TCP_FLAGS[f]!) !== 0);
  return names.length === 0 ? "NONE" : names.join(",");
}

/** tcp_save prints a port option unless it is the full range 0:65535. */
function savePorts(o: GivenOption | undefined, name: string): string {
  if (o === undefined) return "";
  const r = portRange(o.values[0]!, { family: "ipv4" });
  const { from, to } = (r.ok ? r.value : { from: 0, to: 65535 }) as PortRange;
  return from === 0 && to === 65535 ? "" : `${bang(o)}--${name} ${range(from, to)}`;
}

/** `--syn` is stored as flags FIN,SYN,RST,ACK / SYN and printed that way. */
function saveFlags(ctx: SaveContext): string {
  const syn = given(ctx, "syn");
  if (syn !== undefined) return `${bang(syn)}--tcp-flags FIN,SYN,RST,ACK SYN`;
  const o = given(ctx, "tcp-flags");
  if (o === undefined) return "";
  const [mask, comp] = o.values.map((v) => tcpFlagList(v, { family: "ipv4" })).map((r) => (r.ok ? (r.value as number) : 0));
  return `${bang(o)}--tcp-flags ${tcpFlagNames(mask!)} ${tcpFlagNames(comp!)}`;
}

/** tcp_save: --sport, --dport, --tcp-option, --tcp-flags, in that order. */
function saveTcp(ctx: SaveContext): string {
  const option = given(ctx, "tcp-option");
  return words(
    savePorts(given(ctx, "sport"), "sport"),
    savePorts(given(ctx, "dport"), "dport"),
    option && `${bang(option)}--tcp-option ${parseUint(option.values[0]!, 0, 255)}`,
    saveFlags(ctx),
  );
}

export const tcpMatch: ExtensionSpec = {
  kind: "match",
  name: "tcp",
  families: ["ipv4", "ipv6"],
  summary: "match TCP ports, flags and options",
  options: [
    { name: "sport", aliases: ["source-port"], arg: "required", invertible: true, value: portRange },
    { name: "dport", aliases: ["destination-port"], arg: "required", invertible: true, value: portRange },
    { name: "syn", arg: "none", invertible: true, excludes: ["tcp-flags"] },
    {
      name: "tcp-flags",
      arg: "required",
      extraArgs: 1,
      invertible: true,
      value: tcpFlagList,
      extraValues: [tcpFlagList],
      excludes: ["syn"],
    },
    { name: "tcp-option", arg: "required", invertible: true, value: tcpOption },
  ],
  // xt_tcpudp.c tcp_mt_check: "TCP match requires '-p tcp'" (nft names it, legacy says EINVAL)
  requiresProtocol: ["tcp"],
  save: saveTcp,
};
