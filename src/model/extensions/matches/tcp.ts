/**
 * `-m tcp`, also loaded implicitly by `-p tcp` (libxt_tcp.c: an old-style parser with
 * its own getopt table and messages; kernel xt_tcpudp.c checks the rule's protocol).
 */
import { uint } from "../../values/number.js";
import { portRange } from "../../values/port.js";
import { bad, ok } from "../../values/result.js";
import { tcpFlagList } from "../../values/tcpflags.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";

/** --tcp-option: xtables_strtoui(0..255), "Bad TCP option". */
const tcpOption: ValueCheck = (text, ctx) => {
  const r = uint(0, 255, "TCP option")(text, ctx);
  return r.ok ? ok(r.value) : bad(`Bad TCP option "${text}"`);
};

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
};
